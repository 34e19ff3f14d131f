/**
 * The X emulator's Account Activity deliveries beyond mentions and DMs, as
 * https://docs.x.com/x-api/account-activity/introduction lists them: reposts (retweeted_status), quotes
 * (is_quote_status, quoted_status) and the account's own posts; none of them in the mentions timeline unless
 * they name the account. Each delivery records how the webhook answered: within 3 s, and before any API call.
 */
import { describe, expect, it } from 'vitest';
import { TwitterEmulator } from '../../src/testing/twitter/index.js';

type V1Post = Record<string, unknown> & { id_str: string; text: string };
const posted = (payload: Record<string, unknown>) => (payload.tweet_create_events as V1Post[])[0]!;

async function mentionIds(emulator: TwitterEmulator): Promise<string[]> {
  const response = await emulator.handle(new Request(`https://api.x.com/2/users/${emulator.self.id}/mentions`, { headers: { authorization: `Bearer ${emulator.accessToken}` } }), 'https://api.x.com');
  return (((await response.json()) as { data?: Array<{ id: string }> }).data ?? []).map((post) => post.id);
}

function world() {
  const emulator = new TwitterEmulator();
  const own = emulator.post({ from: emulator.self.username, text: 'Our shop opens at 9 tomorrow.' });
  return { emulator, own };
}

describe('X emulator: Account Activity deliveries of reposts, quotes and own posts', () => {
  it('a repost carries retweeted_status and is not a mention', async () => {
    const { emulator, own } = world();
    const repost = emulator.repost({ from: 'fan', of: own.id });
    const event = posted(emulator.webhookEvent(repost));
    expect(event.text).toBe(`RT @${emulator.self.username}: Our shop opens at 9 tomorrow.`);
    expect((event.retweeted_status as V1Post).id_str).toBe(own.id);
    expect(event.is_quote_status).toBe(false);
    expect(await mentionIds(emulator)).toEqual([]);
  });

  it('a quote carries is_quote_status and quoted_status; it is a mention only when it names the account', async () => {
    const { emulator, own } = world();
    const silent = emulator.quote({ from: 'fan', of: own.id, text: 'Finally!' });
    const naming = emulator.quote({ from: 'fan', of: own.id, text: `@${emulator.self.username} will you have coffee?` });
    const event = posted(emulator.webhookEvent(silent));
    expect(event).toMatchObject({ is_quote_status: true, quoted_status_id_str: own.id });
    expect((event.quoted_status as V1Post).id_str).toBe(own.id);
    expect(await mentionIds(emulator)).toEqual([naming.id]);
  });

  it("the account's own post is delivered without user_has_blocked and is not a mention", async () => {
    const { emulator, own } = world();
    const payload = emulator.webhookEvent(own);
    expect(payload).not.toHaveProperty('user_has_blocked');
    expect(posted(payload).id_str).toBe(own.id);
    expect(await mentionIds(emulator)).toEqual([]);
  });

  it('records each delivery: the status, within 3 s, and the API calls made before the answer', async () => {
    const { emulator, own } = world();
    const payload = emulator.webhookEvent(own);
    await emulator.deliverWebhook(async () => new Response(null, { status: 200 }), payload);
    await emulator.deliverWebhook(async () => {
      await emulator.handle(new Request('https://api.x.com/2/users/me', { headers: { authorization: `Bearer ${emulator.accessToken}` } }), 'https://api.x.com');
      return new Response(null, { status: 200 });
    }, payload);
    expect(emulator.webhookDeliveries.map(({ status, withinDeadline, requestsBeforeAnswer }) => ({ status, withinDeadline, requestsBeforeAnswer }))).toEqual([
      { status: 200, withinDeadline: true, requestsBeforeAnswer: 0 },
      { status: 200, withinDeadline: true, requestsBeforeAnswer: 1 },
    ]);
  });
});
