/** The Trustpilot emulator of everywhere/testing. */
export { TrustpilotEmulator } from './trustpilot-emulator.js';
export type { TrustpilotEmulatorOptions } from './trustpilot-emulator.js';
export type { StoredTrustpilotReview as TrustpilotReview, TrustpilotEventName } from './trustpilot-json.js';
export { trustpilotHandlers } from './trustpilot-handlers.js';
