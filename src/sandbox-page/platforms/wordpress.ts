/** The WordPress blog as its readers see it: each post's comments, threaded by parent. */
import type { Sandbox } from '../../testing/sandbox.js';
import type { SandboxRow } from '../row.js';
import type { PlatformFace } from './platform-face.js';

const WELCOME_POST = 'Welcome to our blog';

export const wordpressFace: PlatformFace = {
  platform: 'wordpress',
  label: 'WordPress',
  kinds: ['comment', 'reply'],
  emulator: (sandbox) => sandbox.wordpress.emulator,
  view(sandbox: Sandbox): SandboxRow[] {
    const emulator = sandbox.wordpress.emulator;
    const site = emulator.site;
    return [...site.comments.values()].map((comment) => ({
      id: `wordpress:${comment.id}`,
      platform: 'wordpress',
      place: 'comments',
      threadId: String(comment.post),
      threadTitle: site.posts.get(comment.post)?.title ?? `Post ${comment.post}`,
      author: comment.authorName,
      isBot: comment.userId !== 0 && comment.userId === emulator.bot.id,
      text: comment.content,
      at: comment.dateGmt,
      nativeId: String(comment.id),
    }));
  },
  act(sandbox, action) {
    const emulator = sandbox.wordpress.emulator;
    if (action.kind === 'reply') {
      const parent = emulator.site.comments.get(Number(action.inReplyTo));
      if (!parent) throw new TypeError(`no comment ${action.inReplyTo} to reply to`);
      const comment = emulator.comment({ post: parent.post, content: action.text, by: action.customer, parent: parent.id });
      return { nativeId: String(comment.id), threadId: String(comment.post) };
    }
    const post = action.inReplyTo ? Number(action.inReplyTo) : ([...emulator.site.posts.values()].at(-1)?.id ?? emulator.post({ title: WELCOME_POST }).id);
    if (!emulator.site.posts.has(post)) throw new TypeError(`no blog post ${action.inReplyTo} to comment on`);
    const comment = emulator.comment({ post, content: action.text, by: action.customer });
    return { nativeId: String(comment.id), threadId: String(post) };
  },
  writeFailure: { match: { method: 'POST' }, status: 502, body: '<html>502 Bad Gateway</html>' },
  // WordPress itself has no rate limit; hosts and security plugins answer a plain 429 with Retry-After.
  rateLimited: (resetAt) => ({ status: 429, body: 'Too Many Requests', headers: { 'content-type': 'text/plain', 'retry-after': String(Math.max(1, Math.ceil((resetAt - Date.now()) / 1000))) } }),
  expireToken: () => 'WordPress application passwords do not expire',
};
