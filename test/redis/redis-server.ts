/**
 * A real redis-server for the tests: started on a free 127.0.0.1 port with persistence off
 * (`redis-server --port <p> --bind 127.0.0.1 --save '' --appendonly no`), and stopped by the pid we
 * started (redis deletes its pidfile on shutdown).
 *
 * Without a redis-server that runs here these tests are reported skipped and one line says so,
 * unless CI is set (to any non-empty value), where that fails the run: CI must install it.
 */
import { firstInThisRun, freePort, inCI } from '../support/real-servers.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect as connectSocket } from 'node:net';

export interface RedisServer {
  port: number;
  url: string;
  pid: number;
  /** Stop the server (SIGTERM, then SIGKILL), e.g. to see how the store copes with Redis going away. */
  stop(): Promise<void>;
  /** Start it again on the same port. */
  restart(): Promise<void>;
}

const INSTALL_HINT = 'apt-get install -y redis-server';
const REDIS_TESTS = 'test/redis (RedisStore store suite, Redis outage, multi-worker processes, hub over Redis)';

/** True when the redis-server binary on the PATH runs. */
export function hasRedisServer(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/**
 * Whether the Redis tests can run (`describe.runIf(redisAvailable())`: without it they are reported
 * skipped). Missing redis-server: false, and one line on stderr for the whole run (test files run in
 * forks of one vitest process: the first fork to get here says it); under CI an error, so the file fails.
 */
export function redisAvailable(): boolean {
  if (hasRedisServer()) return true;
  if (inCI()) throw new Error(`redis-server is required in CI for ${REDIS_TESTS}: ${INSTALL_HINT}`);
  if (firstInThisRun('redis-missing')) process.stderr.write(`redis-server not found: skipped ${REDIS_TESTS}; install it: ${INSTALL_HINT}\n`);
  return false;
}



export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let child = await launch(port);
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child.pid!;
    },
    async stop() {
      await terminate(child);
    },
    async restart() {
      await terminate(child);
      child = await launch(port);
    },
  };
  return server;
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 10_000;
  while (!(await accepts(port))) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode} before listening on ${port}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`redis-server did not listen on ${port} within 10 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

async function terminate(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connectSocket(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export { freePort };
