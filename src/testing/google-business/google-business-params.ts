/**
 * Query parameters and request bodies checked against the v4 facts (google-business-facts.ts): an
 * unknown parameter or body field is a 400 INVALID_ARGUMENT, as Google answers
 * ("Invalid JSON payload received. Unknown name ..."), and so is a malformed value.
 */
import { OPERATIONS, SCHEMAS, STANDARD_PARAMETERS } from './google-business-facts.js';
import { googleError } from './google-business-answers.js';

export type Operation = keyof typeof OPERATIONS;
/** reviews.get is in Google's reference but not in the conversion (its path clashes with chains.get): standard parameters only. */
export type RouteOperation = Operation | 'reviews.get';

export function checkQuery(operation: RouteOperation, query: URLSearchParams): Response | undefined {
  const facts: Record<string, { type: string }> = operation === 'reviews.get' ? {} : OPERATIONS[operation].query;
  for (const [name, value] of query) {
    if ((STANDARD_PARAMETERS as readonly string[]).includes(name)) continue;
    const fact = facts[name];
    if (!fact) return googleError(400, `Invalid JSON payload received. Unknown name "${name}": Cannot bind query parameter. Field '${name}' could not be found in request message.`);
    if (fact.type === 'integer' && !/^\d+$/.test(value)) return googleError(400, `Invalid value at '${name}' (TYPE_INT32), "${value}"`);
  }
  return undefined;
}

/** A JSON body with only the schema's properties, each of its documented type; the parsed body or the 400. */
export function checkBody(schema: string, body: string): { value: Record<string, unknown> } | { error: Response } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { error: googleError(400, 'Invalid JSON payload received. Unexpected token.') };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { error: googleError(400, 'Invalid JSON payload received. Expected an object.') };
  const properties = SCHEMAS[schema]!.properties;
  for (const [name, value] of Object.entries(parsed)) {
    const fact = properties[name];
    if (!fact) return { error: googleError(400, `Invalid JSON payload received. Unknown name "${name}": Cannot find field.`) };
    const type = Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
    if (type !== fact.type && !(fact.type === 'number' && type === 'integer')) return { error: googleError(400, `Invalid value at '${name}' (${fact.type}), ${JSON.stringify(value)}`) };
  }
  return { value: parsed as Record<string, unknown> };
}
