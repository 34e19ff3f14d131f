/**
 * Writes src/testing/google-business/google-business-facts.ts: the query parameters of the review
 * methods the Google Business Profile emulator serves (accounts.locations.reviews.list, .updateReply,
 * .deleteReply, accounts.locations.batchGetReviews) and the properties of the schemas it answers with
 * (Review, ReviewReply, Reviewer, ListReviewsResponse, BatchGetReviews*, LocationReview): names, types,
 * enums, required; no prose.
 *
 * The document stays outside the repository: APIs/googleapis.com/my-business/v4/openapi.yaml of
 * APIs-guru/openapi-directory (MIT; the spec itself CC-BY-3.0, converted from Google's
 * mybusiness_google_rest_v4p9.json), at a commit. Then:
 *
 *   npx tsx scripts/extract-google-business-shapes.ts path/to/openapi.yaml <commit>
 *
 * With --stdout the file is printed instead of written. An operation or schema the document lacks stops
 * the script, naming it. The YAML reader below knows only the block style the APIs-guru conversions use
 * (mappings, `- ` sequences, quoted and plain scalars, `{}`/`[]`): no package is needed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FACTS_FILE = fileURLToPath(new URL('../src/testing/google-business/google-business-facts.ts', import.meta.url));
const OPERATIONS = {
  'reviews.list': 'mybusiness.accounts.locations.reviews.list',
  'reviews.updateReply': 'mybusiness.accounts.locations.reviews.updateReply',
  'reviews.deleteReply': 'mybusiness.accounts.locations.reviews.deleteReply',
  'locations.batchGetReviews': 'mybusiness.accounts.locations.batchGetReviews',
} as const;
const SCHEMAS = ['BatchGetReviewsRequest', 'BatchGetReviewsResponse', 'ListReviewsResponse', 'LocationReview', 'Review', 'ReviewReply', 'Reviewer'] as const;

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

interface Line {
  indent: number;
  text: string;
}

/** The block-style YAML of the conversion into plain values. */
export function parseYaml(source: string): Yaml {
  const lines: Line[] = source
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'))
    .map((line) => ({ indent: line.length - line.trimStart().length, text: line.trim() }));
  return parseBlock(lines, 0, lines[0]?.indent ?? 0)[0];
}

function parseBlock(lines: Line[], start: number, indent: number): [Yaml, number] {
  if (lines[start]?.text.startsWith('- ') || lines[start]?.text === '-') return parseSequence(lines, start, indent);
  const map: Record<string, Yaml> = {};
  let index = start;
  while (index < lines.length && lines[index]!.indent === indent && !lines[index]!.text.startsWith('- ')) {
    const { text } = lines[index]!;
    const colon = keyEnd(text);
    if (colon < 0) throw new Error(`line ${index + 1}: expected "key: value", got ${JSON.stringify(text)}`);
    const key = scalar(text.slice(0, colon)) as string;
    const rest = text.slice(colon + 1).trim();
    index++;
    if (rest !== '') {
      map[String(key)] = scalar(rest);
      while (index < lines.length && lines[index]!.indent > indent) index++; // a scalar's continuation lines
    } else if (index < lines.length && (lines[index]!.indent > indent || (lines[index]!.indent === indent && lines[index]!.text.startsWith('- ')))) {
      const [value, next] = parseBlock(lines, index, lines[index]!.indent);
      map[String(key)] = value;
      index = next;
    } else map[String(key)] = null;
  }
  return [map, index];
}

function parseSequence(lines: Line[], start: number, indent: number): [Yaml, number] {
  const items: Yaml[] = [];
  let index = start;
  while (index < lines.length && lines[index]!.indent === indent && lines[index]!.text.startsWith('-')) {
    const content = lines[index]!.text.slice(1).trimStart();
    if (content === '') {
      const [value, next] = parseBlock(lines, index + 1, lines[index + 1]!.indent);
      items.push(value);
      index = next;
    } else if (keyEnd(content) < 0) {
      items.push(scalar(content));
      index++;
    } else {
      // "- key: value" opens a mapping whose other keys sit two columns in.
      const copy = [...lines];
      copy[index] = { indent: indent + 2, text: content };
      const [value, next] = parseBlock(copy, index, indent + 2);
      items.push(value);
      index = next;
    }
  }
  return [items, index];
}

/** Where a mapping key ends (its colon), outside quotes; -1 when the text is no "key:" line. */
function keyEnd(text: string): number {
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      if (index === 0) quote = char;
    } else if (char === ':' && (index === text.length - 1 || text[index + 1] === ' ')) return index;
  }
  return -1;
}

function scalar(text: string): Yaml {
  if (text.startsWith('"')) return JSON.parse(text) as string;
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  if (text === '{}') return {};
  if (text === '[]') return [];
  if (text === 'true' || text === 'false') return text === 'true';
  if (text === 'null' || text === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

interface ParameterFact {
  type: string;
  required?: true;
  enum?: string[];
}
interface PropertyFact {
  type: string;
  format?: string;
  enum?: string[];
  ref?: string;
  items?: string;
}

const asMap = (value: Yaml | undefined): Record<string, Yaml> => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});
const asList = (value: Yaml | undefined): Yaml[] => (Array.isArray(value) ? value : []);
const refName = (value: Yaml | undefined) => String(asMap(value).$ref ?? '').split('/').pop()!;

