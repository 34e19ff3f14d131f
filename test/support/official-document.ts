/**
 * The platforms' official documents (Discourse's and X's OpenAPI documents, ...) stay outside the
 * repository: it holds only what we write. CI and our machines keep them in a `shared/specs` folder
 * beside the clone, so they are looked for at `<repo>/../shared/specs/<name>`. This is the one place
 * that knows that path.
 *
 * A test that checks against a whole document runs when the document is there and is skipped with
 * one line saying why when it is not (a user's clone). Under CI (`CI` set to any value but empty) a
 * missing document fails instead: CI always has it, so its absence is a broken setup, not a choice.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { firstInThisRun } from './real-servers.js';

const SPECS_FOLDER = new URL('../../../shared/specs/', import.meta.url);

export interface DocumentLocation {
  /** The name shown to people: `../shared/specs/<name>`, relative to the clone. */
  readonly shownPath: string;
  /** The absolute path it is read from. */
  readonly path: string;
  readonly present: boolean;
  /** Its text; throws, naming the path, when it is missing. */
  text(): string;
}

export interface OfficialDocument extends DocumentLocation {
  /** True when the tests that need it are skipped: it is missing and CI is not set. */
  readonly skip: boolean;
  /** What a test's name ends with: why it is skipped, or nothing when it runs. */
  readonly note: string;
  /** Its text parsed as JSON (in a test that runs; under CI a missing document throws here). */
  json<T = unknown>(): T;
}

/** Where the official document `name` (e.g. `discourse/openapi.json`) is, and whether it is there. */
export function locateOfficialDocument(name: string): DocumentLocation {
  const shownPath = `../shared/specs/${name}`;
  const path = fileURLToPath(new URL(name, SPECS_FOLDER));
  return {
    shownPath,
    path,
    present: existsSync(path),
    text() {
      if (!existsSync(path)) throw new Error(`${shownPath} is not beside this clone (looked at ${path})`);
      return readFileSync(path, 'utf8');
    },
  };
}

/**
 * The official document `name` for tests that check against it. When they are skipped, one line on
 * stderr says why, once per run (test files run in forks of one vitest process).
 */
export function officialDocument(name: string): OfficialDocument {
  const location = locateOfficialDocument(name);
  const skip = !location.present && !process.env.CI;
  const note = skip ? ` (skipped: ${location.shownPath} is not beside this clone)` : '';
  if (skip && firstInThisRun(`official-document-${name.replaceAll('/', '-')}`)) {
    process.stderr.write(`[everywhere] skipped the tests that check against ${location.shownPath}: it is not beside this clone (the platforms' official documents are kept outside the repository)\n`);
  }
  return { ...location, skip, note, json: <T>() => JSON.parse(location.text()) as T };
}
