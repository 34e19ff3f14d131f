/**
 * The emulator's reviews in the shape of Trustpilot's private review
 * (https://developers.trustpilot.com/business-units-api "Get private reviews for business unit",
 * .../service-reviews-api "Get private review"): id, consumer { id, displayName }, stars, title, text,
 * language, createdAt, updatedAt, isVerified, status, companyReply { text, authorBusinessUserId,
 * authorBusinessUserName, createdAt, updatedAt }, links. The webhook events are the payload Trustpilot's
 * help centre shows (support.trustpilot.com "How to set up Trustpilot Webhooks"): `{ events: [{ eventName,
 * version, eventData }] }`.
 */
export interface StoredTrustpilotReview {
  id: string;
  businessUnitId: string;
  consumer: { id: string; displayName: string };
  stars: 1 | 2 | 3 | 4 | 5;
  title: string;
  text: string;
  language: string;
  createdAt: string;
  updatedAt: string | null;
  isVerified: boolean;
  companyReply?: { text: string; authorBusinessUserId: string; authorBusinessUserName: string; createdAt: string; updatedAt: string | null };
}

const API = 'https://api.trustpilot.com';

export function reviewJson(review: StoredTrustpilotReview) {
  return {
    links: [{ href: `${API}/v1/reviews/${review.id}`, method: 'GET', rel: 'reviews' }],
    id: review.id,
    consumer: { links: [{ href: `${API}/v1/consumers/${review.consumer.id}`, method: 'GET', rel: 'consumers' }], id: review.consumer.id, displayName: review.consumer.displayName },
    businessUnit: { id: review.businessUnitId },
    stars: review.stars,
    title: review.title,
    text: review.text,
    language: review.language,
    createdAt: review.createdAt,
    updatedAt: review.updatedAt,
    isVerified: review.isVerified,
    status: 'active',
    companyReply: review.companyReply ? { ...review.companyReply } : null,
  };
}

export type TrustpilotEventName = 'service-review-created' | 'service-review-updated' | 'service-review-deleted';

/** A webhook delivery as Trustpilot posts it to a subscription URL. */
export function webhookPayload(eventName: TrustpilotEventName, review: StoredTrustpilotReview) {
  const eventData =
    eventName === 'service-review-deleted'
      ? { id: review.id }
      : {
          id: review.id,
          language: review.language,
          title: review.title,
          text: review.text,
          stars: review.stars,
          createdAt: review.createdAt,
          ...(eventName === 'service-review-updated' ? { updatedAt: review.updatedAt } : {}),
          isVerified: review.isVerified,
          link: `${API}/v1/reviews/${review.id}`,
          consumer: { id: review.consumer.id, name: review.consumer.displayName, link: `${API}/v1/consumers/${review.consumer.id}` },
        };
  return { events: [{ eventName, version: '1', eventData }] };
}
