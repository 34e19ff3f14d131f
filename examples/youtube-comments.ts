/**
 * Comments on a YouTube channel's videos: answers every new comment and reply in its thread (a reply
 * goes under the top-level comment: YouTube has one level of replies). A reply costs 50 of the
 * day's 10,000 units; listen() keeps to half of the day (`listenShare`).
 *
 * With YOUTUBE_CHANNEL_ID and YOUTUBE_CLIENT_ID / YOUTUBE_CLIENT_SECRET / YOUTUBE_REFRESH_TOKEN set (an
 * OAuth client with the youtube.force-ssl scope) it talks to YouTube; without them it runs against the
 * sandbox, where viewers comment on a video: `npx tsx examples/youtube-comments.ts`.
 */
import { createSandbox } from 'everywhere/testing';
import { youtube } from 'everywhere/youtube';

const sandbox = process.env.YOUTUBE_CHANNEL_ID ? undefined : await createSandbox();
const channel = youtube(
  sandbox
    ? { ...sandbox.youtube.options, pollIntervalMs: 200 }
    : {
        channelId: process.env.YOUTUBE_CHANNEL_ID!,
        oauth2: { clientId: process.env.YOUTUBE_CLIENT_ID!, clientSecret: process.env.YOUTUBE_CLIENT_SECRET!, refreshToken: process.env.YOUTUBE_REFRESH_TOKEN! },
      },
);

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
if (sandbox) {
  const videos = sandbox.youtube.emulator;
  setTimeout(() => {
    const question = videos.comment({ videoId: 'sandboxVid1', text: 'Does this work with the 2019 model?' });
    videos.reply({ parentId: question.id, text: 'Same question, mine is from 2020', author: { name: 'Sam', channelId: 'UCsam000000000000000000A' } });
  }, 300);
  setTimeout(() => controller.abort(), 3000);
}
for await (const comment of channel.listen({ signal: controller.signal })) {
  console.log(`← on "${comment.subject}" from ${comment.author.handle}: ${comment.text}`);
  const answer = await channel.reply(comment, { text: `Thanks ${comment.author.handle}! Yes, every model since 2019 works.` });
  console.log(`→ ${answer.url} (thread ${answer.threadId})`);
}
await channel.close();
await sandbox?.close();
