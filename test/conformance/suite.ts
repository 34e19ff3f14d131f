/**
 * The Channel promises of API.md, checked the same way for every adapter against its emulator or
 * real server. An adapter's test file is one call: `testChannel(target)`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  AuthError,
  ChannelError,
  InvalidDraftError,
  InvalidResponseError,
  MemoryStore,
  RateLimitError,
  UnsupportedError,
  type Channel,
  type Draft,
  type Message,
} from '../../src/index.js';
import { collect, findInHistory, grownBy, nothingMoreBy, rejection, take, until, watchHandles } from './helpers.js';
import { promiseDisagreements } from './target-promises.js';
import type { ConformanceTarget, ConformanceWorld } from './world.js';

export function testChannel(target: ConformanceTarget): void {
  describe(`${target.name} conformance`, () => {
    let world: ConformanceWorld;
    const channels: Channel[] = [];
    const controllers: AbortController[] = [];

    let parent: Promise<Message> | undefined;
    async function setup(): Promise<ConformanceWorld> {
      world = await target.setup();
      const disagreements = promiseDisagreements(target, world);
      expect(disagreements, `${target.name}: the target's promises and its world disagree: ${disagreements.join('; ')}`).toEqual([]);
      parent = undefined;
      return world;
    }
    /**
     * A write the channel makes on its own: send(), or, on a channel that only answers (comments on
     * photos, videos, blog posts: neither post nor direct), a reply to one customer message of the test.
     * The message is found by a reader on the same channel id, so a channel with refused credentials writes too.
     */
    async function write(channel: Channel, draft: Draft): Promise<Message> {
      if (target.capabilities.post || target.capabilities.direct) return channel.send(draft);
      parent ??= world.inbound({ text: 'A customer question to answer' }).then((id) => findInHistory(open({ id: channel.id }), id));
      return channel.reply(await parent, draft);
    }
    function open(options: Parameters<ConformanceWorld['create']>[0] = {}): Channel {
      const channel = world.create({ pollIntervalMs: 50, ...options });
      channels.push(channel);
      return channel;
    }
    function listen(channel: Channel, since = new Date(Date.now() - 5000)) {
      const controller = new AbortController();
      controllers.push(controller);
      const iterator = channel.listen({ since, signal: controller.signal })[Symbol.asyncIterator]();
      return { iterator, controller };
    }
    /**
     * Reads that show every listen source was polled `times` more from now, and the last of those polls
     * completed. A poll reads once or twice (email: SEARCH, then FETCH), so twice the reads are awaited.
     */
    const polledAgain = (times: number) => grownBy(() => world.reads(), 2 * times * (target.historySources ?? 1));
    /** Reads that show every listen source has sent its first poll: listen() has started. */
    const firstPollsSent = () => grownBy(() => world.reads(), target.historySources ?? 1);
    afterEach(async () => {
      controllers.splice(0).forEach((controller) => controller.abort());
      await Promise.all(channels.splice(0).map((channel) => channel.close()));
      await world?.close();
    });

    it('has an id, its platform and the capabilities it claims', async () => {
      await setup();
      const channel = open();
      expect(channel.id).toMatch(/\S/);
      expect(channel.platform).toBe(target.name);
      expect(channel.capabilities).toMatchObject(target.capabilities);
    });

    it('sends a post, or refuses a draft without a recipient when it cannot post', async () => {
      await setup();
      const channel = open();
      if (target.capabilities.post) {
        const sent = await channel.send({ text: 'We are back up, thanks for your patience.', subject: 'Status: back up' });
        expect(sent).toMatchObject({ channel: channel.id, platform: target.name, author: { isSelf: true } });
        expect(sent.text).toContain('We are back up');
        expect(world.writes()).toBe(1);
      } else {
        // A platform that only sends to someone (email) refuses the draft; one that cannot send at all, the call.
        const error = await rejection(channel.send({ text: 'Hello there, a greeting without a recipient.' }));
        expect(error).toBeInstanceOf(target.capabilities.direct ? InvalidDraftError : UnsupportedError);
        expect(world.writes()).toBe(0);
      }
    });

    it('replies in the thread of the message it answers', async () => {
      await setup();
      const channel = open();
      const id = await world.inbound({ text: 'My order #123 has not arrived', direct: !target.capabilities.post });
      const inbound = await findInHistory(channel, id);
      const answer = await channel.reply(inbound, { text: 'Sorry! Looking into #123 now.' });
      expect(answer.threadId).toBe(inbound.threadId);
      expect(answer.author.isSelf).toBe(true);
      expect(answer.kind === 'direct').toBe(inbound.kind === 'direct');
      const thread = await collect(channel.thread(inbound));
      expect(thread.map((message) => message.id)).toEqual(expect.arrayContaining([inbound.id, answer.id]));
      expect(isOldestFirst(thread)).toBe(true);
    });

    if (!target.capabilities.direct) {
      it('refuses a direct message with UnsupportedError (it cannot send one)', async () => {
        await setup();
        const channel = open();
        expect(await rejection(channel.send({ text: 'hi', to: world.recipient }))).toBeInstanceOf(UnsupportedError);
        expect(world.writes()).toBe(0);
      });
    }

    if (target.capabilities.direct) {
      it('answers a direct message by direct message (where the channel can send one)', async () => {
        await setup();
        const channel = open();
        const id = await world.inbound({ text: 'Can you check my account privately?', direct: true });
        const inbound = await findInHistory(channel, id);
        expect(inbound.kind === 'direct' || inbound.kind === 'email').toBe(true);
        const answer = await channel.reply(inbound, { text: 'Of course, what is your account email?' });
        expect(answer.kind).toBe(inbound.kind);
        expect(answer.threadId).toBe(inbound.threadId);
        const direct = await channel.send({ text: 'A direct hello from our support team', to: world.recipient, subject: 'Hello' });
        expect(direct.kind === 'direct' || direct.kind === 'email').toBe(true);
      });
    }

    it('lists history newest first, lazily', async () => {
      await setup();
      const channel = open();
      for (let index = 0; index < 7; index++) await world.inbound({ text: `history ${index}`, direct: !target.capabilities.post });
      const all = await collect(channel.messages());
      expect(all.length).toBeGreaterThanOrEqual(7);
      expect(isNewestFirst(all)).toBe(true);
      expect(all.every((message) => !message.author.isSelf)).toBe(true);
      const before = world.reads();
      const five = await collect(channel.messages(), 5);
      expect(five).toHaveLength(5);
      expect(world.reads() - before).toBeLessThanOrEqual(target.historySources ?? 1);
      expect(await collect(channel.messages({ limit: 3 }))).toHaveLength(3);
    });

    // A review has no follow-ups from customers: its thread (the review, the one reply) is checked by the review promises.
    if (!target.promises.reviews) {
      it('gives a thread oldest first', async () => {
        await setup();
        const channel = open();
        const root = await world.inbound({ text: 'Root of a thread', direct: !target.capabilities.post });
        const first = await world.inbound({ text: 'first follow-up', inReplyTo: root, direct: !target.capabilities.post });
        await world.inbound({ text: 'second follow-up', inReplyTo: first, direct: !target.capabilities.post });
        const thread = await collect(channel.thread(await findInHistory(channel, root)));
        expect(thread.map((message) => message.text.trim().split('\n')[0])).toEqual(
          expect.arrayContaining([expect.stringContaining('Root of a thread'), expect.stringContaining('first follow-up'), expect.stringContaining('second follow-up')]),
        );
        expect(isOldestFirst(thread)).toBe(true);
      });
    }

    it('listen() delivers each new message once, in order, and resumes after a restart', async () => {
      await setup();
      const store = new MemoryStore();
      const first = open({ store, id: 'conformance:resume' });
      const run = listen(first);
      const pending = run.iterator.next(); // starts the loop before the customers write
      for (const text of ['one', 'two', 'three']) await world.inbound({ text: `listen ${text}` });
      const head = await pending;
      const rest = await take(run.iterator, 1);
      expect([head.value, ...rest].map((message) => message!.text)).toEqual([expect.stringContaining('listen one'), expect.stringContaining('listen two')]);
      await run.iterator.return!(); // leaving the loop: 'two' is handled, 'three' is not

      await world.inbound({ text: 'listen four' }); // arrives while nobody listens
      const second = open({ store, id: 'conformance:resume' });
      const resumed = listen(second, new Date());
      const after = await take(resumed.iterator, 2);
      expect(after.map((message) => message.text)).toEqual([expect.stringContaining('listen three'), expect.stringContaining('listen four')]);
      // Nothing more: by the time every source was polled twice since, a poll begun after 'four' has completed.
      expect(await nothingMoreBy(resumed.iterator, polledAgain(2))).toBeUndefined();
    });

    it("listen() starts now on a first run and never delivers the channel's own messages", async () => {
      await setup();
      const channel = open();
      await world.inbound({ text: 'old news', direct: true });
      const written = Math.floor(Date.now() / 1000);
      await until(() => Math.floor(Date.now() / 1000) > written, 2000, 'the next whole second'); // platforms count start times in whole seconds
      const controller = new AbortController();
      controllers.push(controller);
      const iterator = channel.listen({ signal: controller.signal })[Symbol.asyncIterator]();
      const firstPoll = firstPollsSent();
      const pending = iterator.next();
      await until(firstPoll, 10_000, 'the first poll'); // listen() has started: a message from now on is new
      await world.inbound({ text: 'fresh question', direct: true });
      const fresh = (await pending).value as Message;
      expect(fresh.text).toContain('fresh question');
      await channel.reply(fresh, { text: 'Our answer (must not come back to us)' });
      await world.inbound({ text: 'a second question', direct: true });
      const [next] = await take(iterator, 1);
      expect(next!.text).toContain('a second question');
    });

    it('signal.abort() ends listen() promptly and leaves no timer or socket of its own behind', async () => {
      await setup();
      const channel = open({ pollIntervalMs: 60_000 });
      const handles = watchHandles();
      try {
        const controller = new AbortController();
        const firstPolls = firstPollsSent();
        const loop = (async () => {
          for await (const message of channel.listen({ signal: controller.signal })) void message;
          return 'ended';
        })();
        await until(firstPolls, 10_000, 'the first polls'); // the loop runs; the next polls are 60 s away
        controller.abort();
        expect(await loop).toBe('ended'); // with the next poll 60 s away: ended by the abort, not by a poll
        handles.stop();
        // Closing a connection is a short exchange (IMAP LOGOUT): give it a moment, then show what is left.
        for (let wait = 0; wait < 40 && Object.keys(handles.leftBehind()).length > 0; wait++) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(handles.leftBehind()).toEqual({});
      } finally {
        handles.dispose();
      }
    });

    if (target.promises.writeLimits) {
      it('waits for a spent bucket instead of overrunning it (where the platform has write limits to emulate)', async () => {
        await setup();
        // 2 s: windows open on the whole second before the first write, so all three writes share one
        // wherever in a second they start (a 1 s window could close between them, and nothing would wait).
        world.limitWrites!(2, 2000);
        const channel = open();
        const waits: number[] = [];
        channel.on('rateLimit', (_state, waitMs) => waits.push(waitMs));
        const to = target.capabilities.post ? undefined : world.recipient;
        const sent = await Promise.all([1, 2, 3].map((index) => channel.send({ text: `Status update number ${index} for everyone`, subject: `Update number ${index}`, ...(to ? { to } : {}) })));
        expect(new Set(sent.map((message) => message.id)).size).toBe(3);
        expect(waits.length).toBeGreaterThan(0);
        expect(world.writes()).toBe(3);
      });

      it("with onLimit 'throw', refuses a write to a spent bucket without sending it (where the platform has write limits to emulate)", async () => {
        await setup();
        world.limitWrites!(1, 60_000);
        const channel = open({ rateLimit: { onLimit: 'throw' } });
        const to = target.capabilities.post ? undefined : world.recipient;
        await channel.send({ text: 'Only one post fits in this window', subject: 'Only one fits here', ...(to ? { to } : {}) });
        const error = await rejection(channel.send({ text: 'This post does not fit in the window', subject: 'This one does not fit', ...(to ? { to } : {}) }));
        expect(error).toBeInstanceOf(RateLimitError);
        expect((error as RateLimitError).resetAt).toBeInstanceOf(Date);
        expect(world.writes()).toBe(1);
      });
    }

    it('puts one write on the wire after an ambiguous failure, and says it may have been delivered', async () => {
      await setup();
      const channel = open();
      world.failNextWriteAmbiguously();
      const to = target.capabilities.post ? undefined : world.recipient;
      const before = world.writes();
      const error = await rejection(write(channel, { text: 'This post may have been delivered', subject: 'Maybe delivered here', ...(to ? { to } : {}) }));
      expect(ChannelError.isInstance(error)).toBe(true);
      expect((error as ChannelError).maybeDelivered).toBe(true);
      expect(world.writes() - before).toBe(1);
    });

    it('sends once per idempotency key, and replies once per parent and text, across restarts', async () => {
      await setup();
      const store = new MemoryStore();
      const channel = open({ store, id: 'conformance:once' });
      const to = target.capabilities.post ? undefined : world.recipient;
      const draft = { text: 'Scheduled maintenance tonight', subject: 'Maintenance tonight', idempotencyKey: 'maintenance-1', ...(to ? { to } : {}) };
      const first = await write(channel, draft);
      const again = await write(channel, draft);
      const restarted = open({ store, id: 'conformance:once' });
      const third = await write(restarted, draft);
      expect([again.id, third.id]).toEqual([first.id, first.id]);
      expect(third.createdAt).toBeInstanceOf(Date);
      expect(world.writes()).toBe(1);

      const id = await world.inbound({ text: 'Where is my refund?', direct: !target.capabilities.post });
      const inbound = await findInHistory(channel, id);
      const [replyA, replyB] = await Promise.all([
        channel.reply(inbound, { text: 'Your refund was sent today.' }),
        restarted.reply(inbound, { text: 'Your refund was sent today.' }),
      ]);
      expect(replyB.id).toBe(replyA.id);
      expect(world.writes()).toBe(2);
    });

    it('refuses invalid drafts before any request', async () => {
      await setup();
      const channel = open();
      const before = world.reads() + world.writes();
      const to = target.capabilities.post ? undefined : world.recipient;
      expect(await rejection(channel.send({ text: '   ', ...(to ? { to } : {}) }))).toBeInstanceOf(InvalidDraftError);
      if (target.maxTextLength) {
        expect(await rejection(channel.send({ text: 'a'.repeat(target.maxTextLength + 1), subject: 'Too long a text', ...(to ? { to } : {}) }))).toBeInstanceOf(InvalidDraftError);
      }
      if (target.capabilities.direct) expect(await rejection(channel.send({ text: 'hi', to: '' }))).toBeInstanceOf(InvalidDraftError);
      expect(world.reads() + world.writes()).toBe(before);
    });

    it('throws AuthError for refused credentials, with the secret nowhere in it', async () => {
      await setup();
      const channel = open({ badCredentials: true });
      const to = target.capabilities.post ? undefined : world.recipient;
      const error = (await rejection(write(channel, { text: 'Hello there, a friendly greeting from us', subject: 'Hello there friend', ...(to ? { to } : {}) }))) as AuthError;
      expect(error).toBeInstanceOf(AuthError);
      expect(error.code).toBe('auth');
      const everything = [error.message, error.stack, JSON.stringify(error), JSON.stringify(error.cause), String(error.cause), (error.cause as Error | undefined)?.stack].join('\n');
      expect(everything).not.toContain(world.secret);
    });

    if (target.promises.reviews) {
      it("review sites: a customer's edit of a review is delivered once more, same id, with editedAt", async () => {
        await setup();
        const channel = open();
        const run = listen(channel);
        const pending = run.iterator.next();
        const id = await world.inbound({ text: 'Three stars: the delivery was two days late.' });
        const review = (await pending).value as Message;
        expect(review).toMatchObject({ id, kind: 'review', threadId: id, rating: { value: expect.any(Number), max: expect.any(Number) } });
        expect(review.editedAt).toBeUndefined();
        await world.editReview!(id, 'Three stars: late, but support sorted it out.');
        const [edited] = await take(run.iterator, 1);
        expect(edited).toMatchObject({ id, kind: 'review', text: expect.stringContaining('support sorted it out') });
        expect(edited!.editedAt).toBeInstanceOf(Date);
        expect(edited!.editedAt!.getTime()).toBeGreaterThan(edited!.createdAt.getTime());
        // The same edit is not delivered twice.
        expect(await nothingMoreBy(run.iterator, polledAgain(2))).toBeUndefined();
      });

      it('review sites: a second reply replaces the first (one reply per review, the answer says editedAt), and send() is refused', async () => {
        await setup();
        const channel = open();
        expect(await rejection(channel.send({ text: 'A post without a review to answer' }))).toBeInstanceOf(UnsupportedError);
        const id = await world.inbound({ text: 'Three stars: nice staff, cold food.' });
        const review = await findInHistory(channel, id);
        const first = await channel.reply(review, { text: 'Sorry about the food, we are on it.' });
        expect(first).toMatchObject({ threadId: id, author: { isSelf: true } });
        expect(first.editedAt).toBeUndefined();
        const second = await channel.reply(review, { text: 'Update: the new kitchen is open, come back for a coffee on us.' });
        expect(second.editedAt).toBeInstanceOf(Date);
        const thread = await collect(channel.thread(review));
        expect(thread.map((message) => message.id)).toEqual([id, second.id]);
        expect(thread[1]!.text).toContain('the new kitchen is open');
        expect(isOldestFirst(thread)).toBe(true);
        expect(world.writes()).toBe(2);
      });
    }

    if (target.promises.malformedReads) {
      it('throws InvalidResponseError, with the schema issues, for an answer that does not match (on an emulator: a real server cannot be made to answer so)', async () => {
        await setup();
        const channel = open();
        await world.inbound({ text: 'something to read' });
        world.failNextReadMalformed!();
        const error = await rejection(collect(channel.messages()));
        expect(error).toBeInstanceOf(InvalidResponseError);
        expect((error as InvalidResponseError).issues.length).toBeGreaterThan(0);
      });
    }
  });
}

function isNewestFirst(messages: Message[]): boolean {
  return messages.every((message, index) => index === 0 || messages[index - 1]!.createdAt.getTime() >= message.createdAt.getTime());
}

function isOldestFirst(messages: Message[]): boolean {
  return messages.every((message, index) => index === 0 || messages[index - 1]!.createdAt.getTime() <= message.createdAt.getTime());
}
