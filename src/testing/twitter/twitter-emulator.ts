/**
 * An X API v2 emulator for tests: the endpoints a bot uses, answering the documented shapes of
 * xdevplatform/xdk latest-openapi.json (spec 2.159, classic names), strict about parameters, with the
 * rate limits of https://docs.x.com/x-api/fundamentals/rate-limits and Account Activity deliveries.
 * Serve it with `twitterHandlers(emulator)` (msw) or `createSandbox()` (a local HTTP server).
 */
import { Emulator, type RouteContext } from '../emulator.js';
import type { WindowHit, WindowRule } from '../window-limiter.js';
import { isAuthorized, type OAuth1Keys } from './twitter-emulator-auth.js';
import type { ObjectLookup, Spelling } from './twitter-emulator-fields.js';
import { Firehose, type FirehoseOptions } from './twitter-emulator-firehose.js';
import { checkAccessOptions, TwitterAccess, type Caller, type UsagePeriod } from './twitter-emulator-access.js';
import { TWITTER_BUCKETS, headerPrefix, limitHeaders, tierLimits, type TwitterTier } from './twitter-emulator-limits.js';
import { TwitterOAuth2Grants, type TwitterOAuth2Client, type TwitterOAuth2Tokens } from './twitter-emulator-oauth2.js';
import { pageNotFound, tooManyRequests, unauthorized } from './twitter-emulator-problems.js';
import { MENTIONS_SERVED, TwitterReads, type Answer } from './twitter-emulator-reads.js';
import { TwitterState, type EmulatedDmEvent, type EmulatedTweet, type EmulatedUser, type MediaInput, type UserInput } from './twitter-emulator-state.js';
import { crcCheck, deliver, v1DmEvent, v1Tweet, v1User, WEBHOOK_DEADLINE_MS, type WebhookDelivery, type WebhookTarget } from './twitter-emulator-webhook.js';
import { TwitterWrites } from './twitter-emulator-writes.js';
import { TwitterGroupDms } from './twitter-emulator-dm.js';
import { TwitterMediaUploads, type MediaUploadOptions } from './twitter-emulator-media.js';
import { mentions } from './twitter-emulator-search.js';

export interface TwitterEmulatorOptions {
  /** The bot's own account, whose token calls the API. @default { id: '1600000000000000001', username: 'everywhere_bot', name: 'Everywhere Bot' } */
  self?: { id: string; username: string; name: string };
  /** The OAuth 2.0 bearer every request must carry (`Authorization: Bearer <it>`). @default 'sandbox-token' */
  accessToken?: string;
  /** The app's app-only bearer token: accepted where X's document allows it, 403 `unsupported-authentication` elsewhere. @default 'sandbox-app-only-token' */
  appOnlyToken?: string;
  /** How many of the most recent mentions the mentions timeline serves (X: 800); `Infinity` for benchmarks that walk a firehose. @default 800 */
  mentionsServed?: number;
  /** The app's plan: its documented limits, usage cap and refusals (free: no reads of posts or DMs). @default 'pro' */
  tier?: TwitterTier;
  /** Posts the plan may read a month before its usage cap answers 429 `usage-capped`. @default the tier's (pro: 1,000,000) */
  monthlyPostReads?: number;
  /** The day of the month (1–31) the plan's post cap resets: `cap_reset_day` of GET /2/usage/tweets. @default 1 */
  capResetDay?: number;
  /** When set, requests signed with OAuth 1.0a (HMAC-SHA1) by these keys are accepted too; the signature is verified. */
  oauth1?: OAuth1Keys;
  /** The app's consumer secret, which signs webhook deliveries and CRC answers. @default 'sandbox-consumer-secret' */
  consumerSecret?: string;
  /** Rate-limit windows per bucket (see `TWITTER_BUCKETS`); X's documented per-user limits for the others. */
  limits?: Record<string, WindowRule>;
  /** The app whose OAuth 2.0 grants the emulator issues and refreshes (`POST /2/oauth2/token`). @default { clientId: 'sandbox-client-id' } (a public client) */
  oauth2Client?: TwitterOAuth2Client;
  /** How long an OAuth 2.0 access token from `authorizeOAuth2()` or a refresh lives. @default 7200000 (X's two hours) */
  tokenLifetimeMs?: number;
  /** Answer with the newer names (`referenced_posts`, `includes.posts`, `edit_history_post_ids`) to test parsers. @default 'tweets' */
  spelling?: Spelling;
  /** The bot's account is Premium: it may post up to 25,000 weighted characters (the whole text in `note_tweet`). @default false */
  premium?: boolean;
  /** Video and GIF processing after finalize: `check_after_secs` it answers, and how many STATUS calls it takes. @default { checkAfterSecs: 1, statusChecks: 2 } */
  mediaProcessing?: Partial<MediaUploadOptions>;
}

