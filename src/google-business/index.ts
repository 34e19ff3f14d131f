/** everywhere/google-business: a Google Business Profile location's reviews as a Channel. */
export { googleBusiness } from './google-business-channel.js';
export type { GoogleBusinessOptions } from './google-business-options.js';
