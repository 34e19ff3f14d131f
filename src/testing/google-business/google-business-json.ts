/**
 * The emulator's reviews in the shapes of the v4 schemas Review, ReviewReply and Reviewer
 * (google-business-facts.ts): only documented properties; `comment` is absent on a rating-only review
 * and `reviewReply` on a review without an answer, as Google leaves unset fields out.
 */
export type StarRating = 'ONE' | 'TWO' | 'THREE' | 'FOUR' | 'FIVE';

export interface StoredReview {
  accountId: string;
  locationId: string;
  reviewId: string;
  reviewer: { displayName?: string; profilePhotoUrl?: string; isAnonymous: boolean };
  starRating: StarRating;
  comment?: string;
  createTime: string;
  updateTime: string;
  reply?: { comment: string; updateTime: string };
}

export const STARS: readonly StarRating[] = ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE'];

export function reviewName(review: StoredReview): string {
  return `accounts/${review.accountId}/locations/${review.locationId}/reviews/${review.reviewId}`;
}

export function replyJson(reply: { comment: string; updateTime: string }) {
  return { comment: reply.comment, updateTime: reply.updateTime };
}

export function reviewJson(review: StoredReview) {
  return {
    name: reviewName(review),
    reviewId: review.reviewId,
    reviewer: review.reviewer.isAnonymous ? { displayName: 'A Google User', isAnonymous: true } : { ...review.reviewer },
    starRating: review.starRating,
    ...(review.comment !== undefined ? { comment: review.comment } : {}),
    createTime: review.createTime,
    updateTime: review.updateTime,
    ...(review.reply ? { reviewReply: replyJson(review.reply) } : {}),
  };
}
