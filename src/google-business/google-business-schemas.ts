/**
 * Minimal schemas of the answers this adapter reads, after the v4 schemas Review, ReviewReply, Reviewer,
 * ListReviewsResponse, BatchGetReviewsResponse and LocationReview (APIs-guru/openapi-directory
 * APIs/googleapis.com/my-business/v4/openapi.yaml). Only the fields we read. Google leaves empty
 * repeated fields out: a page without reviews has no `reviews`.
 */
import * as z from 'zod/mini';

export const reviewReplySchema = z.object({
  comment: z.string(),
  updateTime: z.string(),
});
export type ReviewReply = z.infer<typeof reviewReplySchema>;

export const reviewSchema = z.object({
  name: z.string(),
  reviewId: z.string(),
  reviewer: z.optional(z.object({ displayName: z.optional(z.string()), profilePhotoUrl: z.optional(z.string()), isAnonymous: z.optional(z.boolean()) })),
  starRating: z.optional(z.string()),
  comment: z.optional(z.string()),
  createTime: z.string(),
  updateTime: z.string(),
  reviewReply: z.optional(reviewReplySchema),
});
export type Review = z.infer<typeof reviewSchema>;

export const listReviewsSchema = z.object({
  reviews: z.optional(z.array(reviewSchema)),
  nextPageToken: z.optional(z.string()),
});

export const batchGetReviewsSchema = z.object({
  locationReviews: z.optional(z.array(z.object({ name: z.string(), review: reviewSchema }))),
  nextPageToken: z.optional(z.string()),
});

/** google.rpc.Status as JSON (https://cloud.google.com/apis/design/errors). */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.optional(z.number()),
    message: z.optional(z.string()),
    status: z.optional(z.string()),
    details: z.optional(z.array(z.object({ '@type': z.optional(z.string()), reason: z.optional(z.string()), metadata: z.optional(z.record(z.string(), z.string())) }))),
  }),
});
