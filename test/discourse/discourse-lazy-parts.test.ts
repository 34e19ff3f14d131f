/**
 * What few Discourse bots use is loaded when first used (a dynamic import()), not with every browser bundle
 * (bench: bundle.coreDiscourseGzip); and the schemas use checks, not the zod constructs that each pull a
 * parser of their own from zod core (src/core/options.ts). That the lazy parts work once loaded is the
 * other tests' part (discourse-webhook, discourse-history, discourse-recover, ...).
 */
import { describe, expect, it } from 'vitest';
import { bundleInputs } from '../support/bundle-inputs.js';

/** The code of the entry and of the chunks it imports statically: what every bundle carries. */
const eagerCode = async () => (await bundleInputs('discourse')).eagerCode;

async function lazyOnly(files: string[]) {
  const { bundled, lazy } = await bundleInputs('discourse');
  expect(bundled.has('src/discourse/discourse-channel.ts')).toBe(true); // the build is the one meant
  expect(files.filter((file) => bundled.has(file))).toEqual([]);
  expect(files.filter((file) => !lazy.has(file))).toEqual([]);
}

describe('Discourse browser bundle', () => {
  it('loads webhook handling only with the first webhook request', () => lazyOnly(['src/discourse/discourse-webhook.ts']));
  it('loads messages() and thread() when first used', () => lazyOnly(['src/discourse/discourse-history.ts', 'src/core/history.ts']));
  it('loads recover() (the memo repeat, the lookup of what landed) when first used', () => lazyOnly(['src/discourse/discourse-find-sent.ts']));
  it('loads the reading of cooked HTML with the first post that comes without raw', () => lazyOnly(['src/core/html-text.ts', 'src/core/html-entities.ts']));

  it('carries no zod parser only a z.union, z.literal, z.record, z.enum or z.int would need', async () => {
    const code = await eagerCode();
    expect(code).toContain('/posts.json'); // the build is the one meant
    // zod core names each parser's constructor ($constructor("$ZodUnion", ...)): the name is there when the parser is.
    expect(['$ZodUnion', '$ZodLiteral', '$ZodRecord', '$ZodEnum', '$ZodNumberFormat'].filter((parser) => code.includes(parser))).toEqual([]);
  });
});
