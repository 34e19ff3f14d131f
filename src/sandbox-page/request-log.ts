/**
 * The request log as the page shows it: a short line per request (method, path, status, time,
 * rate-limit headers) and, on demand, the request and answer in full. Sandbox credentials and any
 * token in a body, header or query are replaced before anything leaves the server.
 */
import { redactText } from '../core/redact.js';
import type { RecordedRequest } from '../testing/emulator.js';

export interface RequestSummary {
  platform: string;
  /** Its index in the emulator's `requests`. */
  index: number;
  method: string;
  path: string;
  status: number;
  at: number;
  elapsedMs: number;
  dropped: boolean;
  /** The answer's rate-limit headers (x-rate-limit-*, retry-after, x-app-usage, ...). */
  limits: Record<string, string>;
}

export interface RequestDetail extends RequestSummary {
  requestHeaders: Record<string, string>;
  requestBody: string;
  answerHeaders: Record<string, string>;
  answerBody: string;
  answerTruncated: boolean;
}

const LIMIT_HEADER = /rate-?limit|retry-after|usage|quota/i;
const SECRET_HEADER = /authorization|cookie|api-?key|api-username|token|secret/i;
const SECRET_JSON = /("(?:access_token|refresh_token|id_token|client_secret|token|accessToken|refreshToken|apiKey|api_key|password|secret)"\s*:\s*")[^"]*/gi;
const BODY_LIMIT = 64 * 1024;

export const scrub = (text: string, secrets: readonly string[]) => redactText(text, secrets).replace(SECRET_JSON, '$1[redacted]');

export function summarize(platform: string, index: number, request: RecordedRequest, secrets: readonly string[]): RequestSummary {
  const limits: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.answer?.headers ?? {})) if (LIMIT_HEADER.test(name)) limits[name] = value;
  return {
    platform,
    index,
    method: request.method,
    path: scrub(request.path, secrets),
    status: request.status,
    at: request.at,
    elapsedMs: request.answer?.elapsedMs ?? 0,
    dropped: request.answer?.dropped ?? false,
    limits,
  };
}

export function detail(platform: string, index: number, request: RecordedRequest, secrets: readonly string[]): RequestDetail {
  const requestHeaders: Record<string, string> = {};
  request.headers.forEach((value, name) => (requestHeaders[name] = SECRET_HEADER.test(name) ? '[redacted]' : scrub(value, secrets)));
  const answerHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.answer?.headers ?? {})) answerHeaders[name] = SECRET_HEADER.test(name) ? '[redacted]' : value;
  return {
    ...summarize(platform, index, request, secrets),
    requestHeaders,
    requestBody: scrub(request.body.slice(0, BODY_LIMIT), secrets),
    answerHeaders,
    answerBody: scrub(request.answer?.body ?? '', secrets),
    answerTruncated: request.answer?.truncated ?? false,
  };
}
