/**
 * Google Business Profile reviews: answers every new review of a location publicly, and answers again
 * when the customer edits it (the new answer replaces the old one: a review has one reply). Rating-only
 * reviews come with an empty text and their stars.
 *
 * With GBP_ACCOUNT_ID, GBP_LOCATION_ID and GOOGLE_CLIENT_ID / GOOGLE_CLIENT_SECRET / GOOGLE_REFRESH_TOKEN
 * set (an OAuth client with the business.manage scope, in a project Google has approved for the Business
 * Profile APIs) it talks to Google; without them it runs against the sandbox, where customers leave
 * reviews: `npx tsx examples/google-business-reviews.ts`.
 */
import { googleBusiness } from 'everywhere/google-business';
import { createSandbox } from 'everywhere/testing';

const sandbox = process.env.GBP_LOCATION_ID ? undefined : await createSandbox();
const channel = googleBusiness(
  sandbox
    ? { ...sandbox.googleBusiness.options, pollIntervalMs: 200 }
    : {
        accountId: process.env.GBP_ACCOUNT_ID!,
        locationId: process.env.GBP_LOCATION_ID!,
        oauth2: { clientId: process.env.GOOGLE_CLIENT_ID!, clientSecret: process.env.GOOGLE_CLIENT_SECRET!, refreshToken: process.env.GOOGLE_REFRESH_TOKEN! },
      },
);

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
if (sandbox) {
  const profile = sandbox.googleBusiness.emulator;
  setTimeout(() => {
    const review = profile.review({ stars: 3, comment: 'Good coffee, but we waited 20 minutes.', reviewer: { displayName: 'Priya' } });
    profile.review({ stars: 5, reviewer: { displayName: 'Tom' } }); // rating only
    setTimeout(() => profile.edit(review.reviewId, { comment: 'Good coffee; the wait is shorter now.', stars: 4 }), 600);
  }, 300);
  setTimeout(() => controller.abort(), 3000);
}
for await (const review of channel.listen({ signal: controller.signal })) {
  const stars = review.rating ? `${review.rating.value}/${review.rating.max}` : 'no rating';
  console.log(`← ${review.editedAt ? 'edited ' : ''}review by ${review.author.name ?? 'someone'} (${stars}): ${review.text || '(rating only)'}`);
  const text = review.rating && review.rating.value >= 4 ? `Thank you, ${review.author.name ?? 'friend'}!` : `Sorry, ${review.author.name ?? 'friend'}: we are adding staff at peak hours.`;
  const answer = await channel.reply(review, { text });
  console.log(`→ ${answer.editedAt ? 'replaced our reply' : 'replied'}: ${answer.text}`);
}
await channel.close();
await sandbox?.close();
