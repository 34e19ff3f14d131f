/** everywhere/discourse: Discourse forums as a Channel. */
export { discourse } from './discourse-channel.js';
export type { DiscourseOptions } from './discourse-options.js';
