/**
 * The managed OAuth 2.0 token of an email channel (`oauth2`): the core's token keeper, one per
 * channel for both servers, its token set in the channel's store beside the channel's other keys.
 */
import type { ChannelContext } from '../core/context.js';
import { createTokenKeeper } from '../core/oauth2/token-keeper.js';
import type { ManagedToken } from './email-login.js';
import type { NormalizedEmailOptions } from './email-options.js';

export function managedToken(settings: NormalizedEmailOptions, context: ChannelContext): ManagedToken | undefined {
  if (!settings.oauth2) return undefined;
  return createTokenKeeper({ oauth2: settings.oauth2, context, encryptionKey: settings.encryptionKey, fetch: settings.fetch, timeoutMs: settings.timeoutMs });
}
