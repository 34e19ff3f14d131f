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

const SPECS_FOLDER = new URL('../../../shared/specs/', import.meta.url);

export interface OfficialDocument {
  /** The name shown to people: `../shared/specs/<name>`, relative to the clone. */
  readonly shownPath: string;
  /** The absolute path it is read from. */
  readonly path: string;
  /** True when the tests that need it must be skipped: it is not there and CI is not set. */
  readonly skip: boolean;
  /** What to append to a test's name: why it is skipped, or nothing when it runs. */
  readonly note: string;
  /** Its text; throws, naming the path, when it is missing (the CI case). */
  text(): string;
  /** Its text parsed as JSON. */
  json<T = unknown>(): T;
}

/** The official document `name` (e.g. `discourse/openapi.json`), looked for beside this clone. */
export function officialDocument(name: string): OfficialDocument {
  const shownPath = `../shared/specs/${name}`;
  const path = fileURLToPath(new URL(name, SPECS_FOLDER));
  const present = existsSync(path);
  const skip = !present && !process.env.CI;
  const text = () => {
    if (!existsSync(path)) throw new Error(`${shownPath} is not beside this clone (looked at ${path}); CI must provide it`);
    return readFileSync(path, 'utf8');
  };
  return {
    shownPath,
    path,
    skip,
    note: skip ? ` (skipped: ${shownPath} is not beside this clone)` : '',
    text,
    json: <T>() => JSON.parse(text()) as T,
  };
}
