/**
 * The emulator as strict as Discourse, and the channel on it: posts of new accounts held for review
 * (`action: "enqueued"`), 422 for too many consecutive replies, unknown POST keys dropped as strong
 * parameters drop them, and `cooked` HTML as Discourse renders mentions, quotes, oneboxes, images and emoji.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidDraftError, MemoryStore, PlatformError } from 'everywhere';
import { discourse } from 'everywhere/discourse';
import { normalizePost } from '../../src/discourse/normalize-post.js';
import type { Post } from '../../src/discourse/discourse-schemas.js';
import { collect } from '../conformance/helpers.js';
import { API_KEY, discourseWorld, FORUM } from './discourse-world.js';

let close: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

async function world() {
  const setup = await discourseWorld();
  const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: setup.emulator.botUsername, store: new MemoryStore() });
  close.push(() => setup.close(), () => channel.close());
  const posts = () => setup.emulator.requests.filter((request) => request.method === 'POST').length;
  return { ...setup, channel, posts };
}

describe('Discourse as strict as the server', () => {
  it('holds a new account’s post for review: PlatformError enqueued, sent once, nothing published', async () => {
    const { emulator, channel, posts } = await world();
    emulator.forum.user(emulator.botUsername).trustLevel = 0;
    emulator.forum.settings.approve_unless_trust_level = 1;
    const draft = { subject: 'Office hours move to Friday', text: 'Our office hours move to Friday afternoons.', idempotencyKey: 'office-hours' };
    const error = await channel.send(draft).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ platformCode: 'enqueued', maybeDelivered: true, details: { pendingPostId: emulator.forum.pending[0]!.id } });
    expect(emulator.postsBy(emulator.botUsername)).toHaveLength(0);
    expect(await channel.send(draft).catch((caught: unknown) => caught)).toBeInstanceOf(Error); // the key stays taken
    expect(posts()).toBe(1);
    expect(emulator.forum.pending).toHaveLength(1);
  });

  it('refuses a fourth reply in a row (max_consecutive_replies) with Discourse’s reason', async () => {
    const { emulator, channel, posts } = await world();
    const question = emulator.topic({ by: 'customer', title: 'How do I reset my password?', raw: 'I forgot it and the link expired.' });
    const [asked] = await collect(channel.thread(String(question.topicId)));
    for (const text of ['First, open the sign-in page.', 'Then press the reset link there.', 'Then check your mailbox for it.']) await channel.reply(asked!, { text });
    const error = await channel.reply(asked!, { text: 'And a fourth answer in a row.' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidDraftError);
    expect((error as InvalidDraftError).reasons?.[0]).toMatch(/consecutive replies/);
    expect(posts()).toBe(4);
    expect(emulator.postsBy(emulator.botUsername)).toHaveLength(3);
  });

  it('drops POST keys it does not permit, as the server does', async () => {
    const { emulator } = await world();
    const answer = await emulator.handle(
      new Request(`${FORUM}/posts.json`, {
        method: 'POST',
        headers: { 'api-key': API_KEY, 'api-username': emulator.botUsername, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'A topic with a stray key', raw: 'The body of a topic with a stray key.', whisper: true }),
      }),
      FORUM,
    );
    expect(answer.status).toBe(200);
    expect(emulator.postsBy(emulator.botUsername)).toHaveLength(1);
  });

  it('cooks mentions, quotes, oneboxes, images and emoji; the text read from that HTML keeps them', async () => {
    const { emulator, channel } = await world();
    const raw = 'Hi @support_bot :smile:\n\n[quote="customer, post:1, topic:1"]\nit **broke**\n[/quote]\n\nhttps://example.com/status\n\n![screenshot](https://example.com/a.png)';
    emulator.topic({ by: 'customer', title: 'The export broke again today', raw });
    const [message] = await collect(channel.messages({ limit: 1 }));
    expect(message!.text).toBe(raw);
    const html = message!.html!;
    expect(html).toContain('<a class="mention" href="/u/support_bot">@support_bot</a>');
    expect(html).toContain('class="emoji" alt=":smile:"');
    expect(html).toMatch(/<aside class="quote no-group" data-username="customer" data-post="1" data-topic="1">[\s\S]*<blockquote>\n<p>it <strong>broke<\/strong><\/p>/);
    expect(html).toContain('<a href="https://example.com/status" class="onebox"');
    expect(html).toContain('<img src="https://example.com/a.png" alt="screenshot">');
    const fromHtml = (await normalizePost({ ...(message!.raw as Post), raw: null }, { channel: 'c', baseUrl: FORUM, apiUsername: 'support_bot' })).text;
    expect(fromHtml).toContain('@support_bot :smile:');
    expect(fromHtml).toContain('> it broke');
    expect(fromHtml).toContain('[screenshot]');
  });
});
