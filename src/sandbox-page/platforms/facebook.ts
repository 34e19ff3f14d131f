/** A Facebook Page as its visitors see it: its posts with their comments, posts that tag it, and Messenger. */
import type { Sandbox } from '../../testing/sandbox.js';
import type { SandboxRow } from '../row.js';
import { numericId, type PlatformFace } from './platform-face.js';

const WELCOME_POST = 'Welcome to our Page! Ask us anything here.';

function pagePost(sandbox: Sandbox): string {
  const graph = sandbox.facebook.emulator.graph;
  const own = [...graph.posts.values()].filter((post) => post.from.id === sandbox.facebook.emulator.pageId);
  return own.at(-1)?.id ?? sandbox.facebook.emulator.post({ message: WELCOME_POST });
}

export const facebookFace: PlatformFace = {
  platform: 'facebook',
  label: 'Facebook',
  kinds: ['comment', 'reply', 'post', 'dm'],
  emulator: (sandbox) => sandbox.facebook.emulator,
  view(sandbox: Sandbox): SandboxRow[] {
    const emulator = sandbox.facebook.emulator;
    const graph = emulator.graph;
    const isPage = (id: string) => id === emulator.pageId;
    const rows: SandboxRow[] = [];
    for (const post of graph.posts.values()) {
      rows.push({ id: `facebook:${post.id}`, platform: 'facebook', place: 'comments', threadId: post.id, threadTitle: post.message, author: post.from.name, isBot: isPage(post.from.id), text: post.message, at: post.createdMs, nativeId: post.id });
    }
    for (const post of graph.tagged.values()) {
      rows.push({ id: `facebook:${post.id}`, platform: 'facebook', place: 'timeline', threadId: post.id, author: post.from.name, isBot: isPage(post.from.id), text: post.message, at: post.createdMs, nativeId: post.id });
    }
    for (const comment of graph.comments.values()) {
      rows.push({ id: `facebook:${comment.id}`, platform: 'facebook', place: graph.tagged.has(comment.postId) ? 'timeline' : 'comments', threadId: comment.postId, author: comment.from.name, isBot: isPage(comment.from.id), text: comment.message, at: comment.createdMs, nativeId: comment.id });
    }
    for (const conversation of graph.conversations.values()) {
      for (const message of conversation.messages) {
        rows.push({ id: `facebook:${message.id}`, platform: 'facebook', place: 'dm', threadId: conversation.id, threadTitle: `Messenger with ${conversation.person.name}`, author: message.from.name, isBot: isPage(message.from.id), text: message.text, at: message.createdMs, nativeId: message.id });
      }
    }
    return rows;
  },
  act(sandbox, action) {
    const emulator = sandbox.facebook.emulator;
    const from = { id: numericId(action.customer, 16), name: action.customer };
    if (action.kind === 'dm') {
      const mid = emulator.messengerMessage({ from: from.id, name: from.name, text: action.text });
      return { nativeId: mid, threadId: emulator.conversation(from.id)?.id ?? from.id };
    }
    if (action.kind === 'post') {
      const id = emulator.mention({ from, message: action.text });
      return { nativeId: id, threadId: id };
    }
    const on = action.inReplyTo ?? pagePost(sandbox);
    const id = emulator.comment({ from, message: action.text, on });
    return { nativeId: id, threadId: emulator.graph.comments.get(id)?.postId ?? on };
  },
  // Graph's code 1 "An unknown error occurred" (HTTP 500, not transient), as the conformance world answers an ambiguous write.
  writeFailure: { match: { method: 'POST' }, status: 500, body: { error: { message: 'An unknown error occurred', type: 'OAuthException', code: 1, is_transient: false, fbtrace_id: 'AEmuSandboxPage' } } },
  rateLimited: () => ({ status: 400, body: { error: { message: '(#32) Page request limit reached', type: 'OAuthException', code: 32, fbtrace_id: 'AEmuSandboxPage' } } }),
  expireToken: () => "the Facebook emulator's Page token does not expire (a Page token from a long-lived user token has no end); the Instagram emulator's expireToken() ends the shared Page token for Instagram only",
};
