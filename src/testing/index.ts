/** everywhere/testing: platform emulators for users' own tests (msw handlers and a local sandbox server). */
export { Emulator } from './emulator.js';
export type { EmulatorOptions, Fault, RecordedRequest, RouteContext } from './emulator.js';
export { handlersFor } from './msw-handlers.js';
export { serveEmulators } from './serve-emulators.js';
export type { EmulatorServer } from './serve-emulators.js';
export { WindowLimiter } from './window-limiter.js';
export type { WindowHit, WindowRule } from './window-limiter.js';
export { createSandbox } from './sandbox.js';
export type { Sandbox, SandboxOptions } from './sandbox.js';
export * from './twitter/index.js';
export { FacebookEmulator, facebookHandlers, type FacebookEmulatorOptions } from './facebook/index.js';
export { DiscourseEmulator, discourseHandlers, type DiscourseEmulatorOptions, type DiscourseForumPost } from './discourse/index.js';
export { FlickrEmulator, flickrHandlers, type FlickrEmulatorComment, type FlickrEmulatorOptions } from './flickr/index.js';
export { WordpressEmulator, wordpressHandlers, type WordpressEmulatorOptions, type WordpressSiteComment, type WordpressSitePost, type WordpressSiteUser } from './wordpress/index.js';
export { testStore } from './test-store.js';
export type { TestFunctions } from './test-store.js';
export { storeChecks } from './store-checks.js';
export type { CreateStore, StoreCheck, StoreCheckName } from './store-checks.js';
