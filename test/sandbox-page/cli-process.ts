/** Runs an `everywhere sandbox` process and reads the page address it prints. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningSandbox {
  child: ChildProcess;
  pageUrl: string;
  output: () => string;
  stop(): Promise<number | null>;
}

export function runSandboxCommand(command: string, args: string[], cwd: string, timeoutMs = 60_000): Promise<RunningSandbox> {
  // Its own process group, so Ctrl-C (SIGINT) reaches the command through npx or npm as a terminal would send it.
  const child = spawn(command, args, { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal('SIGTERM');
      reject(new Error(`no page address printed within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /page:\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (match && /Ctrl-C/.test(output)) {
        clearTimeout(timer);
        resolve({
          child,
          pageUrl: match[1]!,
          output: () => output,
          stop: async () => {
            signal('SIGINT');
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the sandbox command exited (${code}) before printing its address:\n${output}`));
    });
  });
}
