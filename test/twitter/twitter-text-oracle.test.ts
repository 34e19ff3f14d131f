/**
 * Our weighted length and post check against the official `twitter-text` package (the oracle,
 * `parseTweet` with its v3 configuration, which X applies) on generated text: mixed scripts, emoji
 * sequences (ZWJ, skin tones, flags, keycaps, tag sequences), URLs with odd hosts (invalid labels,
 * labels over 63 characters once punycoded, IDN), control characters and U+FFFE/U+FEFF/U+FFFF.
 * The generator is seeded, so a failure names a text that comes back on every run.
 *
 * What is generated stays within what both sides can know, and these known differences are left out:
 * - emoji up to Unicode 11 (the package's list stops there); a ZWJ between two emoji that form no
 *   listed sequence is one emoji for us, its parts for the package (we keep no list of sequences);
 * - bare domains (no scheme) only with TLDs we keep, and no TLD glued to letters: twitter-text knows
 *   every TLD, we keep a few (and with a scheme take any run of letters);
 * - a host label is measured by the WHATWG URL parser's punycode: a label it refuses (mixed
 *   right-to-left and Latin letters, controls) is taken as short, and the package's JavaScript
 *   reads an emoji before a host as two halves (its regular expressions have no `u` flag: X's own
 *   Java twitter-text reads code points), so long runs of letters are kept apart from hosts and an
 *   emoji is never directly followed by `-`, `_` or `/`.
 */
import { describe, expect, it } from 'vitest';
import twitterText from 'twitter-text';
import { postTextProblem, weightedLength } from '../../src/twitter/twitter-text.js';

/** mulberry32: a small seeded generator, enough to pick pieces of text. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value ^= value + Math.imul(value ^ (value >>> 7), 61 | value);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['hello', 'café', 'naïve', 'Straße', 'привет', 'Ελλάδα', 'שלום', 'مرحبا', 'नमस्ते', 'สวัสดี', '你好', '漢字かな', 'こんにちは', '안녕하세요', 'ÁB', 'A\u0301', '…', '—', '“quoted”', '′', '😷', '#tag', '@someone', '$CASH', '123', 'x'];
const EMOJI = ['👍', '👍🏽', '🙋🏾', '👨‍👩‍👧‍👦', '👩‍💻', '👨‍🎤', '🇫🇷', '🇯🇵', '1⃣', '#️⃣', '🏴󠁧󠁢󠁥󠁮󠁧󠁿', '❤️', '☺', '🐱', '🤪', '🧕🏾', '🏳️‍🌈', '©', '®', '™'];
const CONTROL = ['\u0000', '\u0007', '\t', '\n', '\r', '\u001f', '\u007f', '\u0085', '\u00a0', '\u200b', '\u200c', '\u200d', '\u200e', '\u202a', '\u202e', '\u2066', '\u2069', '\u3000', '\ufffe', '\ufeff', '\uffff'];
const LONG_ASCII = 'a'.repeat(64);
const LONG_CJK = 'あいうえおかきくけこ'.repeat(3);
const HOSTS = ['example.com', 'www.example.co.jp', 'sub_domain.example.org', 't.co', 'bit.ly', '☃.net', 'bücher.de', 'пример.рф', 'foobar.پاکستان', 'xn--n3h.com', '-lead.com', 'trail-.com', 'www.-lead.net', 'a_b.c_d.com', 'under_score.com', `${LONG_ASCII}.com`, `${'a'.repeat(63)}.com`, `${LONG_CJK}.jp`, `${'あ'.repeat(5)}.jp`, '256.1.2.3', 'localhost', 'ex--ample.io', 'EXAMPLE.COM'];
const BARE = ['example.com', 'foo.io', 't.co', 'docs.example.org', 'my-site.dev', `${LONG_ASCII}.com`, '-x.com', 'a_b.com', 'foo.co.jp'];
const PATHS = ['', '/', '/a/b', '/wiki/"x"', '/Русские_слова', '/path.', '/x?q=1&y=2', '?q=a+b+', '#top', '/(paren)', '/(open', ':8080/x', '/@user/', '/見る', '/a,b,', '/%E2%98%83'];
const SEPARATORS = [' ', ' ', ' ', '', '\n', ', ', '. ', '(', ')', '"', '/', '-', '_', '@', '#'];

function generate(random: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const pieces: string[] = [];
  const count = 1 + Math.floor(random() * 12);
  for (let index = 0; index < count; index++) {
    const kind = random();
    if (kind < 0.3) pieces.push(pick(WORDS));
    else if (kind < 0.5) pieces.push(pick(EMOJI), pick([' ', '', '(', '"', '@'])); // see the last known difference
    else if (kind < 0.82) {
      const path = pick(PATHS);
      pieces.push(`${kind < 0.72 ? pick(['http://', 'https://', 'HTTPS://']) + pick(HOSTS) : pick(BARE)}${path}`);
      if (path === '') pieces.push(' '); // a TLD glued to letters is a TLD twitter-text may not know
    }
    else if (kind < 0.92) pieces.push(pick(CONTROL), ' '); // a ZWJ glued to two emoji would make a sequence of our own
    else pieces.push(' ', pick(WORDS).repeat(1 + Math.floor(random() * 60)), ' '); // long enough to cross 280, never one host label
    pieces.push(pick(SEPARATORS));
  }
  return pieces.join('');
}

const oursValid = (text: string) => text.trim() !== '' && postTextProblem(text) === undefined;

describe('weightedLength and the post check against the twitter-text package', () => {
  it('agree on 4,000 generated texts (seed 20261130)', () => {
    const random = seeded(20261130);
    const disagreements: string[] = [];
    for (let index = 0; index < 4000; index++) {
      const text = generate(random);
      const official = twitterText.parseTweet(text);
      const ours = { weightedLength: weightedLength(text), valid: oursValid(text) };
      // The core refuses a blank text before the adapter looks; the package calls only '' invalid.
      const officialValid = official.valid && text.trim() !== '';
      if (ours.weightedLength !== official.weightedLength || ours.valid !== officialValid) {
        disagreements.push(`${JSON.stringify(text)}: ours ${JSON.stringify(ours)}, twitter-text ${official.weightedLength}/${officialValid}`);
      }
    }
    expect(disagreements.slice(0, 10), `${disagreements.length} of 4000 disagree`).toEqual([]);
  });

  it('covers the three kinds of case that disagreed before', () => {
    const cases = ['see http://www.-lead.com/x now', `http://${'a'.repeat(64)}.com`, `https://${'あいうえおかきくけこ'.repeat(3)}.jp`, 'hi\ufffe', 'hi\ufeff', 'hi\uffff'];
    for (const text of cases) {
      const official = twitterText.parseTweet(text);
      expect([weightedLength(text), oursValid(text)], JSON.stringify(text)).toEqual([official.weightedLength, official.valid]);
    }
  });
});
