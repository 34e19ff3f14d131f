/**
 * A post that needs a moderator's approval: Discourse answers 200 with the NewPostResult
 * (`action: 'enqueued'`, `pending_post`) instead of the post (PostsController#backwards_compatible_json).
 * The channel says so, as a PlatformError that may still appear, and never queues a second copy.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ChannelError, MemoryStore, PlatformError } from 'everywhere';
import { discourse } from 'everywhere/discourse';
import { API_KEY, discourseWorld, FORUM } from './discourse-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

const ENQUEUED = { action: 'enqueued', pending_post: { id: 17, raw: 'Our office hours move to Friday afternoons.' }, pending_count: 1, success: true };

describe('Discourse posts waiting for approval', () => {
  it('throws PlatformError "enqueued" with the pending post, maybe delivered, and sends it once', async () => {
    const setup = await discourseWorld();
    const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: setup.emulator.botUsername, store: new MemoryStore() });
    close.push(() => setup.close(), () => channel.close());
    setup.emulator.fail({ match: { method: 'POST', path: '/posts.json' }, status: 200, body: ENQUEUED });
    const draft = { subject: 'Office hours move to Friday', text: 'Our office hours move to Friday afternoons.', idempotencyKey: 'office-hours-move' };

    const error = await channel.send(draft).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ platformCode: 'enqueued', maybeDelivered: true, details: { pendingPostId: 17 } });
    expect((error as Error).message).toMatch(/review/);

    const again = await channel.send(draft).catch((caught: unknown) => caught);
    expect(ChannelError.isInstance(again)).toBe(true); // the key is taken by a send that may still appear
    expect(setup.emulator.count('POST', '/posts.json')).toBe(1);
  });
});
