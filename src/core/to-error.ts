/** Turns whatever was thrown (a string, an object, anything) into an Error, to emit or report it. */
export function toError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
