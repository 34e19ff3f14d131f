/**
 * everywhere: one typed Channel for every place customers talk.
 *
 * This entry is the contract: the Channel, its messages and options, the errors, the store, the hub,
 * and the adapter kit (`defineChannel` and the plain types a third-party adapter is written against).
 * The core's own classes behind them are not exported: test/package/exports.test.ts lists every name.
 */
export type {
  Attachment,
  Author,
  Capabilities,
  Channel,
  ChannelEvent,
  ChannelEvents,
  Draft,
  DraftAttachment,
  ListenOptions,
  Message,
  MessageKind,
  MessagesOptions,
  Platform,
  RateLimitState,
  ResyncEvent,
  Store,
  ThreadOptions,
} from './core/channel.js';
export {
  AuthError,
  ChannelError,
  DeliveryUnknownError,
  InvalidDraftError,
  InvalidResponseError,
  NetworkError,
  NotFoundError,
  PermissionError,
  PlatformError,
  RateLimitError,
  UnsupportedError,
} from './core/errors.js';
export type { ChannelErrorCode, ChannelErrorOptions, ResponseIssue } from './core/errors.js';
export { MemoryStore } from './core/memory-store.js';
export type { CommonOptions, RateLimitOptions } from './core/options.js';
export type { OAuth2Refresh } from './core/oauth2/token-keeper.js';
export { createHub } from './core/hub.js';
export type { Hub, HubEvent, HubEvents, HubListenOptions, HubOptions, HubSendOptions, HubSendResult } from './core/hub.js';
export { ListenRelease } from './core/listen/listen-release.js';

// The adapter kit (README, "The adapter kit"): what a third-party adapter imports.
export { defineChannel } from './core/define-channel.js';
export type { AdapterHttpClient, ChannelImplementation, ChannelSetup, ChannelTools } from './core/define-channel.js';
export type { AdapterContext } from './core/adapter-context.js';
export type { HttpRequest, QueryValue } from './core/http/http-client.js';
export type { Authorization, AuthorizeRequest, ErrorKind, ErrorResponse, PlatformErrorInfo, PlatformHttp } from './core/http/platform-http.js';
export type { ListenItem, ListenSource, PollRequest, PollResult } from './core/listen/listen-source.js';
export type { PushedItem } from './core/listen/push-queue.js';
export { readSignedJson, verifyWebhookSignature } from './core/webhook-signature.js';
export type { SignedPayload, WebhookSignatureScheme, WebhookVerification } from './core/webhook-signature.js';
export type { HmacHash } from './core/hmac.js';
