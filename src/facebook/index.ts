/** everywhere/facebook: Page posts, comments and Messenger (Graph API) as a Channel. */
export { facebook } from './facebook-channel.js';
export type { FacebookOptions } from './facebook-options.js';
export type { FacebookRateLimitState } from './facebook-rate-limits.js';
