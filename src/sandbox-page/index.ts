/** The sandbox page: every platform's emulator shown side by side, written to as a customer, in a browser. */
export { startSandboxPage } from './page-server.js';
export type { SandboxPage, SandboxPageOptions } from './page-server.js';
export { replayTranscript } from './replay-transcript.js';
export type { ReplayOptions, ReplayResult } from './replay-transcript.js';
export type { Transcript, TranscriptEntry } from './transcript.js';
export type { CustomerAction, CustomerKind } from './customer-action.js';
export type { SandboxRow, Place } from './row.js';
