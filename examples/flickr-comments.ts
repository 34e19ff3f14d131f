/**
 * Comments on a Flickr account's photos: answers every new comment on the same photo, naming the
 * person ("@authorname ": Flickr comments have no threads). Every call is signed with OAuth 1.0a and
 * counts against the app key's 3,600 calls an hour, shared by every channel of that key.
 *
 * With FLICKR_USER_ID and FLICKR_CONSUMER_KEY / FLICKR_CONSUMER_SECRET / FLICKR_TOKEN / FLICKR_TOKEN_SECRET
 * set (an access token with write permission) it talks to Flickr; without them it runs against the
 * sandbox, where a customer comments on a photo: `npx tsx examples/flickr-comments.ts`.
 */
import { flickr } from 'everywhere/flickr';
import { createSandbox } from 'everywhere/testing';

const sandbox = process.env.FLICKR_USER_ID ? undefined : await createSandbox();
const channel = flickr(
  sandbox
    ? { ...sandbox.flickr.options, pollIntervalMs: 200 }
    : {
        userId: process.env.FLICKR_USER_ID!,
        oauth1: {
          consumerKey: process.env.FLICKR_CONSUMER_KEY!,
          consumerSecret: process.env.FLICKR_CONSUMER_SECRET!,
          token: process.env.FLICKR_TOKEN!,
          tokenSecret: process.env.FLICKR_TOKEN_SECRET!,
        },
      },
);

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
if (sandbox) {
  const photos = sandbox.flickr.emulator;
  photos.person('20000002@N02', 'sam_pics', 'Sam');
  setTimeout(() => photos.comment({ by: '20000002@N02', photoId: sandbox.flickr.photoId, text: 'Is the store open on <b>Sundays</b>?' }), 300);
  setTimeout(() => controller.abort(), 3000);
}
for await (const comment of channel.listen({ signal: controller.signal })) {
  console.log(`← on "${comment.subject}" from ${comment.author.handle}: ${comment.text}`);
  const answer = await channel.reply(comment, { text: 'Yes, from 10 to 4. See you there!' });
  console.log(`→ ${answer.text} (${answer.url})`);
}
await channel.close();
await sandbox?.close();
