/**
 * What a person does as a customer on the page (or in a transcript): checked here, once, so every
 * bad field is a TypeError naming it (the page server answers it with a 400), never a half-done write.
 */
export const CUSTOMER_KINDS = ['post', 'mention', 'comment', 'reply', 'dm', 'review'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];

export interface CustomerAction {
  platform: string;
  kind: CustomerKind;
  text: string;
  /** Who writes: a name the platform turns into its own kind of user (a handle, a profile, a consumer). */
  customer: string;
  /** Stars of a review, 1 to 5. */
  rating?: number;
  /** The platform's id of the message answered (a row's nativeId). */
  inReplyTo?: string;
}

/** What an action created: the row id it will have and its platform id. */
export interface ActionResult {
  nativeId: string;
  threadId: string;
}

const MAX_TEXT = 10_000;

export function readCustomerAction(input: unknown, platforms: ReadonlyMap<string, readonly CustomerKind[]>): CustomerAction {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new TypeError('a customer action is an object');
  const value = input as Record<string, unknown>;
  const { platform, kind, text, customer, rating, inReplyTo } = value;
  if (typeof platform !== 'string' || !platforms.has(platform)) throw new TypeError(`platform must be one of ${[...platforms.keys()].join(', ')}`);
  const kinds = platforms.get(platform)!;
  if (typeof kind !== 'string' || !kinds.includes(kind as CustomerKind)) throw new TypeError(`kind on ${platform} must be one of ${kinds.join(', ')}`);
  if (typeof text !== 'string' || text.trim() === '' || text.length > MAX_TEXT) throw new TypeError(`text must be a non-empty string of at most ${MAX_TEXT} characters`);
  if (typeof customer !== 'string' || !/^[\p{L}\p{N} ._-]{1,40}$/u.test(customer)) throw new TypeError('customer must be a name of 1 to 40 letters, digits, spaces, dots, dashes or underscores');
  if (kind === 'review' ? !(Number.isInteger(rating) && (rating as number) >= 1 && (rating as number) <= 5) : rating !== undefined) {
    throw new TypeError(kind === 'review' ? 'rating must be a whole number of stars from 1 to 5' : 'rating is for reviews only');
  }
  if (kind === 'reply' ? typeof inReplyTo !== 'string' || inReplyTo === '' : inReplyTo !== undefined && (typeof inReplyTo !== 'string' || kind !== 'comment')) {
    throw new TypeError(kind === 'reply' ? 'a reply needs inReplyTo: the id of the message answered' : 'inReplyTo is for replies (and comments on a given post) only');
  }
  for (const key of Object.keys(value)) {
    if (!['platform', 'kind', 'text', 'customer', 'rating', 'inReplyTo'].includes(key)) throw new TypeError(`unknown field ${key}`);
  }
  return { platform, kind: kind as CustomerKind, text, customer, ...(rating === undefined ? {} : { rating: rating as number }), ...(inReplyTo === undefined ? {} : { inReplyTo: inReplyTo as string }) };
}
