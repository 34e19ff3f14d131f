/**
 * Every exchange with the X emulator checked against X's official OpenAPI document
 * (xdevplatform/xdk specs/openapi.json, version 2.167; found by test/support/official-document.ts):
 * the request's path parameters, query parameters and JSON body, and the answer's body for its status.
 * Objects are checked closed (`validate(..., { closed: true })`): the document leaves them open, but X
 * answers only the fields it lists, so an emulator that invents a field is caught.
 *
 * Known differences between the 2.167 document and what X serves, accepted here:
 * - Classic names. X still serves spec 2.159's names, and the adapter sends them (src/twitter/twitter-fields.ts):
 *   `tweet.fields`, `referenced_tweets`, `edit_history_tweet_ids`, `note_tweet`, `includes.tweets`, the expansion
 *   `referenced_tweets.id`. They are renamed to 2.167's (`post.fields`, `referenced_posts`, ...) before the check.
 * - Fields asked for as fields. 2.159 lists `author_id`, `in_reply_to_user_id`, `referenced_tweets` among
 *   `tweet.fields` and `sender_id` among `dm_event.fields`; 2.167 moved them to `expansions`. A value of a
 *   `*.fields` list passes when the operation documents it as a field or as an expansion.
 * - Problem types. X answers `https://api.twitter.com/2/problems/...`; 2.167 writes `https://api.x.com/...`.
 *   Problems of a type 2.167 does not list (`about:blank`, `usage-capped`, `client-forbidden`,
 *   `unsupported-authentication`: they are in 2.159) are checked for the fields every problem has.
 * - An invalid request's problem carries `errors: [{ parameters: { name: [values] }, message }]`, as X
 *   answers a 400 (docs.x.com "Response codes and errors"); 2.167's InvalidRequestProblem leaves it out.
 * A request the emulator refused with a 400 is not checked: refusing it is the emulator agreeing.
 */
import type { HttpHandler } from 'msw';
import { twitterHandlers, type TwitterEmulator } from 'everywhere/testing';
import { validate, type Schema } from '../support/json-schema.js';

export interface XExchange {
  method: string;
  url: URL;
  /** The request's body ('' for a GET). */
  body: string;
  status: number;
  contentType: string;
  /** The answer, parsed. */
  answer: unknown;
}

interface Operation {
  template: string;
  pattern: RegExp;
  names: string[];
  method: string;
  spec: Schema;
}

const CLASSIC_NAMES: Array<[string, string]> = [
  ['referenced_tweets', 'referenced_posts'],
  ['edit_history_tweet_ids', 'edit_history_post_ids'],
  ['note_tweet', 'note_post'],
];

export class XDocument {
  readonly #operations: Operation[] = [];

  constructor(readonly document: Schema) {
    for (const [template, methods] of Object.entries(document.paths as Record<string, Record<string, Schema>>)) {
      const names = [...template.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)')}$`);
      for (const [method, spec] of Object.entries(methods)) if (typeof spec === 'object' && 'responses' in spec) this.#operations.push({ template, pattern, names, method, spec });
    }
    // A literal path (/2/tweets/search/recent) before a template that would also match it (/2/tweets/{id}).
    this.#operations.sort((a, b) => a.names.length - b.names.length);
  }

  /** The documented operation of a request, e.g. `get /2/users/{id}/mentions`, or undefined. */
  operation(method: string, path: string): string | undefined {
    const found = this.#find(method, path);
    return found && `${found.method} ${found.template}`;
  }

  /** The OAuth 2.0 scopes the document requires of an operation, and whether an app-only bearer token may call it. */
  security(method: string, template: string): { scopes: string[]; appOnly: boolean; userContext: boolean } {
    const spec = this.#operations.find((operation) => operation.template === template && operation.method === method.toLowerCase())!.spec;
    const schemes = (spec.security ?? []) as Array<Record<string, string[]>>;
    return {
      scopes: schemes.find((scheme) => scheme.OAuth2UserToken)?.OAuth2UserToken ?? [],
      appOnly: schemes.some((scheme) => 'BearerToken' in scheme),
      userContext: schemes.some((scheme) => 'OAuth2UserToken' in scheme || 'UserToken' in scheme),
    };
  }

