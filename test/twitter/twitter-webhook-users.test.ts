/**
 * The `users` map of an Account Activity DM delivery (user id → v1.1 user,
 * https://docs.x.com/x-api/account-activity/introduction): the sender's handle, name and avatar come
 * from it, and a signed delivery whose map holds something that is not a user is refused with 400.
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { twitter } from 'everywhere/twitter';

const SECRET = 'consumer-secret-for-tests';
const noNetwork = (async () => {
  throw new Error('no request expected');
}) as typeof fetch;

// Polls an hour apart (and no network): a delivery can only have come through the webhook.
const channel = () => twitter({ accessToken: 't', userId: '1000', consumerSecret: SECRET, fetch: noNetwork, pollIntervalMs: 3_600_000 });

const dmEvent = {
  type: 'message_create',
  id: '1870000000000000001',
  created_timestamp: '1795946400000',
  message_create: { target: { recipient_id: '1000' }, sender_id: '2001', message_data: { text: 'hello &amp; thanks' } },
};
const jane = { id_str: '2001', screen_name: 'jane', name: 'Jane', profile_image_url_https: 'https://pbs.twimg.com/profile_images/1/j_normal.jpg' };

function deliver(x: ReturnType<typeof channel>, payload: unknown): Promise<Response> {
  const body = JSON.stringify(payload);
  const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('base64')}`;
  return x.webhook!(new Request('https://bot.example/x', { method: 'POST', body, headers: { 'x-twitter-webhooks-signature': signature } }));
}

describe('X webhook: the users map of a DM delivery', () => {
  it('gives the sender their handle, name and avatar from the map', async () => {
    const x = channel();
    const controller = new AbortController();
    const next = x.listen({ signal: controller.signal })[Symbol.asyncIterator]().next();
    const response = await deliver(x, { for_user_id: '1000', direct_message_events: [dmEvent], users: { '2001': { ...jane, followers_count: 3 }, '1000': { id_str: '1000', screen_name: 'acme' } } });
    expect(response.status).toBe(200);
    const message = (await next).value!;
    controller.abort();
    expect(message).toMatchObject({
      id: '1870000000000000001',
      kind: 'direct',
      threadId: '1000-2001',
      text: 'hello & thanks',
      author: { id: '2001', handle: 'jane', name: 'Jane', avatarUrl: jane.profile_image_url_https, isSelf: false },
    });
  });

  it('takes a delivery without the map (or with it null): the sender is known by id only', async () => {
    for (const users of [undefined, null]) {
      const x = channel();
      const controller = new AbortController();
      const next = x.listen({ signal: controller.signal })[Symbol.asyncIterator]().next();
      expect((await deliver(x, { for_user_id: '1000', direct_message_events: [dmEvent], users })).status).toBe(200);
      const message = (await next).value!;
      controller.abort();
      expect(message.author).toEqual({ id: '2001', isSelf: false });
    }
  });

  it('refuses with 400 a map that is not an object of users', async () => {
    const refused = [
      { '2001': { screen_name: 'no-id' } },
      { '2001': jane, '3003': 'not a user' },
      { '2001': { ...jane, name: 42 } },
      [jane],
      'jane',
    ];
    for (const users of refused) {
      const response = await deliver(channel(), { for_user_id: '1000', direct_message_events: [dmEvent], users });
      expect(response.status, JSON.stringify(users)).toBe(400);
    }
  });
});
