/** everywhere/trustpilot: a Trustpilot business unit's service reviews as a Channel. */
export { trustpilot } from './trustpilot-channel.js';
export type { TrustpilotOAuth2, TrustpilotOptions } from './trustpilot-options.js';
