/** everywhere/wordpress: comments on a WordPress site as a Channel. */
export { wordpress } from './wordpress-channel.js';
export type { WordpressOptions } from './wordpress-options.js';
