/**
 * Account Activity webhooks (https://docs.x.com/x-api/account-activity/introduction): the CRC answer
 * is sha256=base64(HMAC-SHA256(consumer secret, crc_token)); each POST carries
 * x-twitter-webhooks-signature: sha256=base64(HMAC-SHA256(consumer secret, raw body)).
 */
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { twitter } from 'everywhere/twitter';

const SECRET = 'consumer-secret-for-tests';
const noNetwork = (async () => {
  throw new Error('no request expected');
}) as typeof fetch;

// Polls an hour apart (and no network): a delivery can only have come through the webhook.
function channel() {
  return twitter({ accessToken: 't', userId: '1000', consumerSecret: SECRET, fetch: noNetwork, pollIntervalMs: 3_600_000 });
}

const sign = (body: string) => `sha256=${createHmac('sha256', SECRET).update(body).digest('base64')}`;

const payload = JSON.stringify({
  for_user_id: '1000',
  tweet_create_events: [
    {
      created_at: 'Mon Nov 23 10:00:00 +0000 2026',
      id_str: '1860000000000000001',
      text: '@acme where is my parcel? &amp; why &lt;late&gt;',
      user: { id_str: '2001', screen_name: 'jane', name: 'Jane', profile_image_url_https: 'https://pbs.twimg.com/profile_images/1/j_normal.jpg' },
      entities: { user_mentions: [{ id_str: '1000', screen_name: 'acme' }] },
    },
  ],
});

describe('X webhook', () => {
  it('answers the CRC challenge', async () => {
    const response = await channel().webhook!(new Request('https://bot.example/x?crc_token=challenge-123'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ response_token: `sha256=${createHmac('sha256', SECRET).update('challenge-123').digest('base64')}` });
  });

  it('refuses a bad or missing signature with 401 and delivers nothing', async () => {
    const x = channel();
    const bad = await x.webhook!(new Request('https://bot.example/x', { method: 'POST', body: payload, headers: { 'x-twitter-webhooks-signature': sign(payload + ' ') } }));
    const missing = await x.webhook!(new Request('https://bot.example/x', { method: 'POST', body: payload }));
    expect([bad.status, missing.status]).toEqual([401, 401]);
  });

  it('feeds a verified v1.1 mention into listen(), normalized like the v2 one', async () => {
    const x = channel();
    const controller = new AbortController();
    const iterator = x.listen({ signal: controller.signal })[Symbol.asyncIterator]();
    const next = iterator.next();
    const response = await x.webhook!(new Request('https://bot.example/x', { method: 'POST', body: payload, headers: { 'x-twitter-webhooks-signature': sign(payload) } }));
    expect(response.status).toBe(200);
    const message = (await next).value!;
    controller.abort();
    expect(message).toMatchObject({
      id: '1860000000000000001',
      platform: 'twitter',
      kind: 'post',
      threadId: '1860000000000000001',
      text: '@acme where is my parcel? & why <late>',
      author: { id: '2001', handle: 'jane', name: 'Jane', isSelf: false },
      url: 'https://x.com/jane/status/1860000000000000001',
    });
    expect(message.createdAt.toISOString()).toBe('2026-11-23T10:00:00.000Z');
  });
});
