/**
 * Request bodies as the X emulator reads them (https://docs.x.com/x-api: JSON objects): a body that is not
 * JSON, or JSON that is not an object, reads as `undefined` and the caller answers with X's problem for it.
 */
import { parseJson } from '../../core/json.js';

export function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A request body as a JSON object, or undefined. */
export function parseObject(raw: string): Record<string, unknown> | undefined {
  return asObject(parseJson(raw));
}
