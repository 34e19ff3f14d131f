/**
 * The bot the runtime tests run under Node, Deno, Bun and workerd: read the history, listen for one new
 * message, answer it in its thread. Bundled with esbuild into one ES module that imports nothing,
 * it uses only what the README promises those runtimes have: fetch, Web Crypto, timers.
 */
import { MemoryStore, type Channel, type Message } from 'everywhere';
import { discourse } from 'everywhere/discourse';
import { facebook } from 'everywhere/facebook';
import { twitter } from 'everywhere/twitter';

export type Adapter = 'twitter' | 'facebook' | 'discourse';

export interface BotConfig {
  adapter: Adapter;
  /** The sandbox's options for that adapter: baseUrl and credentials. */
  options: Record<string, string>;
  /** Posted to once listen() runs: the test makes the customer write then. */
  readyUrl: string;
}

export interface BotResult {
  /** `navigator.userAgent`: says which runtime really ran the bot. */
  runtime: string;
  /** Ids from `messages()`, newest first. */
  history: string[];
  heard: { id: string; threadId: string; text: string };
  reply: { id: string; threadId: string; parentId: string | undefined; text: string };
}

const POLL_INTERVAL_MS = 50;

function createChannel(config: BotConfig): Channel {
  const common = { store: new MemoryStore(), pollIntervalMs: POLL_INTERVAL_MS };
  const options = config.options;
  switch (config.adapter) {
    case 'twitter':
      return twitter({ baseUrl: options.baseUrl!, accessToken: options.accessToken!, userId: options.userId!, ...common });
    case 'facebook':
      return facebook({ baseUrl: options.baseUrl!, pageId: options.pageId!, pageAccessToken: options.pageAccessToken!, appSecret: options.appSecret!, ...common });
    case 'discourse':
      return discourse({ baseUrl: options.baseUrl!, apiKey: options.apiKey!, apiUsername: options.apiUsername!, ...common });
  }
}

export async function runBot(config: BotConfig): Promise<BotResult> {
  const channel = createChannel(config);
  const controller = new AbortController();
  try {
    const history: string[] = [];
    for await (const message of channel.messages({ limit: 10, signal: controller.signal })) history.push(message.id);

    const messages = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
    const first = messages.next(); // listen()'s first run starts at this moment
    const ready = await fetch(config.readyUrl, { method: 'POST' });
    await ready.arrayBuffer();
    if (!ready.ok) throw new Error(`the test's ready hook answered ${ready.status}`);
    const next = await first;
    if (next.done) throw new Error('listen() ended before a message came');
    const heard: Message = next.value;

    const reply = await channel.reply(heard, { text: `Thanks ${heard.author.handle ?? heard.author.name ?? ''}, we are on it.` });
    await messages.return?.(); // leaving the loop: the message is handled
    return {
      // Node 20 has no navigator (21 added it): its version says it instead.
      runtime: globalThis.navigator?.userAgent ?? (globalThis.process?.versions?.node ? `Node.js/${globalThis.process.versions.node}` : 'unknown'),
      history,
      heard: { id: heard.id, threadId: heard.threadId, text: heard.text },
      reply: { id: reply.id, threadId: reply.threadId, parentId: reply.parentId, text: reply.text },
    };
  } finally {
    controller.abort();
    await channel.close();
  }
}

/** The module worker workerd runs: POST a BotConfig, get the BotResult (or `{ error }`) as JSON. */
export default {
  async fetch(request: Request): Promise<Response> {
    try {
      return Response.json(await runBot((await request.json()) as BotConfig));
    } catch (error) {
      return Response.json({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, { status: 500 });
    }
  },
};
