/**
 * A compact JSON Schema check for the subset Discourse's OpenAPI document uses: type (one or a list,
 * with "integer" and "null"), properties, required, additionalProperties, items, enum, anyOf/oneOf,
 * nullable and local $ref. Returns every problem with its path, so a drifted fixture says where.
 */
export type Schema = Record<string, unknown>;

export function validate(value: unknown, schema: Schema, document: Schema, path = '$'): string[] {
  if (typeof schema.$ref === 'string') return validate(value, resolve(schema.$ref, document), document, path);
  const problems: string[] = [];
  if (value === null && schema.nullable === true) return problems;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (!options) continue;
    const matches = options.filter((option) => validate(value, option, document, path).length === 0).length;
    if (matches === 0) problems.push(`${path}: matches none of ${key}`);
    else if (key === 'oneOf' && matches > 1) problems.push(`${path}: matches ${matches} of oneOf, not exactly one`);
  }
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
    if (!types.some((type) => is(value, type))) return [`${path}: expected ${types.join(' or ')}, got ${describe(value)}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (Array.isArray(value) && schema.items) value.forEach((item, index) => problems.push(...validate(item, schema.items as Schema, document, `${path}[${index}]`)));
  if (isObject(value) && (schema.properties || schema.required || schema.additionalProperties !== undefined)) {
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const name of (schema.required ?? []) as string[]) if (!(name in value)) problems.push(`${path}.${name}: required, missing`);
    for (const [name, item] of Object.entries(value)) {
      if (properties[name]) problems.push(...validate(item, properties[name]!, document, `${path}.${name}`));
      else if (schema.additionalProperties === false) problems.push(`${path}.${name}: not in the document`);
      else if (isObject(schema.additionalProperties)) problems.push(...validate(item, schema.additionalProperties, document, `${path}.${name}`));
    }
  }
  return problems;
}

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
