/**
 * A compact JSON Schema check for the subset the platforms' OpenAPI documents (Discourse's, X's) use:
 * type (one or a list, with "integer" and "null"), properties, required, additionalProperties, items,
 * enum, anyOf/oneOf/allOf, nullable, pattern, minimum/maximum, minLength/maxLength, minItems/maxItems,
 * format date-time and local $ref. Returns every problem with its path, so a drifted fixture says where.
 */
export type Schema = Record<string, unknown>;

export interface ValidateOptions {
  /**
   * Treat an object schema that lists `properties` and says nothing of `additionalProperties` as closed:
   * a field it does not list is "not in the document". For documents (X's) that leave objects open
   * although the API answers only the fields they list, so an emulator that invents a field is caught.
   */
  closed?: boolean;
}

export function validate(value: unknown, schema: Schema, document: Schema, path = '$', options: ValidateOptions = {}): string[] {
  if (typeof schema.$ref === 'string') return validate(value, resolve(schema.$ref, document), document, path, options);
  const problems: string[] = [];
  if (value === null && schema.nullable === true) return problems;
  for (const part of (schema.allOf ?? []) as Schema[]) problems.push(...validate(value, part, document, path, options));
  for (const key of ['anyOf', 'oneOf'] as const) {
    const choices = schema[key] as Schema[] | undefined;
    if (!choices) continue;
    const matches = choices.filter((choice) => validate(value, choice, document, path, options).length === 0).length;
    if (matches === 0) problems.push(`${path}: matches none of ${key}`);
    else if (key === 'oneOf' && matches > 1) problems.push(`${path}: matches ${matches} of oneOf, not exactly one`);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => is(value, type))) return [`${path}: expected ${types.join(' or ')}, got ${describe(value)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  problems.push(...bounds(value, schema, path));
  if (Array.isArray(value) && schema.items) value.forEach((item, index) => problems.push(...validate(item, schema.items as Schema, document, `${path}[${index}]`, options)));
  if (isObject(value) && (schema.properties || schema.required || schema.additionalProperties !== undefined)) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    const closed = schema.additionalProperties === false || (options.closed === true && schema.properties !== undefined && schema.additionalProperties === undefined);
    for (const name of (schema.required ?? []) as string[]) if (!(name in value)) problems.push(`${path}.${name}: required, missing`);
    for (const [name, item] of Object.entries(value)) {
      if (properties[name]) problems.push(...validate(item, properties[name]!, document, `${path}.${name}`, options));
      else if (closed) problems.push(`${path}.${name}: not in the document`);
      else if (isObject(schema.additionalProperties)) problems.push(...validate(item, schema.additionalProperties, document, `${path}.${name}`, options));
    }
  }
  return problems;
}

/** pattern, lengths, counts, numeric bounds and date-time: each applies only to a value of its kind. */
function bounds(value: unknown, schema: Schema, path: string): string[] {
  const problems: string[] = [];
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) problems.push(`${path}: ${JSON.stringify(value)} does not match ${schema.pattern}`);
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) problems.push(`${path}: shorter than ${schema.minLength}`);
    if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength) problems.push(`${path}: longer than ${schema.maxLength}`);
    if (schema.format === 'date-time' && !DATE_TIME.test(value)) problems.push(`${path}: ${JSON.stringify(value)} is not a date-time`);
  }
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems) problems.push(`${path}: fewer than ${schema.minItems} items`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) problems.push(`${path}: more than ${schema.maxItems} items`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) problems.push(`${path}: ${value} is below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) problems.push(`${path}: ${value} is above ${schema.maximum}`);
  }
  return problems;
}

// RFC 3339 section 5.6 (what OpenAPI's date-time format means).
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function resolve(reference: string, document: Schema): Schema {
  return reference
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')], document) as Schema;
}

function is(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isObject(value);
    default:
      return typeof value === type;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
