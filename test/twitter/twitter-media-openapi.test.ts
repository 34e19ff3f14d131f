/**
 * Group DMs, sends to @handle and media uploads against X's OpenAPI document (version 2.167, beside the
 * clone; skipped with a note where it is not): every request the channel sends and every answer the
 * emulator gives on these endpoints keeps to the document (the X test world checks each exchange).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { twitterWorld, X_DOCUMENT } from './twitter-world.js';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

const file = (name: string, mimeType: string, size: number) => ({ name, mimeType, data: new Uint8Array(size).fill(9) });

describe.skipIf(X_DOCUMENT.skip)(`X group DMs, @handle and media against X's OpenAPI document${X_DOCUMENT.note}`, () => {
  it('the channel and the emulator keep to the document on these endpoints', async () => {
    const setup = await twitterWorld();
    close = setup.close;
    const { emulator } = setup;
    const channel = setup.create();
    await channel.send({ text: 'A picture', attachments: [file('a.png', 'image/png', 2048)] });
    await channel.send({ text: 'Your receipt', to: '@customer', attachments: [file('r.jpg', 'image/jpeg', 512)] });
    const conversation = emulator.groupConversation(['customer', 'friend']);
    emulator.directMessage({ from: 'friend', text: 'Hello both', conversation });
    const inbound = [];
    for await (const message of channel.messages()) inbound.push(message);
    await channel.reply(inbound.find((message) => message.threadId === conversation)!, { text: 'Hello!' });
    await channel.send({ text: 'to nobody', to: '@nobody_at_all' }).catch(() => undefined);
    // A video's processing, and the answers X gives to refused steps, asked directly.
    const call = async (path: string, body?: unknown) =>
      fetch(`https://api.x.com${path}`, {
        method: body === undefined && !path.endsWith('/finalize') ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${setup.secret}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then(async (response) => ({ status: response.status, body: (await response.json()) as any }));
    const init = await call('/2/media/upload/initialize', { media_type: 'video/mp4', total_bytes: 3, media_category: 'tweet_video' });
    const id = init.body.data.id as string;
    expect((await call(`/2/media/upload/${id}/append`, { media: 'AAAA', segment_index: 0 })).status).toBe(200);
    expect((await call(`/2/media/upload/${id}/finalize`)).body.data.processing_info.state).toBe('pending');
    expect((await call(`/2/media/upload?media_id=${id}&command=STATUS`)).body.data.processing_info.state).toBe('in_progress');
    expect((await call(`/2/media/upload?media_id=${id}&command=STATUS`)).body.data.processing_info.state).toBe('succeeded');
    expect((await call('/2/media/upload/initialize', { media_type: 'image/png', total_bytes: 6 * 1024 * 1024 })).status).toBe(400);
    expect((await call('/2/tweets', { text: 'bad media', media: { media_ids: ['123'] } })).status).toBe(400);
    expect((await call('/2/dm_conversations', { conversation_type: 'Group', participant_ids: [setup.recipient, emulator.users.size > 0 ? [...emulator.users.values()].find((user) => user.username === 'friend')!.id : ''], message: { text: 'new group' } })).status).toBe(201);
    expect((await call('/2/dm_conversations/123456789012345678/messages', { text: 'x' })).status).toBe(404);
    expect(setup.documentProblems).toEqual([]);
  });
});
