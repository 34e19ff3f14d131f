/** everywhere/instagram: comments, mentions and Instagram Direct (Instagram Graph API through Facebook Login) as a Channel. */
export { instagram } from './instagram-channel.js';
export type { InstagramOptions } from './instagram-options.js';
