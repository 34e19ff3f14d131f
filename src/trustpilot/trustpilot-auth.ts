/**
 * The business-user token per request: fixed, a function, or a managed grant the core's token keeper
 * refreshes (access tokens last 100 hours, refresh tokens 30 days). Trustpilot answers refreshing too
 * often with a 429 (get-started/authentication), so a refresh after a refused token is paced: at most one
 * per REFRESH_PACE_MS for every process sharing the store; within it a refusal stands (AuthError). A
 * token running out (100 hours) is refreshed by the keeper regardless, which is rare by nature.
 */
import type { AdapterContext } from '../core/adapter-context.js';
import { createBearerAuthorizer, type BearerAuthorizer } from '../core/oauth2/bearer-authorizer.js';
import type { NormalizedTrustpilotOptions } from './trustpilot-options.js';

export const REFRESH_PACE_MS = 5 * 60_000;

export function createTrustpilotAuthorizer(options: NormalizedTrustpilotOptions, context: AdapterContext): BearerAuthorizer {
  const auth = createBearerAuthorizer(options, context);
  const refresh = auth.reauthorize;
  const pacedKey = `${context.id}:trustpilot:refused-refresh-at`;
  if (options.oauth2) {
    auth.reauthorize = async (request, refused) => {
      // Refreshed after a refusal moments ago: this refusal stands. (Nothing stored is NaN: never within the pace.)
      if (Date.now() - Number(await context.store.get(pacedKey)) < REFRESH_PACE_MS) return refused;
      await context.store.set(pacedKey, String(Date.now()), { ttlMs: REFRESH_PACE_MS });
      return refresh(request, refused);
    };
  }
  return auth;
}
