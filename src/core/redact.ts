/**
 * Scrubbing secrets out of text and errors. Platforms echo request URLs (Graph puts `access_token`
 * in them) and libraries put headers into their errors, so every error passes through here.
 */

const REPLACEMENT = '[redacted]';

// Query parameters and header-like pairs whose values are secrets, wherever they appear in text.
const SECRET_PAIRS = [
  /((?:access_token|appsecret_proof|client_secret|api_key|oauth_token|oauth_signature|password|pass|refresh_token)=)[^&\s"'<>]+/gi,
  /((?:authorization|api-key|user-api-key|cookie|proxy-authorization)["']?\s*[:=]\s*["']?)(?:bearer\s+|basic\s+|oauth\s+)?[^\s"',}]+/gi,
  /(bearer\s+)[A-Za-z0-9\-._~+/=%]+/gi,
];

/** Replace known secret shapes and the given literal secrets in `text`. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length >= 4) result = result.split(secret).join(REPLACEMENT);
  }
  for (const pattern of SECRET_PAIRS) result = result.replace(pattern, `$1${REPLACEMENT}`);
  return result;
}

/**
 * A plain copy of an error (or any thrown value) with secrets scrubbed: name, message, code and
 * a redacted cause chain. Request/response objects and headers are dropped on purpose.
 */
export function redactError(value: unknown, secrets: readonly string[] = [], depth = 0): unknown {
  if (depth > 4) return undefined;
  if (value instanceof Error) {
    const copy = new Error(redactText(value.message, secrets));
    copy.name = value.name;
    const code = (value as { code?: unknown }).code;
    if (typeof code === 'string' || typeof code === 'number') Object.assign(copy, { code });
    if (value.cause !== undefined) {
      Object.defineProperty(copy, 'cause', { value: redactError(value.cause, secrets, depth + 1), enumerable: false });
    }
    copy.stack = redactText(value.stack ?? '', secrets);
    return copy;
  }
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  try {
    return JSON.parse(redactText(JSON.stringify(value), secrets));
  } catch {
    return undefined;
  }
}