  /** Every way the exchange departs from the document; [] when it keeps to it. */
  check(exchange: XExchange): string[] {
    const where = `${exchange.method} ${exchange.url.pathname}`;
    const operation = this.#find(exchange.method, exchange.url.pathname);
    if (!operation) return [`${where}: no such operation in the document`];
    const problems = [...(exchange.status === 400 ? [] : this.#checkRequest(operation, exchange)), ...this.#checkAnswer(operation, exchange)];
    return problems.map((problem) => `${where}: ${problem}`);
  }

  /** An answer body checked against the schema documented for `status` (the problems of `check`, for tests). */
  checkAnswer(method: string, path: string, status: number, answer: unknown, contentType = 'application/json'): string[] {
    const operation = this.#find(method, path);
    if (!operation) return [`${method} ${path}: no such operation in the document`];
    return this.#checkAnswer(operation, { method, url: new URL(path, 'https://api.x.com'), body: '', status, contentType, answer });
  }

  #find(method: string, path: string): Operation | undefined {
    return this.#operations.find((operation) => operation.method === method.toLowerCase() && operation.pattern.test(path));
  }

  #parameters(operation: Operation): Schema[] {
    const all = (operation.spec.parameters ?? []) as Schema[];
    return all.map((parameter) => (typeof parameter.$ref === 'string' ? this.#resolve(parameter.$ref) : parameter));
  }

  #checkRequest(operation: Operation, exchange: XExchange): string[] {
    const problems: string[] = [];
    const parameters = this.#parameters(operation);
    const values = operation.pattern.exec(exchange.url.pathname)!.slice(1);
    operation.names.forEach((name, index) => {
      const declared = parameters.find((parameter) => parameter.in === 'path' && parameter.name === name);
      if (declared) problems.push(...this.#validate(decodeURIComponent(values[index]!), declared.schema as Schema, `path ${name}`));
    });
    const expansions = parameters.find((parameter) => parameter.name === 'expansions');
    const expansionNames = ((expansions?.schema as Schema | undefined)?.items as Schema | undefined)?.enum as string[] | undefined;
    for (const [given, raw] of exchange.url.searchParams) {
      const name = given === 'tweet.fields' ? 'post.fields' : given;
      const declared = parameters.find((parameter) => parameter.in === 'query' && parameter.name === name);
      if (!declared) {
        problems.push(`query ${given}: not in the document`);
        continue;
      }
      const schema = declared.schema as Schema;
      if (schema.type === 'array') {
        const items = raw.split(',').map(renamed);
        const itemSchema = schema.items as Schema;
        const allowed = [...((itemSchema.enum as string[] | undefined) ?? []), ...(name.endsWith('.fields') ? (expansionNames ?? []) : [])];
        problems.push(...this.#validate(items, { ...schema, items: { ...itemSchema, ...(itemSchema.enum ? { enum: allowed } : {}) } }, `query ${given}`));
        if (new Set(items).size !== items.length) problems.push(`query ${given}: repeats an item`);
      } else {
        const value = schema.type === 'integer' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
        problems.push(...this.#validate(value, schema, `query ${given}`));
      }
    }
    for (const parameter of parameters) {
      if (parameter.in === 'query' && parameter.required === true && !exchange.url.searchParams.has(parameter.name as string)) problems.push(`query ${parameter.name as string}: required, missing`);
    }
    const requestBody = operation.spec.requestBody as Schema | undefined;
    const bodySchema = ((requestBody?.content as Record<string, Schema> | undefined)?.['application/json'])?.schema as Schema | undefined;
    if (bodySchema && exchange.body) problems.push(...this.#validate(JSON.parse(exchange.body), bodySchema, 'request body'));
    else if (requestBody?.required === true && !exchange.body) problems.push('request body: required, missing');
    return problems;
  }

  #checkAnswer(operation: Operation, exchange: XExchange): string[] {
    const responses = operation.spec.responses as Record<string, Schema>;
    const answer = toNewNames(exchange.answer);
    if (exchange.status < 400) {
      const documented = responses[String(exchange.status)];
      if (!documented) return [`status ${exchange.status}: not documented (it documents ${Object.keys(responses).join(', ')})`];
      const schema = ((documented.content as Record<string, Schema>)['application/json'])?.schema as Schema;
      if (!exchange.contentType.startsWith('application/json')) return [`status ${exchange.status}: content-type ${exchange.contentType}, not application/json`];
      return this.#validate(answer, schema, 'answer');
    }
    if (!exchange.contentType.startsWith('application/problem+json')) return [];
    const { errors, ...problem } = answer as Record<string, unknown>;
    const mapping = (((this.document.components as Schema).schemas as Record<string, Schema>).Problem!.discriminator as Schema).mapping as Record<string, string>;
    const reference = typeof problem.type === 'string' ? mapping[problem.type] : undefined;
    const problems = errors === undefined ? [] : this.#validate(errors, PARAMETER_ERRORS, 'problem errors');
    if (errors !== undefined && !String(problem.type).endsWith('/invalid-request')) problems.push('problem $.errors: not in the document');
    return [...problems, ...this.#validate(problem, reference ? { $ref: reference } : BASE_PROBLEM, 'problem')];
  }

  #validate(value: unknown, schema: Schema, where: string): string[] {
    return validate(value, schema, this.document, '$', { closed: true }).map((problem) => `${where} ${problem}`);
  }

  #resolve(reference: string): Schema {
    return reference
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], this.document) as Schema;
  }
}

// What every problem carries (RFC 7807 as X uses it: 2.159's Problem base, required type and title).
const BASE_PROBLEM: Schema = { type: 'object', required: ['type', 'title'], properties: { type: { type: 'string' }, title: { type: 'string' }, detail: { type: 'string' }, status: { type: 'integer' } }, additionalProperties: true };

// What an invalid request's problem lists (see the header).
const PARAMETER_ERRORS: Schema = {
  type: 'array',
  minItems: 1,
  items: { type: 'object', required: ['parameters', 'message'], properties: { parameters: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } }, message: { type: 'string' } }, additionalProperties: false },
};

