/**
 * X error bodies to the core's error kinds. Problem types: https://docs.x.com/x-api/fundamentals/response-codes-and-errors
 */
import type { ErrorResponse, PlatformErrorInfo } from '../core/http/platform-http.js';
import { problemSchema } from './twitter-schemas.js';

// 403s that are about the app's access tier, not the token: the fix is in the developer portal.
const TIER_REASONS = ['client-not-enrolled', 'unsupported-authentication', 'client-forbidden'];
// 403 details that refuse the content or the recipient, not the credentials.
const REFUSALS_OF_REQUEST = /duplicate content|deleted|not visible|hidden|cannot send|does not accept|not permitted to reply/i;

export function describeTwitterError(response: ErrorResponse): PlatformErrorInfo {
  const parsed = problemSchema.safeParse(response.body);
  const problem = parsed.success ? parsed.data : {};
  const detail = problem.detail ?? problem.errors?.[0]?.message ?? problem.title ?? undefined;
  const info: PlatformErrorInfo = {};
  if (detail) info.platformMessage = detail;
  const code = problem.type ?? problem.errors?.[0]?.code ?? problem.title;
  if (code !== undefined && code !== null) info.platformCode = code;
  if (problem.reason) info.details = { reason: problem.reason };

  if (response.status === 403) {
    const tier = TIER_REASONS.find((reason) => problem.reason === reason || problem.type?.endsWith(`/${reason}`));
    if (tier) {
      info.kind = 'auth';
      info.message = `the app's access tier does not allow ${response.method} on this endpoint (${tier}); the token itself may be fine: ${detail ?? ''}`;
      return info;
    }
    // Duplicate content, replying to a deleted or hidden post, a DM the person does not accept: refusals of this
    // request, not of the credentials (https://docs.x.com/x-api/posts/manage-tweets/introduction).
    if (detail && REFUSALS_OF_REQUEST.test(detail)) {
      info.kind = 'platform';
      return info;
    }
  }
  if (response.status === 429) {
    const reset = Number(response.headers.get('x-rate-limit-reset'));
    if (Number.isFinite(reset) && reset > 0) info.resetAt = new Date(reset * 1000);
  }
  return info;
}

/** X refuses a post identical to a recent one: after an ambiguous create that is proof the first one landed. */
export function isDuplicateContent(error: unknown): boolean {
  const message = (error as { platformMessage?: unknown })?.platformMessage;
  return typeof message === 'string' && /duplicate content/i.test(message);
}
