/**
 * messages() merges the latest public posts with the account's private messages, newest first, and reads
 * a private conversation only when its last post could come next: a short history costs a few requests.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStore } from 'everywhere';
import { discourse } from 'everywhere/discourse';
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
  return { ...setup, channel };
}

describe('Discourse private messages in messages()', () => {
  it('reads only the conversations it needs for a short history', async () => {
    const { emulator, channel } = await world();
    const conversations = Array.from({ length: 6 }, (_, index) =>
      emulator.privateMessage({ by: 'customer', title: `Private question number ${index}`, raw: `My private question number ${index}` }),
    );
    emulator.reply({ by: 'customer', topicId: conversations[0]!.topicId, raw: 'And a follow-up, the newest of all.' });
    const recent = await collect(channel.messages({ limit: 2 }));
    expect(recent.map((message) => message.text)).toEqual(['And a follow-up, the newest of all.', 'My private question number 5']);
    const read = emulator.requests.filter((request) => /^\/t\/\d+\.json/.test(request.path)).length;
    expect(read).toBeLessThanOrEqual(2);
  });

  it('gives every private post and public post once, newest first', async () => {
    const { emulator, channel } = await world();
    const texts: string[] = [];
    for (let index = 0; index < 4; index++) {
      const pm = emulator.privateMessage({ by: 'customer', title: `Private question number ${index}`, raw: `Private post number ${index} here` });
      texts.push(`Private post number ${index} here`);
      emulator.topic({ by: 'customer', title: `Public question number ${index}`, raw: `Public post number ${index} here` });
      texts.push(`Public post number ${index} here`);
      emulator.reply({ by: 'customer', topicId: pm.topicId, raw: `Private answer number ${index} here` });
      texts.push(`Private answer number ${index} here`);
    }
    const history = await collect(channel.messages());
    expect(history.map((message) => message.text)).toEqual(texts.reverse());
  });
});
