/**
 * Google's JSON error body for the Business Profile APIs (https://cloud.google.com/apis/design/errors,
 * google.rpc.Status): `{ error: { code, message, status, details? } }`. A quota refusal carries a
 * google.rpc.ErrorInfo whose metadata names the limit; `quota_limit_value: "0"` is a project whose
 * access Google has not approved (https://developers.google.com/my-business/content/prereqs).
 */
const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export function googleError(code: number, message: string, details?: unknown[]): Response {
  return Response.json({ error: { code, message, status: STATUS_BY_CODE[code] ?? 'UNKNOWN', ...(details ? { details } : {}) } }, { status: code });
}

/** 429 RESOURCE_EXHAUSTED for a per-minute quota of the project, as Google words it. */
export function quotaExceeded(limitName: string, limitValue: number, retryAfterSeconds?: number): Response {
  const response = googleError(429, `Quota exceeded for quota metric 'Requests' and limit '${limitName}' of service 'mybusiness.googleapis.com' for consumer 'project_number:000000000000'.`, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'RATE_LIMIT_EXCEEDED',
      domain: 'googleapis.com',
      metadata: { quota_limit: limitName.replace(/\s+/g, ''), quota_limit_value: String(limitValue), quota_metric: 'mybusiness.googleapis.com/default_requests', service: 'mybusiness.googleapis.com', consumer: 'projects/000000000000' },
    },
  ]);
  if (retryAfterSeconds !== undefined) response.headers.set('retry-after', String(retryAfterSeconds));
  return response;
}
