/** The Discourse emulator of everywhere/testing. */
export { DiscourseEmulator } from './discourse-emulator.js';
export type { DiscourseEmulatorOptions, WebhookTarget as DiscourseWebhookTarget } from './discourse-emulator.js';
export { discourseHandlers } from './discourse-handlers.js';
export type { ForumPost as DiscourseForumPost, ForumTopic as DiscourseForumTopic } from './discourse-forum.js';
export type { PostingLimit as DiscoursePostingLimit } from './discourse-rate-limits.js';
