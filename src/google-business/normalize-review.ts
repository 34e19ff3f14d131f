/**
 * A Business Profile review, and the owner's reply to it, into Messages. A review is `kind: 'review'`,
 * its own thread, with `rating` from starRating (ONE..FIVE → 1..5 of 5); a rating-only review has no
 * comment and an empty `text`. `editedAt` is the review's updateTime when it is later than createTime.
 */
import type { Message } from '../core/channel.js';
import type { Review, ReviewReply } from './google-business-schemas.js';

const STARS = ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE'];

export interface ReviewContext {
  channel: string;
  /** The location's resource name, `accounts/{a}/locations/{l}`: the author of the owner's replies. */
  location: string;
}

export function starValue(starRating: string | undefined): number | undefined {
  const index = STARS.indexOf(starRating ?? '');
  return index < 0 ? undefined : index + 1;
}

export function normalizeReview(review: Review, context: ReviewContext): Message {
  const reviewer = review.reviewer ?? {};
  const name = reviewer.isAnonymous ? undefined : reviewer.displayName;
  const createdAt = new Date(review.createTime);
  const updatedAt = new Date(review.updateTime);
  const message: Message = {
    id: review.reviewId,
    channel: context.channel,
    platform: 'google-business',
    kind: 'review',
    threadId: review.reviewId,
    // Google gives no reviewer id: the display name is the best handle there is ("anonymous" when hidden).
    author: { id: name ?? 'anonymous', isSelf: false, ...(name ? { name } : {}) },
    text: review.comment ?? '',
    attachments: [],
    createdAt,
    raw: review,
  };
  if (!reviewer.isAnonymous && reviewer.profilePhotoUrl) message.author.avatarUrl = reviewer.profilePhotoUrl;
  const stars = starValue(review.starRating);
  if (stars !== undefined) message.rating = { value: stars, max: 5 };
  if (updatedAt.getTime() > createdAt.getTime()) message.editedAt = updatedAt;
  return message;
}

/**
 * The owner's reply as a Message. A review has one reply: its id is the reply's resource name below the
 * review ("<reviewId>/reply"). `replaced` is when a reply replaced an earlier one: it was created at
 * `replaced.createdAt` (the earlier reply's time, the first Google shows) and edited now.
 */
export function normalizeReply(review: Pick<Review, 'reviewId'>, reply: ReviewReply, context: ReviewContext, replaced?: { createdAt: Date }): Message {
  const updatedAt = new Date(reply.updateTime);
  const message: Message = {
    id: `${review.reviewId}/reply`,
    channel: context.channel,
    platform: 'google-business',
    kind: 'reply',
    threadId: review.reviewId,
    parentId: review.reviewId,
    author: { id: context.location, name: 'Owner', isSelf: true },
    text: reply.comment,
    attachments: [],
    createdAt: replaced ? replaced.createdAt : updatedAt,
    raw: reply,
  };
  if (replaced) message.editedAt = updatedAt;
  return message;
}