/** A post or DM a customer makes: `from` is a username, created on first use. */
export interface TwitterInboundInput {
  from: string;
  text: string;
  /** The post this one replies to. */
  inReplyTo?: string;
  media?: MediaInput[];
}

interface Route {
  method: string;
  pattern: RegExp;
  buckets: string[];
  answer(match: RegExpExecArray, url: URL, body: string): Answer;
}

const DEFAULT_SELF = { id: '1600000000000000001', username: 'everywhere_bot', name: 'Everywhere Bot' };

export class TwitterEmulator extends Emulator {
  readonly platform = 'twitter';
  readonly self: EmulatedUser;
  readonly accessToken: string;
  readonly appOnlyToken: string;
  /** The plan's refusals and usage cap (`access.postsRead`, `capUsage()`). */
  readonly access: TwitterAccess;
  readonly consumerSecret: string;
  /** OAuth 2.0 grants: their tokens, refreshes and refusals. */
  readonly oauth2: TwitterOAuth2Grants;
  readonly #state = new TwitterState();
  readonly #oauth1: OAuth1Keys | undefined;
  readonly #spelling: Spelling;
  readonly #routes: Route[];
  readonly #media: TwitterMediaUploads;
  #firehose: Firehose | undefined;

  constructor(options: TwitterEmulatorOptions = {}) {
    super(options.limits ? { limits: { ...options.limits } } : {});
    this.accessToken = options.accessToken ?? 'sandbox-token';
    this.appOnlyToken = options.appOnlyToken ?? 'sandbox-app-only-token';
    checkAccessOptions(options, this.accessToken, this.appOnlyToken);
    this.access = new TwitterAccess(options.tier ?? 'pro', options.monthlyPostReads, options.capResetDay);
    this.consumerSecret = options.consumerSecret ?? 'sandbox-consumer-secret';
    this.#oauth1 = options.oauth1;
    this.oauth2 = new TwitterOAuth2Grants(options.oauth2Client ?? { clientId: 'sandbox-client-id' }, options.tokenLifetimeMs ?? 7_200_000);
    this.#spelling = options.spelling ?? 'tweets';
    this.self = this.#state.addUser(options.self ?? DEFAULT_SELF);
    this.#media = new TwitterMediaUploads(this.#state, this.self.id, { checkAfterSecs: 1, statusChecks: 2, ...options.mediaProcessing });
    const media = this.#media;
    const context = {
      state: this.#state,
      lookup: this.#lookup(),
      self: this.self,
      spelling: this.#spelling,
      checkMedia: (ids: string[], parameter: string, use: 'tweet' | 'dm') => media.check(ids, parameter, use),
      mediaKey: (id: string) => media.keyOf(id),
      premium: options.premium ?? false,
    };
    this.#routes = this.#buildRoutes(new TwitterReads({ ...context, firehose: () => this.#firehose, mentionsServed: options.mentionsServed ?? MENTIONS_SERVED }), new TwitterWrites(context), new TwitterGroupDms(context));
  }

  protected override defaultLimit(bucket: string): WindowRule | undefined {
    return tierLimits(this.access.tier)[bucket];
  }

  // ---- what tests seed and inspect ----

  /** Every post, oldest first, in X's v2 field names. */
  get tweets(): readonly EmulatedTweet[] {
    return this.#state.tweets;
  }

  /** Every DM event, oldest first. */
  get dmEvents(): readonly EmulatedDmEvent[] {
    return this.#state.dmEvents;
  }

  get users(): ReadonlyMap<string, EmulatedUser> {
    return this.#state.users;
  }

  /** The posts by one user, oldest first. */
  postsBy(userId: string): EmulatedTweet[] {
    return this.#state.tweets.filter((tweet) => tweet.author_id === userId);
  }

  /** A user; `id` is a fresh snowflake unless given. */
  addUser(input: UserInput): EmulatedUser {
    return this.#state.addUser(input);
  }

  /** A customer mentions the bot: `@<self>` is put in front unless the text already names it. */
  mention(input: TwitterInboundInput): EmulatedTweet {
    const text = mentions(input.text, this.self.username) ? input.text : `@${this.self.username} ${input.text}`;
    return this.post({ ...input, text });
  }

