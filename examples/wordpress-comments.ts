/**
 * Comments on a WordPress blog: answers every new approved comment in its thread, and prints the
 * comments held for moderation (moderation: true) without answering them.
 *
 * With WORDPRESS_URL, WORDPRESS_USERNAME and WORDPRESS_APP_PASSWORD set (an Application Password:
 * Users → Profile → Application Passwords) it talks to your site; without them it runs against the
 * sandbox, where readers comment on a post: `npx tsx examples/wordpress-comments.ts`.
 */
import { createSandbox } from 'everywhere/testing';
import { wordpress } from 'everywhere/wordpress';

const sandbox = process.env.WORDPRESS_URL ? undefined : await createSandbox();
const blog = wordpress({
  ...(sandbox
    ? { ...sandbox.wordpress.options, pollIntervalMs: 200 }
    : { baseUrl: process.env.WORDPRESS_URL!, username: process.env.WORDPRESS_USERNAME!, applicationPassword: process.env.WORDPRESS_APP_PASSWORD! }),
  moderation: true,
});

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
if (sandbox) {
  const site = sandbox.wordpress.emulator;
  const post = site.post({ title: 'Ten tips for a longer battery life' });
  setTimeout(() => {
    const question = site.comment({ post: post.id, by: 'Jo', content: 'Does tip 3 work on older models too?' });
    site.comment({ post: post.id, by: 'Sam', content: 'Same question here!', parent: question.id });
    site.comment({ post: post.id, by: 'New reader', content: 'First time here, great list', status: 'hold' });
  }, 300);
  setTimeout(() => controller.abort(), 3000);
}
for await (const comment of blog.listen({ signal: controller.signal })) {
  const status = (comment.raw as { status: string }).status;
  console.log(`← [${status}] on "${comment.subject}" from ${comment.author.name}: ${comment.text}`);
  if (status !== 'approved') continue; // a moderator decides on held comments
  const answer = await blog.reply(comment, { text: `Thanks ${comment.author.name}! Yes, it works on every model since 2019.` });
  console.log(`→ ${answer.url} (thread ${answer.threadId})`);
}
await blog.close();
await sandbox?.close();
