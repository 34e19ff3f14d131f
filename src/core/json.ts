/**
 * JSON from text we do not control (a response body, a webhook delivery, a value in a shared store):
 * every caller treats "not JSON" like "nothing there", so the answer is the value or `undefined`
 * (which JSON itself can never produce), never a throw.
 */
export function parseJson(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
