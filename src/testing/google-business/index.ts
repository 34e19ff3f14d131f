/** The Google Business Profile reviews emulator of everywhere/testing. */
export { GoogleBusinessEmulator } from './google-business-emulator.js';
export type { GoogleBusinessEmulatorOptions } from './google-business-emulator.js';
export type { StoredReview as GoogleBusinessReview } from './google-business-json.js';
export { googleBusinessHandlers } from './google-business-handlers.js';
