/** The sandbox's Flickr over a real 127.0.0.1 socket: a comment read, answered and stored, every call signed. */
import { describe, expect, it } from 'vitest';
import { flickr } from 'everywhere/flickr';
import { createSandbox } from 'everywhere/testing';
import { collect } from '../conformance/helpers.js';

describe('flickr in the sandbox', () => {
  it('reads a comment on the sandbox photo and answers it', async () => {
    const sandbox = await createSandbox();
    const channel = flickr(sandbox.flickr.options);
    try {
      expect(sandbox.flickr.options.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/flickr$/);
      sandbox.flickr.emulator.person('20000002@N02', 'sam_pics');
      sandbox.flickr.emulator.comment({ by: '20000002@N02', photoId: sandbox.flickr.photoId, text: 'Open on Sundays?' });
      const [comment] = await collect(channel.messages(), 1);
      expect(comment).toMatchObject({ text: 'Open on Sundays?', subject: 'Our new store front', threadId: sandbox.flickr.photoId });
      const answer = await channel.reply(comment!, { text: 'Yes!' });
      expect(answer.text).toBe('@sam_pics Yes!');
      expect(sandbox.flickr.emulator.photos.get(sandbox.flickr.photoId)!.comments.map((stored) => stored._content)).toEqual(['Open on Sundays?', '@sam_pics Yes!']);
      expect(sandbox.flickr.emulator.requests.every((request) => request.status === 200)).toBe(true);
    } finally {
      await channel.close();
      await sandbox.close();
    }
  });
});
