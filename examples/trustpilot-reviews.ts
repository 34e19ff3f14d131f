/**
 * Trustpilot service reviews: answers every new review with the company's public reply, and answers again
 * when the customer edits it (the new reply replaces the old: a review has one). New reviews come by polling;
 * with a webhook subscription (Integrations > Developers > Webhooks) pointed at `channel.webhook`, new and
 * edited reviews come at once. Here the sandbox plays Trustpilot and this script plays its webhook delivery.
 *
 * With TRUSTPILOT_BUSINESS_UNIT_ID, TRUSTPILOT_BUSINESS_USER_ID, TRUSTPILOT_API_KEY, TRUSTPILOT_API_SECRET and
 * TRUSTPILOT_REFRESH_TOKEN set it talks to Trustpilot; without them it runs against the sandbox:
 * `npx tsx examples/trustpilot-reviews.ts`.
 */
import { createSandbox } from 'everywhere/testing';
import { trustpilot } from 'everywhere/trustpilot';

const sandbox = process.env.TRUSTPILOT_BUSINESS_UNIT_ID ? undefined : await createSandbox();
const channel = trustpilot(
  sandbox
    ? { ...sandbox.trustpilot.options, pollIntervalMs: 200 }
    : {
        businessUnitId: process.env.TRUSTPILOT_BUSINESS_UNIT_ID!,
        businessUserId: process.env.TRUSTPILOT_BUSINESS_USER_ID!,
        apiKey: process.env.TRUSTPILOT_API_KEY!,
        apiSecret: process.env.TRUSTPILOT_API_SECRET!,
        oauth2: { refreshToken: process.env.TRUSTPILOT_REFRESH_TOKEN! },
      },
);

const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
if (sandbox) {
  const site = sandbox.trustpilot.emulator;
  setTimeout(() => {
    const review = site.review({ stars: 2, title: 'Late again', text: 'Second late delivery this month.', consumer: { id: '5f0c0a1b2c3d4e5f6a7b8c9f', displayName: 'Lena' } });
    setTimeout(async () => {
      // Lena edits her review; Trustpilot tells the subscription URL, which carries the webhook secret.
      const edited = site.edit(review.id, { stars: 4, text: 'Late, but the replacement came next day. Thanks!' });
      const url = `https://bot.example/trustpilot/${sandbox.trustpilot.options.webhookSecret}`;
      await channel.webhook!(new Request(url, { method: 'POST', body: JSON.stringify(site.webhookPayload('service-review-updated', edited)) }));
    }, 600);
  }, 300);
  setTimeout(() => controller.abort(), 3000);
}
for await (const review of channel.listen({ signal: controller.signal })) {
  console.log(`← ${review.editedAt ? 'edited ' : ''}review by ${review.author.name} (${review.rating?.value}/5) "${review.subject}": ${review.text}`);
  const text = (review.rating?.value ?? 0) >= 4 ? `Thank you, ${review.author.name}!` : `We are sorry, ${review.author.name}: a replacement is on its way.`;
  const answer = await channel.reply(review, { text });
  console.log(`→ ${answer.editedAt ? 'replaced our reply' : 'replied'}: ${answer.text}`);
}
await channel.close();
await sandbox?.close();
