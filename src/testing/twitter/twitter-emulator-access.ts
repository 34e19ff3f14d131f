/**
 * What a caller may do on the X emulator besides holding a valid token, as X's OpenAPI document (2.167)
 * says per operation (`security`: OAuth2UserToken scopes, and BearerToken where an app-only token may
 * call it) and docs.x.com "Rate limits" / "Getting access" say per plan:
 * - an app-only bearer token on a user-context endpoint: 403 `unsupported-authentication`;
 * - an OAuth 2.0 user token without the endpoint's scopes: a bare 403 Forbidden, naming no scope;
 * - an endpoint the plan does not include (the free plan reads no posts or DMs): 403 `client-forbidden`;
 * - a plan's usage cap spent: 429 `usage-capped` with `period` (spec 2.159 UsageCapExceededProblem,
 *   xdevplatform/xdk#25), while x-rate-limit-remaining still shows room.
 */
import { MONTHLY_POST_READS, TIER_REFUSES, TWITTER_BUCKETS as B, type TwitterTier } from './twitter-emulator-limits.js';
import type { Problem } from './twitter-emulator-problems.js';
import type { Answer } from './twitter-emulator-reads.js';
import { PostCapUsage } from './twitter-emulator-usage.js';

const PROBLEMS = 'https://api.twitter.com/2/problems';
const USER_READ = ['tweet.read', 'users.read'];
// The endpoints whose posts count toward a plan's monthly cap.
const POST_READS: readonly string[] = [B.mentions, B.userTweets, B.search, B.lookup];

/** The scopes each endpoint needs of an OAuth 2.0 user token, and whether an app-only token may call it (2.167 `security`). */
export const TWITTER_ENDPOINT_ACCESS: Record<string, { scopes: readonly string[]; appOnly: boolean; userContext?: false }> = {
  [B.me]: { scopes: USER_READ, appOnly: false },
  [B.userByUsername]: { scopes: USER_READ, appOnly: true },
  [B.createTweet]: { scopes: ['tweet.write', ...USER_READ], appOnly: false },
  [B.lookup]: { scopes: USER_READ, appOnly: true },
  [B.search]: { scopes: USER_READ, appOnly: true },
  [B.mentions]: { scopes: USER_READ, appOnly: true },
  [B.userTweets]: { scopes: USER_READ, appOnly: true },
  [B.createDm]: { scopes: ['dm.write', ...USER_READ], appOnly: false },
  [B.createGroupDm]: { scopes: ['dm.write', ...USER_READ], appOnly: false },
  [B.conversationDm]: { scopes: ['dm.write', ...USER_READ], appOnly: false },
  [B.dmEvents]: { scopes: ['dm.read', ...USER_READ], appOnly: false },
  [B.conversationEvents]: { scopes: ['dm.read', ...USER_READ], appOnly: false },
  [B.mediaUpload]: { scopes: ['media.write'], appOnly: false },
  [B.mediaStatus]: { scopes: ['media.write'], appOnly: false },
  // The app's own usage: an app-only bearer token only.
  [B.usage]: { scopes: [], appOnly: true, userContext: false },
};

/** Who called: a user-context token (with its scopes when it is an OAuth 2.0 grant's) or the app alone. */
export type Caller = { kind: 'user'; hasScope: (scope: string) => boolean | undefined } | { kind: 'app' };

export type UsagePeriod = 'Daily' | 'Monthly';

const TIERS: readonly TwitterTier[] = ['free', 'basic', 'pro'];

/** A TypeError for a bad `tier`, `mentionsServed` or `appOnlyToken` of the emulator's options. */
export function checkAccessOptions(options: { tier?: unknown; mentionsServed?: unknown; capResetDay?: unknown }, accessToken: string, appOnlyToken: string): void {
  if (options.tier !== undefined && !TIERS.includes(options.tier as TwitterTier)) throw new TypeError(`TwitterEmulator: tier must be one of ${TIERS.join(', ')}`);
  const day = options.capResetDay;
  if (day !== undefined && !(Number.isInteger(day) && (day as number) >= 1 && (day as number) <= 31)) throw new TypeError('TwitterEmulator: capResetDay must be a day of the month, 1 to 31');
  const served = options.mentionsServed;
  if (served !== undefined && !(typeof served === 'number' && (served === Infinity || (Number.isInteger(served) && served > 0)))) {
    throw new TypeError('TwitterEmulator: mentionsServed must be a positive integer or Infinity');
  }
  if (appOnlyToken === '' || appOnlyToken === accessToken) throw new TypeError('TwitterEmulator: appOnlyToken must be a non-empty token other than accessToken');
}