function renamed(name: string): string {
  if (name === 'referenced_tweets.id') return 'referenced_posts'; // the classic expansion's 2.167 name
  for (const [classic, current] of CLASSIC_NAMES) if (name === classic || name.startsWith(`${classic}.`)) return current + name.slice(classic.length);
  return name;
}

/** An answer in the classic names, renamed to 2.167's (`includes.tweets` becomes `includes.posts`; problem types on api.x.com). */
export function toNewNames(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => toNewNames(item));
  if (key === 'type' && typeof value === 'string') return value.replace(/^https:\/\/api\.twitter\.com\/2\/problems\//, 'https://api.x.com/2/problems/');
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [key === 'includes' && name === 'tweets' ? 'posts' : renamed(name), toNewNames(item, name)]),
  );
}

/**
 * msw handlers serving the emulator at https://api.x.com that check each exchange against the document and
 * keep what they find in `problems`. `exemptNext(method)`: the next answer to that method is broken on
 * purpose (a test's injected fault) and is not checked.
 */
export function checkedTwitterHandlers(emulator: TwitterEmulator, document: XDocument, base = 'https://api.x.com') {
  const problems: string[] = [];
  const exempt: string[] = [];
  // twitterHandlers calls only handle(): this one checks each exchange on its way through.
  const checking = {
    handle: async (request: Request, mountedAt: string): Promise<Response> => {
      const body = request.method === 'GET' ? '' : await request.clone().text();
      const response = await emulator.handle(request, mountedAt);
      const skipped = exempt.indexOf(request.method);
      if (skipped >= 0) exempt.splice(skipped, 1);
      else if (!new URL(request.url).pathname.startsWith('/2/oauth2/') && response.status !== 599) {
        const text = await response.clone().text();
        const contentType = response.headers.get('content-type') ?? '';
        const answer = contentType.includes('json') && text ? (JSON.parse(text) as unknown) : text;
        problems.push(...document.check({ method: request.method, url: new URL(request.url), body, status: response.status, contentType, answer }));
      }
      return response;
    },
  } as unknown as TwitterEmulator;
  const handlers: HttpHandler[] = twitterHandlers(checking, base);
  return { handlers, problems, exemptNext: (method: string) => exempt.push(method) };
}
