/** Flickr as its members see it: the comments under each of the account's photos. */
import type { Sandbox } from '../../testing/sandbox.js';
import type { SandboxRow } from '../row.js';
import { handleOf, numericId, type PlatformFace } from './platform-face.js';

export const flickrFace: PlatformFace = {
  platform: 'flickr',
  label: 'Flickr',
  kinds: ['comment'],
  emulator: (sandbox) => sandbox.flickr.emulator,
  view(sandbox: Sandbox): SandboxRow[] {
    const emulator = sandbox.flickr.emulator;
    const rows: SandboxRow[] = [];
    for (const photo of emulator.photos.values()) {
      for (const comment of photo.comments) {
        rows.push({
          id: `flickr:${comment.id}`,
          platform: 'flickr',
          place: 'comments',
          threadId: photo.id,
          threadTitle: photo.title,
          author: comment.realname || comment.authorname,
          isBot: comment.author === emulator.userId,
          text: comment._content,
          at: Number(comment.datecreate) * 1000,
          nativeId: comment.id,
        });
      }
    }
    return rows;
  },
  act(sandbox, action) {
    const emulator = sandbox.flickr.emulator;
    const nsid = `${numericId(action.customer, 8)}@N02`;
    emulator.person(nsid, handleOf(action.customer, 32).toLowerCase(), action.customer);
    const photoId = action.inReplyTo ?? sandbox.flickr.photoId;
    if (!emulator.photos.has(photoId)) throw new TypeError(`no photo ${photoId} to comment on`);
    const id = emulator.comment({ by: nsid, photoId, text: action.text });
    return { nativeId: id, threadId: photoId };
  },
  writeFailure: { match: { method: 'POST' }, status: 200, body: { stat: 'fail', code: 106, message: 'Write operation failed' } },
  // Flickr documents no rate-limit answer; its front ends refuse with a plain HTTP 429.
  rateLimited: () => ({ status: 429, body: 'Too Many Requests', headers: { 'content-type': 'text/plain' } }),
  expireToken: () => 'Flickr OAuth 1.0a tokens do not expire (a person can only revoke them)',
};
