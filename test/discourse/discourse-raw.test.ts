/**
 * A post's text is what its author wrote (`raw`, Markdown included) however it is read: topic reads ask
 * for `include_raw`, so thread() and private messages give the same text as /posts.json and webhooks.
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

const MARKDOWN = 'This is **urgent**: the _export_ fails & says <nothing>.';

describe('Discourse post text', () => {
  it('is the raw Markdown in thread(), past the first 20 posts, in messages() and in private messages', async () => {
    const setup = await discourseWorld();
    const channel = discourse({ baseUrl: FORUM, apiKey: API_KEY, apiUsername: setup.emulator.botUsername, store: new MemoryStore() });
    close.push(() => setup.close(), () => channel.close());
    const first = setup.emulator.topic({ by: 'customer', title: 'The export fails every time', raw: MARKDOWN, posts: Array.from({ length: 24 }, (_, index) => `Follow-up **number** ${index} on the export`) });
    const thread = await collect(channel.thread(String(first.topicId)));
    expect(thread).toHaveLength(25);
    expect(thread[0]!.text).toBe(MARKDOWN);
    expect(thread[0]!.html).toContain('<strong>urgent</strong>');
    expect(thread[24]!.text).toBe('Follow-up **number** 23 on the export'); // from GET /t/{id}/posts.json
    const latest = (await collect(channel.messages())).find((message) => message.id === String(first.id))!;
    expect(latest.text).toBe(thread[0]!.text);

    const privateMessage = setup.emulator.privateMessage({ by: 'customer', title: 'About my invoice', raw: `Private: ${MARKDOWN}` });
    const [direct] = await collect(channel.thread(String(privateMessage.topicId)));
    expect(direct).toMatchObject({ kind: 'direct', text: `Private: ${MARKDOWN}` });
  });
});
