/**
 * Graph's `fields` parameter as the Graph emulators (Facebook, Instagram) read it: a comma list where an edge may carry
 * modifiers and nested fields, e.g. `id,comments.filter(stream).limit(25){id,message}`
 * (https://developers.facebook.com/docs/graph-api/guides/field-expansion). Unknown fields are a
 * 400, as Graph answers "(#100) Tried accessing nonexisting field".
 */
export interface FieldSpec {
  name: string;
  modifiers: Record<string, string>;
  fields?: FieldSpec[];
}

export class FieldsError extends Error {}

export function parseFields(text: string): FieldSpec[] {
  const specs: FieldSpec[] = [];
  for (const part of splitTopLevel(text)) {
    const trimmed = part.trim();
    if (!trimmed) throw new FieldsError('(#100) Syntax error: an empty field in "fields"');
    const brace = trimmed.indexOf('{');
    const head = brace < 0 ? trimmed : trimmed.slice(0, brace);
    if (brace >= 0 && !trimmed.endsWith('}')) throw new FieldsError(`(#100) Syntax error "Expected "}" instead of end of string."`);
    const [name, ...calls] = splitTopLevel(head, '.');
    const modifiers: Record<string, string> = {};
    for (const call of calls) {
      const match = /^(\w+)\(([^()]*)\)$/.exec(call);
      if (!match) throw new FieldsError(`(#100) Syntax error in field modifier "${call}"`);
      modifiers[match[1]!] = match[2]!;
    }
    const spec: FieldSpec = { name: name!.trim(), modifiers };
    if (brace >= 0) spec.fields = parseFields(trimmed.slice(brace + 1, -1));
    specs.push(spec);
  }
  return specs;
}

/** Split on `separator` outside of braces and parentheses. */
function splitTopLevel(text: string, separator = ','): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '{' || char === '(') depth++;
    else if (char === '}' || char === ')') depth--;
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
    if (depth < 0) throw new FieldsError('(#100) Syntax error: unbalanced brackets in "fields"');
  }
  if (depth !== 0) throw new FieldsError('(#100) Syntax error: unbalanced brackets in "fields"');
  parts.push(text.slice(start));
  return parts;
}

/** The fields to render: those asked for (checked against the node type), or the type's defaults. */
export function selectFields(asked: FieldSpec[] | undefined, nodeType: string, known: readonly string[], defaults: readonly string[]): FieldSpec[] {
  if (!asked) return defaults.map((name) => ({ name, modifiers: {} }));
  for (const spec of asked) {
    if (!known.includes(spec.name)) throw new FieldsError(`(#100) Tried accessing nonexisting field (${spec.name}) on node type (${nodeType})`);
  }
  return asked.some((spec) => spec.name === 'id') ? asked : [{ name: 'id', modifiers: {} }, ...asked];
}