export class TwitterAccess {
  /** The plan's post cap: posts read since its billing day (GET /2/usage/tweets). */
  readonly usage: PostCapUsage;
  #capped: UsagePeriod | undefined;

  constructor(
    readonly tier: TwitterTier,
    readonly monthlyPostReads = MONTHLY_POST_READS[tier],
    capResetDay = 1,
  ) {
    this.usage = new PostCapUsage(capResetDay, monthlyPostReads, '1146654567674912769');
  }

  /** Posts served by reads since the billing day (what the plan's usage cap counts). */
  get postsRead(): number {
    return this.usage.postsRead;
  }

  set postsRead(count: number) {
    this.usage.postsRead = count;
  }

  /** The 403 for a caller on an endpoint (its bucket), or undefined when it may call it. */
  refuse(endpoint: string, caller: Caller): Answer | undefined {
    const access = TWITTER_ENDPOINT_ACCESS[endpoint];
    if (caller.kind === 'app' && access?.appOnly !== true) return { status: 403, body: unsupportedAuthentication('OAuth 2.0 Application-Only', 'OAuth 1.0a User Context, OAuth 2.0 User Context') };
    if (caller.kind === 'user' && access?.userContext === false) return { status: 403, body: unsupportedAuthentication('OAuth 2.0 User Context', 'OAuth 2.0 Application-Only') };
    if (caller.kind === 'user' && access) {
      const missing = access.scopes.filter((scope) => caller.hasScope(scope) === false);
      // X names no scope: a bare Forbidden (node-twitter-api-v2#265, xdevplatform/twitter-api-java-sdk#42).
      if (missing.length > 0) return { status: 403, body: { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Forbidden' } };
    }
    if (TIER_REFUSES[this.tier].includes(endpoint)) return { status: 403, body: clientForbidden() };
    return undefined;
  }

  /** The 429 of a spent usage cap, or undefined. */
  capped(): Answer | undefined {
    const period = this.#capped ?? (this.postsRead >= this.monthlyPostReads ? 'Monthly' : undefined);
    return period ? { status: 429, body: usageCapped(period) } : undefined;
  }

  /** Count the posts a read of an endpoint (its bucket) served: the cap counts posts, not users or DM events. */
  count(endpoint: string, answer: Answer): void {
    const data = (answer.body as { data?: unknown } | undefined)?.data;
    if (POST_READS.includes(endpoint) && answer.status < 300 && data !== undefined) this.usage.count(Array.isArray(data) ? data.length : 1);
  }

  /** Spend the plan's cap for a period (a test's shortcut to a month of reads); `undefined` lifts it. */
  cap(period: UsagePeriod | undefined): void {
    this.#capped = period;
  }
}

export function usageCapped(period: UsagePeriod): Problem {
  return { title: 'UsageCapExceeded', detail: `Usage cap exceeded: ${period} product cap`, type: `${PROBLEMS}/usage-capped`, period, scope: 'Product' };
}

/** X's 403 for a kind of token the endpoint does not take: `used` is refused, `supported` listed. */
function unsupportedAuthentication(used: string, supported: string): Problem {
  return {
    title: 'Unsupported Authentication',
    detail: `Authenticating with ${used} is forbidden for this endpoint.  Supported authentication types are [${supported}].`,
    type: `${PROBLEMS}/unsupported-authentication`,
    status: 403,
  };
}

function clientForbidden(): Problem {
  return {
    title: 'Client Forbidden',
    detail:
      'You currently have access to a subset of X API V2 endpoints and limited v1.1 endpoints (e.g. media post, oauth) only. If you need access to this endpoint, you may need a different access level. You can learn more here: https://developer.x.com/en/portal/product',
    type: `${PROBLEMS}/client-forbidden`,
    reason: 'client-not-enrolled',
    required_enrollment: 'Appropriate Level of API Access',
    registration_url: 'https://developer.x.com/en/portal/product',
  };
}

/** CreatePostsRequest `reply_settings` (2.167): who may reply besides the author and the people it mentions. */
export const REPLY_SETTINGS = ['following', 'mentionedUsers', 'subscribers', 'verified'] as const;

export const REPLY_NOT_ALLOWED =
  'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.';

/**
 * Whether `self` may reply to `post`: anyone when it has no reply settings; otherwise its author and the
 * accounts it mentions (the emulator keeps no follows, subscriptions or verification, so those settings
 * admit only the mentioned, as `mentionedUsers` does).
 */
export function mayReply(post: { author_id: string; text: string; reply_settings?: string }, self: { id: string; username: string }): boolean {
  if (post.reply_settings === undefined || post.author_id === self.id) return true;
  return new RegExp(`(^|[^A-Za-z0-9_])@${self.username}(?![A-Za-z0-9_])`, 'i').test(post.text);
}
