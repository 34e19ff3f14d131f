/**
 * Reads the shape of twitter-text's conformance files (`conformance/validate.yml`): sections of cases,
 * each case a `description`, a `text` and an `expected` that is a scalar or a map of scalars. Only the
 * YAML that file uses: double-quoted strings (escapes `\n \t \" \\ \xXX \uXXXX \UXXXXXXXX`), booleans and
 * integers. Anything else throws, naming the line, so a new construct is seen instead of misread.
 */

export type Scalar = string | number | boolean;
export interface ConformanceCase {
  description: string;
  text: string;
  expected: Scalar | Record<string, Scalar>;
}

export function parseConformanceYaml(source: string): Record<string, ConformanceCase[]> {
  const sections: Record<string, ConformanceCase[]> = {};
  let cases: ConformanceCase[] | undefined;
  let current: Record<string, unknown> | undefined;
  let nested: Record<string, Scalar> | undefined;
  source.split('\n').forEach((line, index) => {
    const fail = (why: string) => new Error(`conformance YAML line ${index + 1}: ${why}: ${line}`);
    if (line.trim() === '' || line.trim().startsWith('#') || line === 'tests:') return;
    const match = /^( *)(- )?([A-Za-z_]+):(?: (.*))?$/.exec(line);
    if (!match) throw fail('not a key');
    const [, spaces, dash, key, value] = match as unknown as [string, string, string | undefined, string, string | undefined];
    const indent = spaces.length + (dash ? 2 : 0);
    if (indent === 2 && value === undefined) {
      cases = sections[key] = [];
      return;
    }
    if (!cases) throw fail('a case before any section');
    if (dash) {
      current = {};
      cases.push(current as unknown as ConformanceCase);
    }
    if (!current) throw fail('a key outside a case');
    if (indent === 6) {
      nested = undefined;
      if (value === undefined) current[key] = nested = {};
      else current[key] = parseScalar(value, fail);
    } else if (indent === 8 && nested && value !== undefined) {
      nested[key] = parseScalar(value, fail);
    } else {
      throw fail('unexpected indentation');
    }
  });
  return sections;
}

function parseScalar(value: string, fail: (why: string) => Error): Scalar {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^-?\d+$/.test(value)) return Number(value);
  if (!value.startsWith('"') || !value.endsWith('"') || value.length < 2) throw fail('not a double-quoted string');
  const body = value.slice(1, -1);
  return body.replace(/\\(?:x([0-9a-fA-F]{2})|u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(.))/g, (whole, x?: string, u?: string, big?: string, single?: string) => {
    const hex = x ?? u ?? big;
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '0': '\0' };
    if (single !== undefined && single in simple) return simple[single]!;
    throw fail(`unknown escape ${whole}`);
  });
}
