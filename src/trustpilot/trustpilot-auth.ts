/**
 * The business-user token per request: fixed, a function, or a managed grant the core's token keeper
 * refreshes (access tokens last 100 hours, refresh tokens 30 days). Trustpilot answers refreshing too
 * often with a 429 (get-started/authentication), so a refresh after a refused token is paced: at most one
 * per REFRESH_PACE_MS for every process sharing the store; within it a refusal stands (AuthError). A
 * token running out (100 hours) is refreshed by the keeper regardless, which is rare by nature.
 */
import type { AdapterContext } from '../core/adapter-context.js';
import type { Authorization, AuthorizeRequest } from '../core/http/platform-http.js';
import { createTokenKeeper } from '../core/oauth2/token-keeper.js';
import { resolveSecret } from '../core/options.js';
import type { NormalizedTrustpilotOptions } from './trustpilot-options.js';

export const REFRESH_PACE_MS = 5 * 60_000;

export interface TrustpilotAuthorizer {
  authorize(request: AuthorizeRequest): Promise<Authorization>;
  reauthorize(request: AuthorizeRequest, refused: Authorization): Promise<Authorization>;
}

const bearer = (token: string): Authorization => ({ headers: { authorization: `Bearer ${token}` } });

export function createTrustpilotAuthorizer(options: NormalizedTrustpilotOptions, context: AdapterContext): TrustpilotAuthorizer {
  if (options.oauth2) {
    const keeper = createTokenKeeper({ oauth2: options.oauth2, context, encryptionKey: options.encryptionKey, fetch: options.fetch, timeoutMs: options.timeoutMs });
    const pacedKey = `${context.id}:trustpilot:refused-refresh-at`;
    return {
      authorize: async () => bearer(await keeper.accessToken()),
      async reauthorize(_request, refused) {
        const last = Number((await context.store.get(pacedKey)) ?? 0);
        if (Date.now() - last < REFRESH_PACE_MS) return refused; // refreshed after a refusal moments ago: this refusal stands
        await context.store.set(pacedKey, String(Date.now()), { ttlMs: REFRESH_PACE_MS });
        return bearer(await keeper.refused(refused.headers?.authorization?.replace(/^Bearer /, '') ?? ''));
      },
    };
  }
  const accessToken = options.accessToken!;
  const current = async () => {
    const token = await resolveSecret(accessToken);
    context.addSecret(token);
    return bearer(token);
  };
  return { authorize: current, reauthorize: current };
}
