/**
 * Minimal schemas of what this adapter reads: a private review (developers.trustpilot.com
 * business-units-api and service-reviews-api), the list of them, and the webhook payload (support.trustpilot.com,
 * "How to set up Trustpilot Webhooks"). Only the fields we read.
 */
import * as z from 'zod/mini';

export const companyReplySchema = z.object({
  text: z.string(),
  createdAt: z.string(),
  updatedAt: z.nullish(z.string()),
});

export const reviewSchema = z.object({
  id: z.string(),
  consumer: z.nullish(z.object({ id: z.nullish(z.string()), displayName: z.nullish(z.string()) })),
  stars: z.number(),
  title: z.nullish(z.string()),
  text: z.nullish(z.string()),
  language: z.nullish(z.string()),
  createdAt: z.string(),
  updatedAt: z.nullish(z.string()),
  companyReply: z.nullish(companyReplySchema),
});
export type TrustpilotReview = z.infer<typeof reviewSchema>;

export const reviewListSchema = z.object({
  reviews: z.array(reviewSchema),
  links: z.nullish(z.array(z.object({ rel: z.nullish(z.string()), href: z.nullish(z.string()) }))),
});

export const webhookEventSchema = z.object({
  eventName: z.string(),
  eventData: z.object({
    id: z.string(),
    title: z.nullish(z.string()),
    text: z.nullish(z.string()),
    stars: z.nullish(z.number()),
    language: z.nullish(z.string()),
    createdAt: z.nullish(z.string()),
    updatedAt: z.nullish(z.string()),
    consumer: z.nullish(z.object({ id: z.nullish(z.string()), name: z.nullish(z.string()) })),
  }),
});
export const webhookBodySchema = z.object({ events: z.array(webhookEventSchema) });

/** A gateway fault (`{ fault: { faultstring, detail: { errorcode } } }`) or the API's own `{ message }`. */
export const errorBodySchema = z.object({
  fault: z.nullish(z.object({ faultstring: z.nullish(z.string()), detail: z.nullish(z.object({ errorcode: z.nullish(z.string()) })) })),
  message: z.nullish(z.string()),
});
