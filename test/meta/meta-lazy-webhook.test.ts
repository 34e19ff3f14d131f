import { describe, expect, it } from 'vitest';
import { lazyWebhook } from '../../src/meta/meta-lazy-webhook.js';

const delivery = () => new Request('http://127.0.0.1/webhook', { method: 'POST', body: '{}' });

describe('lazyWebhook', () => {
  it('loads the handler once, with the first request; requests meanwhile wait for the same load and are all handled', async () => {
    let loads = 0;
    const handled: string[] = [];
    const webhook = lazyWebhook(async () => {
      loads += 1;
      return async (request) => (handled.push(await request.text()), new Response('EVENT_RECEIVED'));
    });
    const answers = await Promise.all([webhook(delivery()), webhook(delivery())]);
    await webhook(delivery());
    expect(loads).toBe(1);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    expect(handled).toEqual(['{}', '{}', '{}']);
  });

  it('a failed load fails the requests that waited for it, and the next request loads again', async () => {
    let loads = 0;
    const webhook = lazyWebhook(async () => {
      loads += 1;
      if (loads === 1) throw new Error('chunk failed to load');
      return async () => new Response('EVENT_RECEIVED');
    });
    await expect(webhook(delivery())).rejects.toThrow('chunk failed to load');
    expect((await webhook(delivery())).status).toBe(200);
    expect(loads).toBe(2);
  });
});
