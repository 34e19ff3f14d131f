/** A YouTube comment and a reply as Messages: kind, thread, parent, author, subject (the video title), url and raw. */
import { afterEach, describe, expect, it } from 'vitest';
import { collect } from '../conformance/helpers.js';
import { CHANNEL_ID, VIDEO, youtubeWorld } from './youtube-world.js';

let close: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

describe('YouTube normalization', () => {
  it('gives a top-level comment and a reply their thread, parent, author and the video title', async () => {
    const world = await youtubeWorld();
    const channel = world.create();
    close.push(() => world.close(), () => channel.close());
    const top = world.emulator.comment({ videoId: VIDEO, text: 'Step 3 <b>fails</b> for me', author: { name: 'Ana Lopez', channelId: 'UCana00000000000000000001' } });
    const reply = world.emulator.reply({ parentId: top.id, text: 'Same here & on Wi-Fi too' });
    const [newest, oldest] = await collect(channel.messages());
    expect(oldest).toMatchObject({
      id: top.id,
      platform: 'youtube',
      kind: 'comment',
      threadId: top.id,
      text: 'Step 3 <b>fails</b> for me', // textOriginal, not the HTML-escaped textDisplay
      subject: 'How to set up your router',
      author: { id: 'UCana00000000000000000001', handle: 'AnaLopez', name: '@AnaLopez', isSelf: false, avatarUrl: 'https://yt3.ggpht.com/UCana00000000000000000001=s48' },
      url: `https://www.youtube.com/watch?v=${VIDEO}&lc=${top.id}`,
    });
    expect(oldest!.parentId).toBeUndefined();
    expect(oldest!.createdAt.toISOString()).toBe(top.publishedAt);
    expect(newest).toMatchObject({ id: reply.id, kind: 'comment', threadId: top.id, parentId: top.id, text: 'Same here & on Wi-Fi too', subject: 'How to set up your router' });
    expect((newest!.raw as { snippet: { parentId: string } }).snippet.parentId).toBe(top.id);
  });

  it("marks the channel's own comments isSelf and leaves them out of history", async () => {
    const world = await youtubeWorld();
    const channel = world.create();
    close.push(() => world.close(), () => channel.close());
    const top = world.emulator.comment({ videoId: VIDEO, text: 'Does this work on 5 GHz?' });
    world.emulator.reply({ parentId: top.id, text: 'Yes, it does.', author: { name: 'Our Channel', channelId: CHANNEL_ID } });
    const thread = await collect(channel.thread(top.id));
    expect(thread.map((message) => message.author.isSelf)).toEqual([false, true]);
    expect((await collect(channel.messages())).map((message) => message.id)).toEqual([top.id]);
  });

  it('asks for a video title once per video (videos.list, 1 unit)', async () => {
    const world = await youtubeWorld();
    const channel = world.create();
    close.push(() => world.close(), () => channel.close());
    world.emulator.video('second00001', 'Second video');
    for (const videoId of [VIDEO, 'second00001', VIDEO, 'second00001']) world.emulator.comment({ videoId, text: `On ${videoId}` });
    await collect(channel.messages());
    await collect(channel.messages());
    expect(world.emulator.count('GET', '/youtube/v3/videos')).toBe(2);
  });
});
