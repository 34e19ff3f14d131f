/** everywhere/youtube: the comments on a YouTube channel's videos as a Channel. */
export { youtube } from './youtube-channel.js';
export type { YouTubeOptions } from './youtube-options.js';
