/** everywhere: one typed Channel for every place customers talk. */
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
  PlatformError,
  RateLimitError,
  UnsupportedError,
} from './core/errors.js';
export type { ChannelErrorCode, ChannelErrorOptions, ResponseIssue } from './core/errors.js';
export { MemoryStore } from './core/memory-store.js';
export { defineChannel } from './core/define-channel.js';
export type { ChannelImplementation, ChannelSetup, ChannelTools } from './core/define-channel.js';
export type { ChannelContext } from './core/context.js';
export type { HttpClient, HttpRequest } from './core/http/http-client.js';
export type { Authorization, AuthorizeRequest, ErrorResponse, PlatformErrorInfo, PlatformHttp } from './core/http/platform-http.js';
export type { ListenItem, ListenSource, PollRequest, PollResult } from './core/listen/listen-source.js';
export type { PushedItem } from './core/listen/push-queue.js';
export { ListenRelease } from './core/listen/listen-release.js';
export type { CommonOptions, RateLimitOptions } from './core/options.js';
export { createHub } from './core/hub.js';
export type { Hub, HubEvent, HubEvents, HubListenOptions, HubOptions, HubSendOptions, HubSendResult } from './core/hub.js';
