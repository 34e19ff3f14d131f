/**
 * Writes src/testing/youtube/youtube-facts.ts: the query parameters of the four methods the YouTube
 * emulator serves (commentThreads.list, comments.list, comments.insert, videos.list) and the property
 * names of the resources it answers with, as facts taken from YouTube's discovery document (names,
 * types, enums, ranges; no prose).
 *
 * The document stays outside the repository. Download youtube/v3/youtube-api.json from
 * googleapis/google-api-go-client (BSD-3-Clause) at a commit, then:
 *
 *   npx tsx scripts/extract-youtube-shapes.ts path/to/youtube-api.json <commit>
 *
 * With --stdout the file is printed instead of written (to compare with the committed one). A method or
 * schema the document lacks stops the script, naming it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const FACTS_FILE = fileURLToPath(new URL('../src/testing/youtube/youtube-facts.ts', import.meta.url));
const METHODS = { 'commentThreads.list': ['commentThreads', 'list'], 'comments.list': ['comments', 'list'], 'comments.insert': ['comments', 'insert'], 'videos.list': ['videos', 'list'] } as const;
const SCHEMAS = ['Comment', 'CommentListResponse', 'CommentSnippet', 'CommentThread', 'CommentThreadListResponse', 'CommentThreadReplies', 'CommentThreadSnippet', 'PageInfo', 'Video', 'VideoListResponse', 'VideoSnippet'] as const;

interface DiscoveryParameter {
  type?: string;
  required?: boolean;
  repeated?: boolean;
  enum?: string[];
  minimum?: string;
  maximum?: string;
  location?: string;
}
interface DiscoveryDocument {
  parameters?: Record<string, DiscoveryParameter>;
  resources?: Record<string, { methods?: Record<string, { parameters?: Record<string, DiscoveryParameter> }> }>;
  schemas?: Record<string, { properties?: Record<string, unknown> }>;
}

function parameterFact(parameter: DiscoveryParameter): Record<string, unknown> {
  const fact: Record<string, unknown> = { type: parameter.type ?? 'string' };
  if (parameter.required) fact.required = true;
  if (parameter.repeated) fact.repeated = true;
  if (parameter.enum) fact.enum = parameter.enum;
  if (parameter.minimum !== undefined) fact.minimum = Number(parameter.minimum);
  if (parameter.maximum !== undefined) fact.maximum = Number(parameter.maximum);
  return fact;
}

export function extractFacts(document: DiscoveryDocument) {
  const missing: string[] = [];
  const methods: Record<string, Record<string, unknown>> = {};
  for (const [name, [resource, method]] of Object.entries(METHODS)) {
    const parameters = document.resources?.[resource]?.methods?.[method]?.parameters;
    if (!parameters) missing.push(`method ${name}`);
    else methods[name] = Object.fromEntries(Object.keys(parameters).sort().map((key) => [key, parameterFact(parameters[key]!)]));
  }
  const schemas: Record<string, string[]> = {};
  for (const name of SCHEMAS) {
    const properties = document.schemas?.[name]?.properties;
    if (!properties) missing.push(`schema ${name}`);
    else schemas[name] = Object.keys(properties).sort();
  }
  const standard = Object.keys(document.parameters ?? {}).sort();
  return { methods, schemas, standard, missing };
}

function render(facts: ReturnType<typeof extractFacts>, commit: string): string {
  const json = (value: unknown) => JSON.stringify(value).replace(/"([A-Za-z_$][\w$]*)":/g, '$1: ').replace(/,(?=\S)/g, ', ').replace(/"/g, "'");
  const lines = [
    '/**',
    ' * Facts of the YouTube Data API v3 discovery document (googleapis/google-api-go-client,',
    ` * youtube/v3/youtube-api.json, BSD-3-Clause, at commit ${commit}): the query parameters of the`,
    ' * four methods the emulator serves and the properties of the resources it answers with.',
    ' * Written by scripts/extract-youtube-shapes.ts; do not edit by hand.',
    ' */',
    'export interface ParameterFact {',
    "  type: 'string' | 'integer' | 'boolean';",
    '  required?: boolean;',
    '  repeated?: boolean;',
    '  enum?: readonly string[];',
    '  minimum?: number;',
    '  maximum?: number;',
    '}',
    '',
    `export const SOURCE = { repository: 'googleapis/google-api-go-client', path: 'youtube/v3/youtube-api.json', commit: '${commit}' } as const;`,
    '',
    `export const STANDARD_PARAMETERS = ${json(facts.standard)} as const;`,
    '',
    "export const METHOD_PARAMETERS: Record<'commentThreads.list' | 'comments.list' | 'comments.insert' | 'videos.list', Record<string, ParameterFact>> = {",
    ...Object.entries(facts.methods).map(([name, parameters]) => `  '${name}': ${json(parameters)},`),
    '};',
    '',
    '/** The properties each schema documents: the emulator answers with these and no others. */',
    'export const SCHEMA_PROPERTIES: Record<string, readonly string[]> = {',
    ...Object.entries(facts.schemas).map(([name, properties]) => `  ${name}: ${json(properties)},`),
    '};',
    '',
  ];
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [path, commit] = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
  if (!path || !commit) {
    console.error('usage: npx tsx scripts/extract-youtube-shapes.ts path/to/youtube-api.json <commit> [--stdout]');
    process.exit(2);
  }
  const facts = extractFacts(JSON.parse(readFileSync(path, 'utf8')) as DiscoveryDocument);
  if (facts.missing.length > 0) {
    console.error(`the document lacks: ${facts.missing.join(', ')}`);
    if (!process.argv.includes('--stdout')) process.exit(1);
  }
  const text = render(facts, commit);
  if (process.argv.includes('--stdout')) process.stdout.write(text);
  else writeFileSync(FACTS_FILE, text);
}
