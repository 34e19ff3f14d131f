/**
 * `startSandboxPage()`: the sandbox you can see. A small HTTP server on 127.0.0.1 serves one page
 * (HTML, one JS module, one CSS file, all shipped as strings: nothing fetched, works offline) and its
 * API: the state, a server-sent event stream, writing as a customer, faults, transcripts, restart.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox, type SandboxOptions } from '../testing/sandbox.js';
import { PAGE_HTML } from './assets/page-html.js';
import { PAGE_SCRIPT } from './assets/page-script.js';
import { PAGE_STYLE } from './assets/page-style.js';
import { readCustomerAction } from './customer-action.js';
import { injectFault, readFaultRequest } from './faults.js';
import { PLATFORM_FACES } from './platforms/index.js';
import { replayTranscript } from './replay-transcript.js';
import { SandboxSession, type SessionEvent } from './sandbox-session.js';
import { readTranscript, TRANSCRIPT_FORMAT, type Transcript } from './transcript.js';

export interface SandboxPageOptions {
  /** A sandbox already started; without it the page starts one (and closes it on close()). */
  sandbox?: Sandbox;
  /** Options of the sandboxes the page starts: the first (without `sandbox`) and each restart's. */
  sandboxOptions?: SandboxOptions;
  /** The page's port on 127.0.0.1. @default a free port */
  port?: number;
  /** A bot to run beside the page, over the sandbox's channels: stopped (its signal aborted) and started again on each restart. */
  bot?: (sandbox: Sandbox, signal: AbortSignal) => Promise<void>;
}

export interface SandboxPage {
  /** The page, e.g. "http://127.0.0.1:4400/". */
  url: string;
  /** The sandbox the page shows now (a restart replaces it, on the same port). */
  readonly sandbox: Sandbox;
  readonly session: SandboxSession;
  close(): Promise<void>;
}

const BODY_LIMIT = 8 * 1024 * 1024;
const RECENT_REQUESTS = 200;
const BOT_STOP_MS = 5000;
// How long a restart waits for the bot's first poll of every platform before the customers write again: a
// message written before a channel listens is history, never delivered. A bot that leaves a platform out
// waits this long once; on a loaded machine (CI) 5 s was too short for nine channels to start.
const BOT_LISTENING_MS = 30_000;
const LOCAL_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/;

function checkOptions(options: SandboxPageOptions): void {
  if (typeof options !== 'object' || options === null) throw new TypeError('startSandboxPage options must be an object');
  const { port, bot, sandbox, sandboxOptions } = options;
  if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535)) throw new TypeError('port must be a whole number from 0 to 65535');
  if (bot !== undefined && typeof bot !== 'function') throw new TypeError('bot must be a function (sandbox, signal) => Promise<void>');
  if (sandbox !== undefined && (typeof sandbox !== 'object' || sandbox === null || typeof sandbox.url !== 'string')) throw new TypeError('sandbox must be a sandbox from createSandbox()');
  if (sandboxOptions !== undefined && (typeof sandboxOptions !== 'object' || sandboxOptions === null)) throw new TypeError('sandboxOptions must be an object');
}

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