  /** Any user posts (or replies, with `inReplyTo`). No duplicate check: seeding is not the API. */
  post(input: TwitterInboundInput): EmulatedTweet {
    const author = this.#state.ensureUser(input.from);
    const parent = input.inReplyTo === undefined ? undefined : this.#lookup().tweet(input.inReplyTo);
    if (input.inReplyTo !== undefined && !parent) throw new TypeError(`no post ${input.inReplyTo} to reply to`);
    const mediaKeys = (input.media ?? []).map((media) => this.#state.addMedia(media));
    return this.#state.addTweet(author.id, input.text, parent, mediaKeys);
  }

  /** `from` reposts a post: stored as X stores a repost ("RT @author: text", referenced_tweets retweeted); not a mention. */
  repost(input: { from: string; of: string }): EmulatedTweet {
    const original = this.#state.tweet(input.of);
    if (!original) throw new TypeError(`no post ${input.of} to repost`);
    const author = this.#state.users.get(original.author_id)!;
    return this.#reference(input.from, `RT @${author.username}: ${original.text}`, { type: 'retweeted', id: original.id });
  }

  /** `from` quotes a post with `text` (referenced_tweets quoted): a mention only when the text names the bot. */
  quote(input: { from: string; of: string; text: string }): EmulatedTweet {
    if (!this.#state.tweet(input.of)) throw new TypeError(`no post ${input.of} to quote`);
    return this.#reference(input.from, input.text, { type: 'quoted', id: input.of });
  }

  #reference(from: string, text: string, reference: { type: 'retweeted' | 'quoted'; id: string }): EmulatedTweet {
    const tweet = this.#state.addTweet(this.#state.ensureUser(from).id, text);
    tweet.referenced_tweets = [reference];
    return tweet;
  }

  /** A customer sends the bot a DM; with `conversation`, in that group conversation (the sender must be in it). */
  directMessage(input: Omit<TwitterInboundInput, 'inReplyTo'> & { conversation?: string }): EmulatedDmEvent {
    const sender = this.#state.ensureUser(input.from);
    const mediaKeys = (input.media ?? []).map((media) => this.#state.addMedia(media));
    if (input.conversation === undefined) return this.#state.addDmEvent(sender.id, this.self.id, input.text, mediaKeys);
    if (!this.#state.participants(input.conversation).includes(sender.id)) throw new TypeError(`${input.from} is not in conversation ${input.conversation}`);
    return this.#state.addConversationEvent(sender.id, input.conversation, input.text, mediaKeys);
  }

  /** A group DM conversation of the bot and these usernames (created on first use); answers its id. */
  groupConversation(usernames: string[]): string {
    return this.#state.addGroup([this.self.id, ...usernames.map((username) => this.#state.ensureUser(username).id)]);
  }

  /** A finished media upload of another user's (its id): ids the bot may not attach. */
  uploadedBy(username: string): string {
    return this.#media.seedUpload(this.#state.ensureUser(username).id);
  }

  /** The next video or GIF upload fails processing (`processing_info.state: 'failed'`). */
  failNextMediaProcessing(): void {
    this.#media.failNextProcessing();
  }

  /** Who is in a DM conversation (one-to-one or group). */
  participants(conversation: string): string[] {
    return this.#state.participants(conversation);
  }

  /**
   * Make the mentions endpoint also serve `count` synthetic mentions, generated from their index when
   * asked and never stored (for memory benchmarks). They page, order and bound like stored ones.
   */
  firehose(count: number, options: FirehoseOptions = {}): void {
    const authors = Array.from({ length: Math.min(100, Math.max(1, count)) }, (_, index) => this.#state.ensureUser(`fan${index}`));
    this.#firehose = new Firehose(count, this.self, authors, options);
  }

  /** The Account Activity (v1.1) payload X would deliver for a post or a DM event. */
  webhookEvent(item: EmulatedTweet | EmulatedDmEvent): Record<string, unknown> {
    const lookup = this.#lookup();
    if ('event_type' in item) {
      const users: Record<string, unknown> = {};
      for (const id of this.#state.participants(item.dm_conversation_id)) {
        const user = lookup.user(id);
        if (user) users[id] = v1User(user);
      }
      return { for_user_id: this.self.id, direct_message_events: [v1DmEvent(item)], users };
    }
    const payload: Record<string, unknown> = { for_user_id: this.self.id };
    if (item.author_id !== this.self.id) payload.user_has_blocked = false; // sent with @mention events
    payload.tweet_create_events = [v1Tweet(item, lookup)];
    return payload;
  }

  /** POST a payload to a webhook (a URL or a fetch-style handler), signed with the consumer secret. */
  async deliverWebhook(target: WebhookTarget, payload: unknown): Promise<Response> {
    const requestsBefore = this.requests.length;
    const started = performance.now();
    const response = await deliver(target, this.consumerSecret, payload);
    const elapsedMs = performance.now() - started;
    this.webhookDeliveries.push({ status: response.status, elapsedMs, withinDeadline: elapsedMs <= WEBHOOK_DEADLINE_MS, requestsBeforeAnswer: this.requests.length - requestsBefore });
    return response;
  }

  /** Every deliverWebhook(), with how the webhook answered: within X's 3 seconds, and before any API call of its own. */
  readonly webhookDeliveries: WebhookDelivery[] = [];

  /** A person authorizes the app (what the authorization code flow ends with): a new grant's first tokens, for `twitter({ oauth2 })`; `scope` defaults to every scope a bot uses. */
  authorizeOAuth2(scope?: string): TwitterOAuth2Tokens {
    return this.oauth2.authorize(scope);
  }

  /** The person revokes the app: the grant of `refreshToken` is refused from now on (refreshes and its access tokens). */
  revoke(refreshToken: string): void {
    this.oauth2.revoke(refreshToken);
  }

  /** Limit who may reply to a stored post (X's `reply_settings`): the bot's reply is then refused with 403 unless the post mentions it. */
  restrictReplies(postId: string, setting: NonNullable<EmulatedTweet['reply_settings']> = 'mentionedUsers'): void {
    const post = this.#state.tweet(postId);
    if (!post) throw new TypeError(`no post ${postId}`);
    post.reply_settings = setting;
  }

  /** The plan's usage cap is spent for `period` (429 `usage-capped` on every request) until `capUsage(undefined)`. */
  capUsage(period: UsagePeriod | undefined): void {
    this.access.cap(period);
  }

  /** Run X's CRC check against a webhook: GET ?crc_token=`token`. */
  crc(target: WebhookTarget, token: string): Promise<Response> {
    return crcCheck(target, token);
  }

  // ---- the API ----

  protected async route(request: Request, context: RouteContext): Promise<Response> {
    if (context.path === '/2/oauth2/token' && request.method === 'POST') return this.oauth2.token(request, context.body);
    for (const route of this.#routes) {
      const match = route.pattern.exec(context.path);
      if (!match || route.method !== request.method) continue;
      const headers = new Headers({ 'content-type': 'application/json; charset=utf-8' });
      const caller = this.#caller(request, context.body);
      if (!caller) {
        this.#headers(headers, route.buckets, (bucket) => this.limiter.peek(bucket));
        return problemResponse(401, unauthorized(), headers);
      }
      const refusal = this.access.refuse(route.buckets[0]!, caller);
      if (refusal) {
        this.#headers(headers, route.buckets, (bucket) => this.limiter.peek(bucket));
        return problemResponse(refusal.status, refusal.body, headers);
      }
      if (route.buckets.some((bucket) => this.limiter.peek(bucket)?.allowed === false)) {
        // Spent: count the refusal on the spent bucket(s) only, and leave the others untouched.
        this.#headers(headers, route.buckets, (bucket) => (this.limiter.peek(bucket)?.allowed === false ? this.limiter.hit(bucket) : this.limiter.peek(bucket)));
        return problemResponse(429, tooManyRequests(), headers);
      }
      this.#headers(headers, route.buckets, (bucket) => this.limiter.hit(bucket));
      // Counted in the windows, which still show room; the usage endpoint stays open (it reads no posts).
      const capped = route.buckets[0] === TWITTER_BUCKETS.usage ? undefined : this.access.capped();
      if (capped) return problemResponse(capped.status, capped.body, headers);
      const answer = route.answer(match, context.url, context.body);
      this.access.count(route.buckets[0]!, answer);
      if (answer.status >= 400) return problemResponse(answer.status, answer.body, headers);
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers });
    }
    return Response.json(pageNotFound(), { status: 404 });
  }

  /**
   * Who calls: an OAuth 2.0 token of a grant while it lives (then 401, as X answers an expired one), the
   * fixed token, OAuth 1.0a, or the app-only token; undefined when none.
   */
  #caller(request: Request, body: string): Caller | undefined {
    const bearer = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
    if (bearer !== undefined && bearer === this.appOnlyToken) return { kind: 'app' };
    const issued = bearer === undefined ? 'unknown' : this.oauth2.check(bearer);
    if (issued !== 'unknown') return issued === 'valid' ? { kind: 'user', hasScope: (scope) => this.oauth2.hasScope(bearer!, scope) } : undefined;
    return isAuthorized(request, body, { accessToken: this.accessToken, oauth1: this.#oauth1 }) ? { kind: 'user', hasScope: () => true } : undefined;
  }

  #headers(headers: Headers, buckets: string[], state: (bucket: string) => WindowHit | undefined): void {
    for (const bucket of buckets) limitHeaders(headers, headerPrefix(bucket), state(bucket));
  }

  #buildRoutes(reads: TwitterReads, writes: TwitterWrites, groups: TwitterGroupDms): Route[] {
    const param = (match: RegExpExecArray) => decodeURIComponent(match[1]!);
    const B = TWITTER_BUCKETS;
    return [
      { method: 'GET', pattern: /^\/2\/users\/me$/, buckets: [B.me], answer: (_, url) => reads.me(url) },
      { method: 'GET', pattern: /^\/2\/usage\/tweets$/, buckets: [B.usage], answer: (_, url) => this.access.usage.answer(url) },
      { method: 'GET', pattern: /^\/2\/users\/by\/username\/([^/]+)$/, buckets: [B.userByUsername], answer: (match, url) => reads.userByUsername(url, param(match)) },
      { method: 'POST', pattern: /^\/2\/tweets$/, buckets: [B.createTweet, B.createTweetDaily, B.createTweetAppDaily], answer: (_, __, body) => writes.createTweet(body) },
      { method: 'GET', pattern: /^\/2\/tweets\/search\/recent$/, buckets: [B.search], answer: (_, url) => reads.search(url) },
      { method: 'GET', pattern: /^\/2\/tweets\/([^/]+)$/, buckets: [B.lookup], answer: (match, url) => reads.lookup(url, param(match)) },
      { method: 'GET', pattern: /^\/2\/users\/([^/]+)\/mentions$/, buckets: [B.mentions], answer: (match, url) => reads.mentions(url, param(match)) },
      { method: 'GET', pattern: /^\/2\/users\/([^/]+)\/tweets$/, buckets: [B.userTweets], answer: (match, url) => reads.userTweets(url, param(match)) },
      {
        method: 'POST',
        pattern: /^\/2\/dm_conversations\/with\/([^/]+)\/messages$/,
        buckets: [B.createDm],
        answer: (match, _, body) => writes.createDm(param(match), body),
      },
      { method: 'POST', pattern: /^\/2\/dm_conversations$/, buckets: [B.createGroupDm], answer: (_, __, body) => groups.createConversation(body) },
      {
        method: 'POST',
        pattern: /^\/2\/dm_conversations\/([^/]+)\/messages$/,
        buckets: [B.conversationDm],
        answer: (match, _, body) => groups.sendToConversation(param(match), body),
      },
      { method: 'POST', pattern: /^\/2\/media\/upload$/, buckets: [B.mediaUpload], answer: (_, __, body) => this.#media.uploadWhole(body) },
      { method: 'POST', pattern: /^\/2\/media\/upload\/initialize$/, buckets: [B.mediaUpload], answer: (_, __, body) => this.#media.initialize(body) },
      { method: 'POST', pattern: /^\/2\/media\/upload\/([^/]+)\/append$/, buckets: [B.mediaUpload], answer: (match, _, body) => this.#media.append(param(match), body) },
      { method: 'POST', pattern: /^\/2\/media\/upload\/([^/]+)\/finalize$/, buckets: [B.mediaUpload], answer: (match) => this.#media.finalize(param(match)) },
      { method: 'GET', pattern: /^\/2\/media\/upload$/, buckets: [B.mediaStatus], answer: (_, url) => this.#media.status(url) },
      { method: 'GET', pattern: /^\/2\/dm_events$/, buckets: [B.dmEvents], answer: (_, url) => reads.dmEvents(url) },
      { method: 'GET', pattern: /^\/2\/dm_conversations\/([^/]+)\/dm_events$/, buckets: [B.dmReads], answer: (match, url) => reads.dmEvents(url, param(match)) },
    ];
  }

  #lookup(): ObjectLookup {
    const state = this.#state;
    return {
      user: (id) => state.users.get(id),
      userByName: (username) => state.userByName(username),
      tweet: (id) => state.tweet(id) ?? this.#firehose?.tweet(id),
      media: (key) => state.media.get(key),
    };
  }
}

function problemResponse(status: number, body: unknown, headers: Headers): Response {
  headers.set('content-type', 'application/problem+json');
  return new Response(JSON.stringify(body), { status, headers });
}
