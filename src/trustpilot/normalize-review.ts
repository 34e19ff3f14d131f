/**
 * A Trustpilot service review, and the company's reply, into Messages. A review is `kind: 'review'`, its own
 * thread, `rating` its stars of 5, `subject` its title; `editedAt` its updatedAt when the customer changed it.
 */
import type { Message } from '../core/channel.js';
import type { TrustpilotReview } from './trustpilot-schemas.js';

export interface ReviewContext {
  channel: string;
  businessUnitId: string;
  businessUserId: string;
}

export interface ReviewFields {
  id: string;
  stars: number;
  title?: string | null | undefined;
  text?: string | null | undefined;
  createdAt: string;
  updatedAt?: string | null | undefined;
  consumer?: { id?: string | null | undefined; name?: string | null | undefined } | null | undefined;
}

/** The fields of a review, from the API's private review or a webhook's eventData. */
export function normalizeReview(review: ReviewFields, raw: unknown, context: ReviewContext): Message {
  const name = review.consumer?.name ?? undefined;
  const createdAt = new Date(review.createdAt);
  const message: Message = {
    id: review.id,
    channel: context.channel,
    platform: 'trustpilot',
    kind: 'review',
    threadId: review.id,
    author: { id: review.consumer?.id ?? name ?? 'unknown', isSelf: false, ...(name ? { name } : {}) },
    text: review.text ?? '',
    attachments: [],
    createdAt,
    rating: { value: review.stars, max: 5 },
    url: `https://www.trustpilot.com/reviews/${encodeURIComponent(review.id)}`,
    raw,
  };
  if (review.title) message.subject = review.title;
  if (review.updatedAt && Date.parse(review.updatedAt) > createdAt.getTime()) message.editedAt = new Date(review.updatedAt);
  return message;
}

export function reviewFields(review: TrustpilotReview): ReviewFields {
  return { ...review, consumer: review.consumer ? { id: review.consumer.id, name: review.consumer.displayName } : undefined };
}

/** The company's one reply to a review: id "<reviewId>/reply"; `editedAt` when it replaced an earlier one. */
export function normalizeReply(reviewId: string, reply: { text: string; createdAt: Date; editedAt?: Date | undefined }, raw: unknown, context: ReviewContext): Message {
  const message: Message = {
    id: `${reviewId}/reply`,
    channel: context.channel,
    platform: 'trustpilot',
    kind: 'reply',
    threadId: reviewId,
    parentId: reviewId,
    author: { id: context.businessUserId, isSelf: true },
    text: reply.text,
    attachments: [],
    createdAt: reply.createdAt,
    raw,
  };
  if (reply.editedAt) message.editedAt = reply.editedAt;
  return message;
}
