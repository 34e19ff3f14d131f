/** The WordPress emulator of everywhere/testing. */
export { WordpressEmulator } from './wordpress-emulator.js';
export type { WordpressEmulatorOptions } from './wordpress-emulator.js';
export { wordpressHandlers } from './wordpress-handlers.js';
export type { CommentStatus as WordpressCommentStatus, Role as WordpressRole, SiteComment as WordpressSiteComment, SitePost as WordpressSitePost, SiteUser as WordpressSiteUser } from './wordpress-site.js';
