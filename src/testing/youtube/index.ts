/** The YouTube emulator of everywhere/testing. */
export { YouTubeEmulator } from './youtube-emulator.js';
export type { YouTubeEmulatorOptions } from './youtube-emulator.js';
export { youtubeHandlers } from './youtube-handlers.js';
