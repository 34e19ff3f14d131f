/** The YouTube channel as its viewers see it: comment threads under each video. */
import type { Sandbox } from '../../testing/sandbox.js';
import type { SandboxRow } from '../row.js';
import { numericId, parseTime, type PlatformFace } from './platform-face.js';

export const youtubeFace: PlatformFace = {
  platform: 'youtube',
  label: 'YouTube',
  kinds: ['comment', 'reply'],
  emulator: (sandbox) => sandbox.youtube.emulator,
  view(sandbox: Sandbox): SandboxRow[] {
    const emulator = sandbox.youtube.emulator;
    const rows: SandboxRow[] = [];
    for (const thread of emulator.threads.values()) {
      for (const comment of [thread.top, ...thread.replies]) {
        rows.push({
          id: `youtube:${comment.id}`,
          platform: 'youtube',
          place: 'comments',
          threadId: thread.id,
          threadTitle: emulator.videos.get(thread.videoId)?.title ?? thread.videoId,
          author: comment.author.name,
          isBot: comment.author.channelId === emulator.channelId,
          text: comment.text,
          at: parseTime(comment.publishedAt),
          nativeId: comment.id,
        });
      }
    }
    return rows;
  },
  act(sandbox, action) {
    const emulator = sandbox.youtube.emulator;
    const author = { name: action.customer, channelId: `UC${numericId(action.customer, 22)}` };
    if (action.kind === 'reply') {
      const parentId = action.inReplyTo!.split('.')[0]!;
      if (!emulator.threads.has(parentId)) throw new TypeError(`no comment thread ${parentId} to reply in`);
      const reply = emulator.reply({ parentId, text: action.text, author });
      return { nativeId: reply.id, threadId: parentId };
    }
    const videoId = action.inReplyTo ?? [...emulator.videos.keys()][0]!;
    if (!emulator.videos.has(videoId)) throw new TypeError(`no video ${videoId} to comment on`);
    const comment = emulator.comment({ videoId, text: action.text, author });
    return { nativeId: comment.id, threadId: comment.id };
  },
  writeFailure: { match: { method: 'POST', path: '/youtube/v3/comments' }, status: 503, body: { error: { code: 503, message: 'The service is currently unavailable.', errors: [{ message: 'The service is currently unavailable.', domain: 'global', reason: 'backendError' }] } } },
  rateLimited: () => ({ status: 403, body: { error: { code: 403, message: 'The request cannot be completed because you have exceeded your rate limit.', errors: [{ message: 'Rate limit exceeded.', domain: 'youtube.quota', reason: 'rateLimitExceeded' }] } } }),
  expireToken(sandbox) {
    sandbox.youtube.emulator.expireTokens();
    return undefined;
  },
};
