/** A Google Business Profile as its customers see it: reviews with stars, and the owner's reply. */
import type { Sandbox } from '../../testing/sandbox.js';
import type { SandboxRow } from '../row.js';
import { parseTime, type PlatformFace } from './platform-face.js';

const STARS: Record<string, number> = { ONE: 1, TWO: 2, THREE: 3, FOUR: 4, FIVE: 5 };

export const googleBusinessFace: PlatformFace = {
  platform: 'google-business',
  label: 'Google reviews',
  kinds: ['review'],
  emulator: (sandbox) => sandbox.googleBusiness.emulator,
  view(sandbox: Sandbox): SandboxRow[] {
    const rows: SandboxRow[] = [];
    for (const review of sandbox.googleBusiness.emulator.reviews.values()) {
      const author = review.reviewer.isAnonymous ? 'A Google user' : (review.reviewer.displayName ?? 'A Google user');
      const base = { platform: 'google-business', place: 'reviews' as const, threadId: review.reviewId, threadTitle: `${author}'s review` };
      rows.push({ ...base, id: `google-business:${review.reviewId}`, author, isBot: false, text: review.comment ?? '', at: parseTime(review.createTime), rating: STARS[review.starRating] ?? 0, nativeId: review.reviewId });
      if (review.reply) rows.push({ ...base, id: `google-business:${review.reviewId}/reply`, author: 'Response from the owner', isBot: true, text: review.reply.comment, at: parseTime(review.reply.updateTime), nativeId: `${review.reviewId}/reply` });
    }
    return rows;
  },
  act(sandbox, action) {
    const review = sandbox.googleBusiness.emulator.review({ stars: action.rating as 1 | 2 | 3 | 4 | 5, comment: action.text, reviewer: { displayName: action.customer } });
    return { nativeId: review.reviewId, threadId: review.reviewId };
  },
  writeFailure: { match: { method: 'PUT' }, status: 503, body: { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } } },
  rateLimited: () => ({ status: 429, body: { error: { code: 429, message: "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute' of service 'mybusiness.googleapis.com'.", status: 'RESOURCE_EXHAUSTED' } } }),
  expireToken(sandbox) {
    sandbox.googleBusiness.emulator.expireTokens();
    return undefined;
  },
};
