/** Trustpilot as consumers see a business's page: reviews with stars and title, and the company's reply. */
import type { Sandbox } from '../../testing/sandbox.js';
import type { SandboxRow } from '../row.js';
import { numericId, parseTime, type PlatformFace } from './platform-face.js';

export const trustpilotFace: PlatformFace = {
  platform: 'trustpilot',
  label: 'Trustpilot',
  kinds: ['review'],
  emulator: (sandbox) => sandbox.trustpilot.emulator,
  view(sandbox: Sandbox): SandboxRow[] {
    const rows: SandboxRow[] = [];
    for (const review of sandbox.trustpilot.emulator.reviews.values()) {
      const base = { platform: 'trustpilot', place: 'reviews' as const, threadId: review.id, threadTitle: review.title };
      rows.push({ ...base, id: `trustpilot:${review.id}`, author: review.consumer.displayName, isBot: false, text: review.title ? `${review.title}\n${review.text}` : review.text, at: parseTime(review.createdAt), rating: review.stars, nativeId: review.id });
      const reply = review.companyReply;
      if (reply) rows.push({ ...base, id: `trustpilot:${review.id}/reply`, author: reply.authorBusinessUserName || 'Reply from the company', isBot: true, text: reply.text, at: parseTime(reply.updatedAt ?? reply.createdAt), nativeId: `${review.id}/reply` });
    }
    return rows;
  },
  act(sandbox, action) {
    // A consumer id is 24 hex digits.
    const id = (numericId(action.customer, 12) + numericId(`${action.customer}/2`, 12)).replace(/[^0-9a-f]/g, '0');
    const [title, ...rest] = action.text.split('\n');
    const review = sandbox.trustpilot.emulator.review({ stars: action.rating as 1 | 2 | 3 | 4 | 5, title: title!.slice(0, 100), text: rest.join('\n').trim() || action.text, consumer: { id, displayName: action.customer } });
    return { nativeId: review.id, threadId: review.id };
  },
  writeFailure: { match: { method: 'POST' }, status: 503, body: { message: 'Service unavailable' } },
  rateLimited: () => ({ status: 429, body: { fault: { faultstring: 'Rate limit quota violation. Quota limit exceeded.', detail: { errorcode: 'policies.ratelimit.QuotaViolation' } } } }),
  expireToken(sandbox) {
    sandbox.trustpilot.emulator.expireTokens();
    return undefined;
  },
};
