/**
 * One customer conversation on the sandbox for the runtime tests: a message already in the history,
 * a ready hook that makes a new customer write once the bot listens, and the checks of what the
 * emulator holds afterwards (the bot's answer, in the right thread, sent once).
 */
import { createServer, type Server } from 'node:http';
import { expect } from 'vitest';
import { createSandbox, TWITTER_BUCKETS, type Sandbox } from '../../src/testing/index.js';
import type { Adapter, BotConfig, BotResult } from './bot.js';

export const ADAPTERS: Adapter[] = ['twitter', 'facebook', 'discourse'];

export interface BotScene {
  config: BotConfig;
  /** Checks the bot's result and the emulator's state after the run. */
  check(result: BotResult): void;
  close(): Promise<void>;
}

interface Conversation {
  historyId: string;
  /** Resolves once the history is history for listen(): its first run starts after it. */
  settled?: Promise<void>;
  /** Makes the customer write; the id the bot must hear. */
  customerWrites(): string;
  /** The bot's posts on the platform (ids), and which of them answer `heardId` in its thread. */
  botPosts(): string[];
  answersTo(heardId: string): string[];
  threadOf(heardId: string): string;
}

export async function createBotScene(adapter: Adapter): Promise<BotScene> {
  // The mentions bucket refills fast, so listen's pacing by the quota left keeps its polls close together.
  const sandbox = await createSandbox({ twitter: { limits: { [TWITTER_BUCKETS.mentions]: { limit: 300, windowMs: 10_000 } } } });
  const conversation = CONVERSATIONS[adapter](sandbox);
  await conversation.settled;
  let heardId: string | undefined;
  const hook = await serveReadyHook(() => {
    if (heardId !== undefined) return false;
    heardId = conversation.customerWrites();
    return true;
  });
  return {
    config: { adapter, options: { ...sandbox[adapter].options }, readyUrl: `${hook.url}/ready` },
    check(result) {
      expect(heardId, 'the bot never called the ready hook').toBeDefined();
      expect(result.history).toContain(conversation.historyId);
      expect(result.heard.id).toBe(heardId);
      const answers = conversation.answersTo(heardId!);
      expect(answers).toEqual([result.reply.id]);
      expect(conversation.botPosts()).toEqual([result.reply.id]); // sent once, and nothing else
      expect(result.reply.threadId).toBe(conversation.threadOf(heardId!));
    },
    async close() {
      await new Promise((resolve) => hook.server.close(resolve));
      await sandbox.close();
    },
  };
}

const CONVERSATIONS: Record<Adapter, (sandbox: Sandbox) => Conversation> = {
  twitter({ twitter: { emulator: x } }) {
    const old = x.mention({ from: 'jane', text: 'is the shop open on Sunday?' });
    const tweet = (id: string) => x.tweets.find((candidate) => candidate.id === id);
    return {
      historyId: old.id,
      // X's start_time counts whole seconds: a mention in the second listen() starts belongs to its first run.
      settled: untilSecondAfter(new Date(old.created_at)),
      customerWrites: () => x.mention({ from: 'omar', text: 'my parcel is a week late' }).id,
      botPosts: () => x.postsBy(x.self.id).map((post) => post.id),
      answersTo: (heardId) =>
        x.postsBy(x.self.id).filter((post) => post.referenced_tweets?.some((ref) => ref.type === 'replied_to' && ref.id === heardId)).map((post) => post.id),
      threadOf: (heardId) => tweet(heardId)?.conversation_id ?? heardId,
    };
  },
  facebook({ facebook: { emulator: page } }) {
    const post = page.post({ message: 'Our spring collection is out!' });
    const old = page.comment({ from: { id: '7000000001', name: 'Dana' }, message: 'Do you ship to Canada?', on: post, at: new Date(Date.now() - 60_000) });
    const byPage = () => [...page.graph.comments.values()].filter((comment) => comment.from.id === page.pageId);
    return {
      historyId: old,
      customerWrites: () => page.comment({ from: { id: '7000000002', name: 'Ravi' }, message: 'Is the blue one back in stock?', on: post }),
      botPosts: () => byPage().map((comment) => comment.id),
      answersTo: (heardId) => byPage().filter((comment) => comment.objectId === heardId).map((comment) => comment.id),
      threadOf: () => post,
    };
  },
  discourse({ discourse: { emulator: forum } }) {
    const topic = forum.topic({ by: 'sam', title: 'Export to CSV stopped working', raw: 'Since the update the CSV export button does nothing.' });
    const bot = forum.botUsername;
    const post = (id: string) => forum.forum.posts.get(Number(id));
    return {
      historyId: String(topic.id),
      customerWrites: () => String(forum.reply({ by: 'kim', topicId: topic.topicId, raw: 'Same here since Tuesday, on Firefox.' }).id),
      botPosts: () => forum.postsBy(bot).map((candidate) => String(candidate.id)),
      answersTo: (heardId) =>
        forum
          .postsBy(bot)
          .filter((candidate) => candidate.topicId === topic.topicId && candidate.replyToPostNumber === post(heardId)?.postNumber)
          .map((candidate) => String(candidate.id)),
      threadOf: () => String(topic.topicId),
    };
  },
};

async function untilSecondAfter(time: Date): Promise<void> {
  const nextSecond = Math.floor(time.getTime() / 1000) * 1000 + 1000;
  while (Date.now() < nextSecond) await new Promise((resolve) => setTimeout(resolve, nextSecond - Date.now()));
}

/** A 127.0.0.1 server whose POST /ready runs `onReady` once (204), and answers 409 to any later call. */
async function serveReadyHook(onReady: () => boolean): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const ok = request.method === 'POST' && request.url === '/ready' && onReady();
    response.writeHead(ok ? 204 : 409).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${port}` };
}