export async function startSandboxPage(options: SandboxPageOptions = {}): Promise<SandboxPage> {
  checkOptions(options);
  const ownsFirst = options.sandbox === undefined;
  let sandbox = options.sandbox ?? (await createSandbox(options.sandboxOptions));
  let ownsSandbox = ownsFirst;
  const session = new SandboxSession(sandbox);
  const streams = new Set<ServerResponse>();
  let bot: { controller: AbortController; done: Promise<void> } | undefined;
  let restarting: Promise<unknown> = Promise.resolve();

  const notice = (text: string) => broadcast('notice', { text });
  const broadcast = (type: string, data: unknown) => {
    const frame = `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const stream of streams) stream.write(frame);
  };
  session.on((event: SessionEvent) => broadcast(event.type, event));

  const startBot = () => {
    if (!options.bot) return;
    const controller = new AbortController();
    const done = options
      .bot(sandbox, controller.signal)
      .catch((error: unknown) => {
        if (!controller.signal.aborted) notice(`the bot stopped: ${error instanceof Error ? error.message : String(error)}`);
      });
    bot = { controller, done };
  };
  const stopBot = async () => {
    if (!bot) return;
    bot.controller.abort();
    await Promise.race([bot.done, new Promise((resolve) => setTimeout(resolve, BOT_STOP_MS).unref())]);
    bot = undefined;
  };

  /** A fresh sandbox on the same port (channels keep their base URLs), the transcript's customers up to `upTo` written again. */
  const restart = async (transcript: Transcript, upTo: number | undefined) => {
    await stopBot();
    const port = Number(new URL(sandbox.url).port);
    if (ownsSandbox) await sandbox.close();
    else await sandbox.close().catch(() => undefined);
    sandbox = await createSandbox({ ...options.sandboxOptions, port });
    ownsSandbox = true;
    session.switchTo(sandbox);
    // The bot listens from when it starts: the customers write once it has asked every platform.
    startBot();
    if (options.bot) await botListening(sandbox);
    const result = replayTranscript(sandbox, transcript, upTo === undefined ? {} : { upTo });
    const byN = new Map(transcript.entries.map((entry) => [entry.n, entry]));
    session.noteActions(result.replayed.map(({ n, nativeId }) => ({ nativeId, action: byN.get(n)!.action! })));
    session.refresh();
    broadcast('restart', { upTo: upTo ?? null, skipped: result.skipped, state: state() });
    return result;
  };

  /** One restart at a time: each waits for the one before it (failed or not). */
  const queueRestart = (transcript: Transcript, upTo: number | undefined) => {
    const next = restarting.catch(() => undefined).then(() => restart(transcript, upTo));
    restarting = next;
    return next;
  };

  const currentTranscript = (): Transcript => ({ format: TRANSCRIPT_FORMAT, version: 1, savedAt: new Date().toISOString(), entries: [...session.transcript] });

  const state = () => ({
    sandboxUrl: sandbox.url,
    platforms: PLATFORM_FACES.map((face) => ({ platform: face.platform, label: face.label, kinds: face.kinds })),
    rows: session.rows(),
    requests: Object.fromEntries(PLATFORM_FACES.map((face) => {
      const count = face.emulator(sandbox).requests.length;
      return [face.platform, session.requests(face.platform, Math.max(0, count - RECENT_REQUESTS))];
    })),
    buckets: Object.fromEntries(PLATFORM_FACES.map((face) => [face.platform, session.buckets(face.platform)])),
    transcript: session.transcript,
  });

  async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = `${request.method} ${url.pathname}`;
    // Only pages of this machine: a site that points its own name at 127.0.0.1 (DNS rebinding) is refused.
    if (!LOCAL_HOST.test(request.headers.host ?? '')) return sendJson(response, 403, { error: 'the sandbox page answers only http://127.0.0.1 and http://localhost' });
    if (route === 'GET /' || route === 'GET /index.html') return send(response, 200, PAGE_HTML, 'text/html; charset=utf-8');
    if (route === 'GET /page.js') return send(response, 200, PAGE_SCRIPT, 'text/javascript; charset=utf-8');
    if (route === 'GET /page.css') return send(response, 200, PAGE_STYLE, 'text/css; charset=utf-8');
    if (route === 'GET /api/state') return sendJson(response, 200, state());
    if (route === 'GET /api/events') return openStream(response);
    if (route === 'GET /api/transcript') {
      response.setHeader('content-disposition', `attachment; filename="sandbox-transcript-${new Date().toISOString().replace(/[:.]/g, '-')}.json"`);
      return sendJson(response, 200, currentTranscript());
    }
    const detail = /^GET \/api\/requests\/([a-z-]+)\/(\d+)$/.exec(route);
    if (detail) {
      const found = session.request(detail[1]!, Number(detail[2]));
      return found ? sendJson(response, 200, found) : sendJson(response, 404, { error: 'no such request' });
    }
    if (request.method === 'POST' && url.pathname.startsWith('/api/')) {
      const body = await readJson(request);
      if (route === 'POST /api/customer') {
        const action = readCustomerAction(body, new Map(PLATFORM_FACES.map((face) => [face.platform, face.kinds])));
        return sendJson(response, 201, session.act(action));
      }
      if (route === 'POST /api/fault') {
        const fault = readFaultRequest(body);
        const outcome = await injectFault(sandbox, fault, session.lastCustomerRow(fault.platform));
        notice(outcome.message);
        return sendJson(response, outcome.ok ? 200 : 422, outcome);
      }
      if (route === 'POST /api/transcript') {
        const transcript = readTranscript(body);
        return sendJson(response, 200, await queueRestart(transcript, undefined));
      }
      if (route === 'POST /api/restart') {
        const upTo = (body as { upTo?: unknown } | null)?.upTo;
        if (!Number.isInteger(upTo) || (upTo as number) < 0) throw new TypeError('upTo must be a whole number ≥ 0: the last message kept');
        return sendJson(response, 200, await queueRestart(currentTranscript(), upTo as number));
      }
    }
    return sendJson(response, 404, { error: `no ${route}` });
  }

  function openStream(response: ServerResponse): void {
    response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    // The state first, in the stream itself: every change the page is sent after it applies on top of it.
    response.write(`: the sandbox page\n\nevent: state\ndata: ${JSON.stringify(state())}\n\n`);
    streams.add(response);
    response.on('close', () => streams.delete(response));
  }

  const server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.end();
      if (error instanceof TypeError || error instanceof SyntaxError) sendJson(response, 400, { error: error.message });
      else if (error instanceof HttpError) sendJson(response, error.status, { error: error.message });
      else sendJson(response, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  startBot();

  return {
    url,
    get sandbox() {
      return sandbox;
    },
    session,
    async close() {
      await restarting.catch(() => undefined);
      await stopBot();
      session.close();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsSandbox) await sandbox.close();
    },
  };
}

/** Until every emulator of a fresh sandbox has had a request (the bot's first polls: it listens), or BOT_LISTENING_MS. */
async function botListening(sandbox: Sandbox): Promise<void> {
  const deadline = Date.now() + BOT_LISTENING_MS;
  while (Date.now() < deadline && PLATFORM_FACES.some((face) => face.emulator(sandbox).requests.length === 0)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const type = request.headers['content-type'] ?? '';
  if (!type.startsWith('application/json')) throw new HttpError(415, 'send JSON (content-type: application/json)');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > BODY_LIMIT) throw new HttpError(413, `a body of at most ${BODY_LIMIT} bytes`);
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
}

function send(response: ServerResponse, status: number, body: string, type: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' }).end(body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  send(response, status, JSON.stringify(body), 'application/json; charset=utf-8');
}