function parameterFact(parameter: Record<string, Yaml>): ParameterFact {
  const schema = asMap(parameter.schema);
  const fact: ParameterFact = { type: String(schema.type ?? 'string') };
  if (parameter.required === true) fact.required = true;
  if (Array.isArray(schema.enum)) fact.enum = schema.enum.map(String);
  return fact;
}

function propertyFact(property: Record<string, Yaml>): PropertyFact {
  if (property.$ref) return { type: 'object', ref: refName(property) };
  const fact: PropertyFact = { type: String(property.type ?? 'object') };
  if (typeof property.format === 'string') fact.format = property.format;
  if (Array.isArray(property.enum)) fact.enum = property.enum.map(String);
  if (property.items) fact.items = asMap(property.items).$ref ? refName(property.items) : String(asMap(property.items).type);
  return fact;
}

export function extractFacts(document: Yaml) {
  const root = asMap(document);
  const componentParameters = asMap(asMap(root.components).parameters);
  const missing: string[] = [];
  const operations: Record<string, { method: string; path: string; query: Record<string, ParameterFact>; body?: string; answer?: string }> = {};
  const standard = new Set<string>();
  for (const [name, operationId] of Object.entries(OPERATIONS)) {
    let found = false;
    for (const [path, item] of Object.entries(asMap(root.paths))) {
      for (const [method, operation] of Object.entries(asMap(item))) {
        if (asMap(operation).operationId !== operationId) continue;
        found = true;
        const query: Record<string, ParameterFact> = {};
        for (const parameter of asList(asMap(operation).parameters).map(asMap)) {
          if (parameter.in === 'query') query[String(parameter.name)] = parameterFact(parameter);
        }
        for (const shared of asList(asMap(item).parameters)) {
          const parameter = asMap(componentParameters[refName(shared)]);
          if (parameter.in === 'query') standard.add(String(parameter.name));
        }
        const body = refName(asMap(asMap(asMap(asMap(operation).requestBody).content)['application/json']).schema);
        const answer = refName(asMap(asMap(asMap(asMap(asMap(operation).responses)['200']).content)['application/json']).schema);
        operations[name] = { method: method.toUpperCase(), path, query, ...(body ? { body } : {}), ...(answer ? { answer } : {}) };
      }
    }
    if (!found) missing.push(`operation ${operationId}`);
  }
  const schemas: Record<string, { required: string[]; properties: Record<string, PropertyFact> }> = {};
  for (const name of SCHEMAS) {
    const schema = asMap(asMap(asMap(root.components).schemas)[name]);
    if (!schema.properties) {
      missing.push(`schema ${name}`);
      continue;
    }
    const properties = asMap(schema.properties);
    schemas[name] = {
      required: asList(schema.required).map(String).sort(),
      properties: Object.fromEntries(Object.keys(properties).sort().map((key) => [key, propertyFact(asMap(properties[key]))])),
    };
  }
  return { operations, schemas, standard: [...standard].sort(), missing };
}

function render(facts: ReturnType<typeof extractFacts>, commit: string): string {
  const json = (value: unknown) => JSON.stringify(value).replace(/"([A-Za-z_$][\w$]*)":/g, '$1: ').replace(/,(?=\S)/g, ', ').replace(/"/g, "'");
  return [
    '/**',
    ' * Facts of the Google My Business API v4 OpenAPI conversion (APIs-guru/openapi-directory,',
    ` * APIs/googleapis.com/my-business/v4/openapi.yaml, MIT, spec CC-BY-3.0, at commit ${commit}):`,
    ' * the review operations the emulator serves and the properties of the schemas it answers with.',
    ' * Written by scripts/extract-google-business-shapes.ts; do not edit by hand.',
    ' */',
    'export interface ParameterFact {',
    '  type: string;',
    '  required?: true;',
    '  enum?: readonly string[];',
    '}',
    '',
    'export interface PropertyFact {',
    '  type: string;',
    '  format?: string;',
    '  enum?: readonly string[];',
    '  /** The schema of an object property. */',
    '  ref?: string;',
    '  /** The item type (or schema) of an array property. */',
    '  items?: string;',
    '}',
    '',
    `export const SOURCE = { repository: 'APIs-guru/openapi-directory', path: 'APIs/googleapis.com/my-business/v4/openapi.yaml', commit: '${commit}' } as const;`,
    '',
    `export const STANDARD_PARAMETERS = ${json(facts.standard)} as const;`,
    '',
    `export const OPERATIONS = ${json(facts.operations)} as const satisfies Record<string, { method: string; path: string; query: Record<string, ParameterFact>; body?: string; answer?: string }>;`,
    '',
    '/** The properties each schema documents: the emulator answers with these and no others. */',
    `export const SCHEMAS: Record<string, { required: readonly string[]; properties: Record<string, PropertyFact> }> = ${json(facts.schemas)};`,
    '',
  ].join('\n');
}

function main(argv: string[]): void {
  const toStdout = argv.includes('--stdout');
  const [path, commit] = argv.filter((arg) => arg !== '--stdout');
  if (!path || !commit || !/^[0-9a-f]{40}$/.test(commit)) {
    console.error('usage: npx tsx scripts/extract-google-business-shapes.ts path/to/openapi.yaml <40-hex commit> [--stdout]');
    process.exit(2);
  }
  const facts = extractFacts(parseYaml(readFileSync(path, 'utf8')));
  if (facts.missing.length > 0) {
    console.error(`the document lacks: ${facts.missing.join(', ')}`);
    process.exit(1);
  }
  const output = render(facts, commit);
  if (toStdout) process.stdout.write(output);
  else writeFileSync(FACTS_FILE, output);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
