/**
 * Every case of twitter-text's own conformance file (`conformance/validate.yml`, kept at
 * ../shared/specs/twitter-text/validate.yml) through our `weightedLength` and post check.
 *
 * The file's sections are written for different twitter-text configurations: `tweets` for v1 (140
 * code points), `WeightedTweetsCounterTest` for v2 (emoji not discounted), the emoji and directional
 * marker sections for v3, which is what X applies today and what we implement; `usernames`, `lists`,
 * `hashtags` and `urls*` check twitter-text's entity validators. So each case is checked twice: the
 * official package (the oracle) with the section's configuration or validator must give the file's
 * answer (we read the file right), and our count and validity must equal the package's v3 answer
 * for that text; where the section is v3, against the file's numbers directly too. (A URL the
 * validator accepts is not always one the counter links: `http://192.168.0.1/`, userinfo and IPv6
 * hosts count by their characters in the package too, so the count follows the package.)
 */
import { describe, expect, it } from 'vitest';
import twitterText from 'twitter-text';
import { postTextProblem, weightedLength } from '../../src/twitter/twitter-text.js';
import { parseConformanceYaml, type ConformanceCase } from '../support/conformance-yaml.js';
import { officialDocument } from '../support/official-document.js';

const DOCUMENT = officialDocument('twitter-text/validate.yml');
const { configs } = twitterText as unknown as { configs: Record<'version1' | 'version2' | 'version3', twitterText.ParseTweetOptions> };
const SECTIONS = ['tweets', 'usernames', 'lists', 'hashtags', 'urls', 'urls_without_protocol', 'WeightedTweetsCounterTest', 'WeightedTweetsWithDiscountedEmojiCounterTest', 'UnicodeDirectionalMarkerCounterTest'];
// What each section's `expected` is, as the official package computes it.
const ORACLE: Record<string, (text: string) => unknown> = {
  tweets: (text) => !twitterText.isInvalidTweet(text, configs.version1),
  usernames: (text) => twitterText.isValidUsername(text),
  lists: (text) => twitterText.isValidList(text),
  hashtags: (text) => twitterText.isValidHashtag(text),
  urls: (text) => twitterText.isValidUrl(text, true, true),
  urls_without_protocol: (text) => twitterText.isValidUrl(text, true, false),
  WeightedTweetsCounterTest: (text) => twitterText.parseTweet(text, configs.version2),
  WeightedTweetsWithDiscountedEmojiCounterTest: (text) => twitterText.parseTweet(text, configs.version3),
  UnicodeDirectionalMarkerCounterTest: (text) => twitterText.parseTweet(text, configs.version3),
};
const V3_SECTIONS = new Set(['WeightedTweetsWithDiscountedEmojiCounterTest', 'UnicodeDirectionalMarkerCounterTest']);

/** Our validity of a post: the core refuses an empty text before the adapter's check runs. */
const oursValid = (text: string) => text.trim() !== '' && postTextProblem(text) === undefined;

// Read at collection when it is there; when it is not, the one test below says so (and fails under CI).
const sections = DOCUMENT.present ? parseConformanceYaml(DOCUMENT.text()) : undefined;

describe.skipIf(DOCUMENT.skip)(`twitter-text conformance (validate.yml)${DOCUMENT.note}`, () => {
  it('holds the sections this test knows, each with cases', () => {
    const read = sections ?? parseConformanceYaml(DOCUMENT.text());
    expect(Object.keys(read)).toEqual(SECTIONS);
    for (const name of SECTIONS) expect(read[name]!.length, name).toBeGreaterThan(0);
  });

  for (const [name, cases] of Object.entries(sections ?? {})) {
    describe(name, () => {
      cases.forEach((conformance: ConformanceCase, index) => {
        it(`${index + 1}. ${conformance.description}`, () => {
          const { text, expected } = conformance;
          const oracle = ORACLE[name]!(text);
          if (typeof expected === 'object') expect(oracle).toMatchObject(expected);
          else expect(oracle).toBe(expected);

          const official = twitterText.parseTweet(text, configs.version3);
          expect(weightedLength(text), 'weighted length').toBe(official.weightedLength);
          expect(oursValid(text), 'valid').toBe(official.valid);
          if (V3_SECTIONS.has(name) && typeof expected === 'object') {
            expect(weightedLength(text)).toBe(expected.weightedLength);
            expect(oursValid(text)).toBe(expected.valid);
          }
        });
      });
    });
  }
});
