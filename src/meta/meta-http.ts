/**
 * What the Graph adapters (Facebook, Instagram) tell the core's HTTP engine alike: the Page token (with
 * appsecret_proof) on every request; after a token error (code 190 and its kin) the token read again once,
 * so a token function's rotated token is picked up; every answer's usage headers read as limits, and the
 * version that answered watched. The adapter gives its own error reading and quota windows.
 */
import type { AdapterContext } from '../core/adapter-context.js';
import type { PlatformHttp } from '../core/http/platform-http.js';
import { createGraphAuthorizer, type GraphCredentials } from './meta-auth.js';
import { createGraphUsageReader } from './meta-usage.js';
import { watchGraphVersion } from './meta-version-watch.js';

export interface GraphSettings extends GraphCredentials {
  baseUrl: string;
  apiVersion: string;
}

export function graphPlatformHttp(settings: GraphSettings, context: AdapterContext, quotaWindow: PlatformHttp['quotaWindow'], describeError: PlatformHttp['describeError']): PlatformHttp {
  const authorize = createGraphAuthorizer(settings, context);
  const readUsage = createGraphUsageReader(context);
  const watchVersion = watchGraphVersion(context, settings.apiVersion);
  return {
    baseUrl: settings.baseUrl,
    authorize,
    reauthorize: authorize,
    readRateLimits: (headers) => (watchVersion(headers), readUsage(headers)),
    quotaWindow,
    describeError,
  };
}
