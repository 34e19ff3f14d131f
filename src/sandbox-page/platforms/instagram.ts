/** The Instagram account as its followers see it: comments on its media, and its Direct messages. */
import type { Sandbox } from '../../testing/sandbox.js';
import type { SandboxRow } from '../row.js';
import { handleOf, numericId, type PlatformFace } from './platform-face.js';

export const instagramFace: PlatformFace = {
  platform: 'instagram',
  label: 'Instagram',
  kinds: ['comment', 'reply', 'dm'],
  emulator: (sandbox) => sandbox.instagram.emulator,
  view(sandbox: Sandbox): SandboxRow[] {
    const emulator = sandbox.instagram.emulator;
    const self = emulator.instagramAccountId;
    const rows: SandboxRow[] = [];
    for (const media of emulator.graph.media.values()) {
      rows.push({ id: `instagram:${media.id}`, platform: 'instagram', place: 'comments', threadId: media.id, threadTitle: media.caption, author: `@${media.owner.username}`, isBot: media.owner.id === self, text: media.caption, at: media.createdMs, nativeId: media.id });
    }
    for (const comment of emulator.graph.comments.values()) {
      rows.push({ id: `instagram:${comment.id}`, platform: 'instagram', place: 'comments', threadId: comment.mediaId, author: `@${comment.from.username}`, isBot: comment.from.id === self, text: comment.text, at: comment.createdMs, nativeId: comment.id });
    }
    for (const conversation of emulator.direct.conversations.values()) {
      for (const message of conversation.messages) {
        rows.push({ id: `instagram:${message.id}`, platform: 'instagram', place: 'dm', threadId: conversation.id, threadTitle: `Direct with @${conversation.person.username}`, author: `@${message.from.username}`, isBot: message.from.id === self, text: message.text, at: message.createdMs, nativeId: message.id });
      }
    }
    return rows;
  },
  act(sandbox, action) {
    const emulator = sandbox.instagram.emulator;
    const from = numericId(action.customer, 16);
    const username = handleOf(action.customer, 30).toLowerCase();
    if (action.kind === 'dm') {
      const mid = emulator.directMessage({ from, username, text: action.text });
      return { nativeId: mid, threadId: emulator.conversation(from)?.id ?? from };
    }
    const on = action.inReplyTo ?? sandbox.instagram.mediaId;
    const id = emulator.comment({ from, username, text: action.text, on });
    return { nativeId: id, threadId: emulator.commentRecord(id)?.mediaId ?? on };
  },
  writeFailure: { match: { method: 'POST' }, status: 500, body: { error: { message: 'An unknown error has occurred.', type: 'OAuthException', code: 1, fbtrace_id: 'AEmuSandboxPage' } } },
  rateLimited: () => ({ status: 400, body: { error: { message: '(#4) Application request limit reached', type: 'OAuthException', code: 4, is_transient: true, fbtrace_id: 'AEmuSandboxPage' } } }),
  expireToken(sandbox) {
    sandbox.instagram.emulator.expireToken();
    return undefined;
  },
};
