/** everywhere/twitter: X (Twitter) API v2 as a Channel. */
export { twitter } from './twitter-channel.js';
export type { TwitterOptions } from './twitter-options.js';
export type { OAuth1Credentials } from './twitter-oauth1.js';
export { weightedLength } from './twitter-text.js';
