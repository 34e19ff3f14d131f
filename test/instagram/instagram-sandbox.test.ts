import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { facebook } from '../../src/facebook/index.js';
import { instagram } from '../../src/instagram/index.js';
import type { Channel, Message } from '../../src/index.js';
import { createSandbox, type Sandbox } from '../../src/testing/sandbox.js';
import { findInHistory } from '../conformance/helpers.js';

let sandbox: Sandbox;
const channels: Channel[] = [];
beforeAll(async () => {
  sandbox = await createSandbox();
});
afterAll(async () => {
  await Promise.all(channels.map((channel) => channel.close()));
  await sandbox.close();
});

describe('the sandbox serves Instagram beside Facebook, on one Graph origin with one Page token', () => {
  it('answers an Instagram comment and a Facebook comment through the same origin, each emulator seeing only its own requests', async () => {
    expect(sandbox.instagram.options.baseUrl).toBe(sandbox.facebook.options.baseUrl);
    expect(sandbox.instagram.options.pageAccessToken).toBe(sandbox.facebook.options.pageAccessToken);
    const ig = instagram({ ...sandbox.instagram.options, pollIntervalMs: 50 });
    const fb = facebook({ ...sandbox.facebook.options, pollIntervalMs: 50 });
    channels.push(ig, fb);

    const commentId = sandbox.instagram.emulator.comment({ from: '6100000000000001', username: 'dana', text: 'Is the blue one back?', on: sandbox.instagram.mediaId });
    const comment: Message = await findInHistory(ig, commentId);
    const answer = await ig.reply(comment, { text: 'Yes, since this morning!' });
    expect(sandbox.instagram.emulator.commentRecord(answer.id)).toMatchObject({ parentId: commentId });

    const postId = sandbox.facebook.emulator.post({ message: 'Welcome' });
    const fbComment = sandbox.facebook.emulator.comment({ from: '7000000001', message: 'Hello Page', on: postId });
    await fb.reply(await findInHistory(fb, fbComment), { text: 'Hello!' });

    expect(sandbox.instagram.emulator.created).toBe(1);
    expect(sandbox.facebook.emulator.created).toBe(1);
    expect(sandbox.instagram.emulator.requests.every((request) => !request.path.includes('/feed'))).toBe(true);
    expect(sandbox.facebook.emulator.requests.every((request) => !request.path.includes(sandbox.instagram.emulator.instagramAccountId))).toBe(true);
  });
});
