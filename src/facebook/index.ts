/** everywhere/facebook: Page posts, comments and Messenger (Graph API) as a Channel. */
export { facebook } from './facebook-channel.js';
export type { FacebookOptions } from './facebook-options.js';
export type { MetaRateLimitState as FacebookRateLimitState } from '../meta/meta-usage.js';
