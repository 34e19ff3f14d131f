/** The mails of test/fixtures/email (see its README for each one's source), with their placeholders filled in. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FOLDER = join(import.meta.dirname, '../fixtures/email');

/** A fixture as CRLF mail source, `{{NAME}}` replaced by `values.NAME`. */
export function emailFixture(name: string, values: Record<string, string> = {}): Buffer {
  const text = readFileSync(join(FOLDER, name), 'utf8').replace(/\r?\n/g, '\r\n');
  return Buffer.from(text.replace(/\{\{(\w+)\}\}/g, (_match, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${name}: no value for {{${key}}}`);
    return value.replace(/\r?\n/g, '\r\n').replace(/\r\n$/, '');
  }));
}

/** The header section of a mail source (before the first blank line). */
export function headerSection(raw: Buffer | string): string {
  const text = raw.toString();
  return text.slice(0, text.search(/\r?\n\r?\n/));
}
