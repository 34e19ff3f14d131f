import { describe, expect, it } from 'vitest';
import { InstagramEmulator } from '../../src/testing/instagram/index.js';
import { collect } from '../conformance/helpers.js';
import { createInstagram } from './instagram-world.js';

describe('Instagram pacing', () => {
  it("keeps the Conversations API's 2 calls a second (never reported in a header): a long history waits instead of being refused", async () => {
    const emulator = new InstagramEmulator();
    for (let index = 0; index < 60; index++) emulator.directMessage({ from: `61000000000002${String(index).padStart(2, '0')}`, text: `question ${index}`, at: new Date(Date.now() - index * 1000) });
    const channel = createInstagram(emulator);
    const waits: number[] = [];
    channel.on('rateLimit', (_state, waitMs) => waits.push(waitMs));
    const all = await collect(channel.messages());
    expect(all.filter((message) => message.kind === 'direct')).toHaveLength(60);
    expect(emulator.limiter.refused).toBe(0);
    expect(emulator.count('GET', `/v26.0/${emulator.pageId}/conversations`)).toBe(3);
    await channel.close();
  });
});

describe('Instagram pacing across stores', () => {
  it('waits a second, not minutes, when two channels that do not share a store together pass the 2 calls a second (613 on a conversations read)', async () => {
    const emulator = new InstagramEmulator();
    for (let index = 0; index < 60; index++) emulator.directMessage({ from: `61000000000003${String(index).padStart(2, '0')}`, text: `question ${index}`, at: new Date(Date.now() - index * 1000) });
    const first = createInstagram(emulator);
    const second = createInstagram(emulator);
    const [a, b] = await Promise.all([collect(first.messages()), collect(second.messages())]);
    expect(a.filter((message) => message.kind === 'direct')).toHaveLength(60);
    expect(b.filter((message) => message.kind === 'direct')).toHaveLength(60);
    expect(emulator.limiter.refused).toBeGreaterThan(0);
    await Promise.all([first.close(), second.close()]);
  });
});
