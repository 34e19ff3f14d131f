/**
 * The `exports` map and the tsup entries never drift apart (STYLE habit 10), and every entry point
 * exports exactly the names written below: a refactor cannot change the public API unnoticed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entries } from '../../tsup.config.js';
import { publicNames, type PublicName } from './public-names.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, unknown>;
  sideEffects: boolean;
};

describe('package exports', () => {
  it('has one build entry per subpath, with ESM, CommonJS and types for each', () => {
    const subpaths = Object.keys(pkg.exports).filter((subpath) => subpath !== './package.json');
    const fromEntries = Object.keys(entries).map((name) => (name === 'index' ? '.' : `./${name}`));
    expect(subpaths.sort()).toEqual(fromEntries.sort());
    for (const [name] of Object.entries(entries)) {
      const subpath = name === 'index' ? '.' : `./${name}`;
      expect(pkg.exports[subpath]).toEqual({
        import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
        require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
      });
    }
    expect(pkg.sideEffects).toBe(false);
  });
});

/**
 * The public API, entry by entry: `'type X'` exists for the compiler only, a bare name at run time too.
 * Changing the API means changing this list, in the same commit, on purpose.
 */
const PUBLIC_API: Record<keyof typeof entries, string[]> = {
  index: [
    'type AdapterContext', 'type AdapterHttpClient', 'type Attachment', 'AuthError', 'type Author',
    'type Authorization', 'type AuthorizeRequest', 'type Capabilities', 'type Channel', 'ChannelError',
    'type ChannelErrorCode', 'type ChannelErrorOptions', 'type ChannelEvent', 'type ChannelEvents',
    'type ChannelImplementation', 'type ChannelSetup', 'type ChannelTools', 'type CommonOptions',
    'DeliveryUnknownError', 'type Draft', 'type DraftAttachment', 'type ErrorKind', 'type ErrorResponse',
    'type HmacHash', 'type HttpRequest', 'type Hub', 'type HubEvent', 'type HubEvents', 'type HubListenOptions',
    'type HubOptions', 'type HubSendOptions', 'type HubSendResult', 'InvalidDraftError', 'InvalidResponseError',
    'type ListenItem', 'type ListenOptions', 'ListenRelease', 'type ListenSource', 'MemoryStore', 'type Message',
    'type MessageKind', 'type MessagesOptions', 'NetworkError', 'NotFoundError', 'type OAuth2Refresh', 'PermissionError', 'type Platform',
    'PlatformError', 'type PlatformErrorInfo', 'type PlatformHttp', 'type PollRequest', 'type PollResult',
    'type PushedItem', 'type QueryValue', 'RateLimitError', 'type RateLimitOptions', 'type RateLimitState',
    'type ResponseIssue', 'type ResyncEvent', 'type SignedPayload', 'type Store', 'type ThreadOptions', 'UnsupportedError',
    'type WebhookSignatureScheme', 'type WebhookVerification', 'createHub', 'defineChannel', 'readSignedJson',
    'verifyWebhookSignature',
  ],
  twitter: [
    'type OAuth1Credentials', 'type TwitterOptions', 'twitter', 'weightedLength',
  ],
  facebook: [
    'type FacebookOptions', 'type FacebookRateLimitState', 'facebook',
  ],
  instagram: [
    'type InstagramOptions', 'instagram',
  ],
  discourse: [
    'type DiscourseOptions', 'discourse',
  ],
  wordpress: [
    'type WordpressOptions', 'wordpress',
  ],
  youtube: [
    'type YouTubeOptions', 'youtube',
  ],
  flickr: [
    'type FlickrOAuth1', 'type FlickrOptions', 'flickr',
  ],
  'google-business': [
    'type GoogleBusinessOptions', 'googleBusiness',
  ],
  trustpilot: [
    'type TrustpilotOAuth2', 'type TrustpilotOptions', 'trustpilot',
  ],
  email: [
    'type EmailChannel', 'type EmailOptions', 'type EmailRaw', 'type EmailServerAuth', 'email',
  ],
  redis: [
    'RedisStore', 'type RedisStoreOptions',
  ],
  testing: [
    'type BucketSnapshot', 'type CreateStore', 'type CustomerAction', 'type CustomerKind', 'DiscourseEmulator', 'type DiscourseEmulatorOptions', 'type DiscourseForumPost', 'Emulator',
    'type EmulatorOptions', 'type EmulatorServer', 'FacebookEmulator', 'type FacebookEmulatorOptions', 'type Fault',
    'FlickrEmulator', 'type FlickrEmulatorComment', 'type FlickrEmulatorOptions',
    'GoogleBusinessEmulator', 'type GoogleBusinessEmulatorOptions', 'type GoogleBusinessReview',
    'InstagramEmulator', 'type InstagramEmulatorOptions', 'type InstagramWebhookTarget', 'type Place', 'type RecordedAnswer',
    'type RecordedRequest', 'type ReplayOptions', 'type ReplayResult', 'type RequestListener', 'type RouteContext', 'type Sandbox', 'type SandboxOptions',
    'type SandboxPage', 'type SandboxPageOptions', 'type SandboxRow', 'type StoreCheck',
    'type StoreCheckName', 'TWITTER_BUCKETS', 'TWITTER_DEFAULT_LIMITS', 'type TestFunctions', 'type Transcript', 'type TranscriptEntry',
    'TrustpilotEmulator', 'type TrustpilotEmulatorOptions', 'type TrustpilotEventName', 'type TrustpilotReview',
    'type TwitterEmulatedDmEvent', 'type TwitterEmulatedMedia', 'type TwitterEmulatedTweet',
    'type TwitterEmulatedUser', 'TwitterEmulator', 'type TwitterEmulatorOptions', 'type TwitterFirehoseOptions',
    'type TwitterInboundInput', 'type TwitterMediaInput', 'type TwitterOAuth1Keys', 'type TwitterOAuth2Client', 'type TwitterOAuth2Grants', 'type TwitterOAuth2Tokens', 'type TwitterSpelling',
    'type TwitterUserInput', 'type TwitterWebhookTarget', 'type WindowHit', 'WindowLimiter', 'type WindowRule',
    'WordpressEmulator', 'type WordpressEmulatorOptions', 'type WordpressSiteComment', 'type WordpressSitePost', 'type WordpressSiteUser',
    'YouTubeEmulator', 'type YouTubeEmulatorOptions',
    'createSandbox', 'discourseHandlers', 'facebookHandlers', 'flickrHandlers', 'googleBusinessHandlers', 'handlersFor', 'instagramHandlers', 'replayTranscript', 'serveEmulators', 'startSandboxPage', 'storeChecks',
    'testStore', 'trustpilotHandlers', 'twitterCrcResponseToken', 'twitterHandlers', 'wordpressHandlers', 'youtubeHandlers',
  ],
};

const spelled = (names: readonly PublicName[]) => names.map(({ name, kind }) => (kind === 'type' ? `type ${name}` : name));

describe('public API', () => {
  const names = publicNames(Object.values(entries));

  it.each(Object.entries(entries))('%s (%s) exports exactly its listed names', async (entry, file) => {
    const listed = PUBLIC_API[entry as keyof typeof entries];
    expect(spelled(names.get(file)!)).toEqual(listed);
    // What the compiler calls a value is what the module hands out at run time.
    const path = resolve(file);
    const module = (await import(path)) as Record<string, unknown>;
    const values = listed.filter((name) => !name.startsWith('type '));
    expect(Object.keys(module).sort()).toEqual([...values].sort());
  });

  it('keeps the core\'s internal classes out of the root entry', () => {
    const root = spelled(names.get(entries.index)!).map((name) => name.replace(/^type /, ''));
    for (const internal of ['ChannelContext', 'HttpClient', 'Quota', 'ListenEngine', 'PushQueue', 'defineCoreChannel', 'CoreChannelTools']) {
      expect(root).not.toContain(internal);
    }
  });
});
