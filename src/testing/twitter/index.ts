/** The X emulator of everywhere/testing (names prefixed so they sit beside other platforms' emulators). */
export { TwitterEmulator } from './twitter-emulator.js';
export type { TwitterInboundInput, TwitterEmulatorOptions } from './twitter-emulator.js';
export { twitterHandlers } from './twitter-handlers.js';
export { TWITTER_BUCKETS, TWITTER_DEFAULT_LIMITS } from './twitter-emulator-limits.js';
export { crcResponseToken as twitterCrcResponseToken } from './twitter-emulator-webhook.js';
export type { WebhookTarget as TwitterWebhookTarget } from './twitter-emulator-webhook.js';
export type { FirehoseOptions as TwitterFirehoseOptions } from './twitter-emulator-firehose.js';
export type {
  EmulatedDmEvent as TwitterEmulatedDmEvent,
  EmulatedMedia as TwitterEmulatedMedia,
  EmulatedTweet as TwitterEmulatedTweet,
  EmulatedUser as TwitterEmulatedUser,
  MediaInput as TwitterMediaInput,
  UserInput as TwitterUserInput,
} from './twitter-emulator-state.js';
export type { Spelling as TwitterSpelling } from './twitter-emulator-fields.js';
export type { OAuth1Keys as TwitterOAuth1Keys } from './twitter-emulator-auth.js';
export type { TwitterOAuth2Client, TwitterOAuth2Grants, TwitterOAuth2Tokens } from './twitter-emulator-oauth2.js';
