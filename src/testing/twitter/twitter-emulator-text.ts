/**
 * The weighted length X checks a post against, written independently of the adapter's counter so the
 * emulator can catch a counting mistake: twitter-text v3 configuration
 * (https://docs.x.com/fundamentals/counting-characters): 280 weighted characters; code points in
 * U+0000–U+10FF, U+2000–U+200D, U+2010–U+201F and U+2032–U+2037 weigh 1, all others 2; an emoji
 * sequence weighs 2; a URL weighs 23 whatever its length (t.co).
 */
export const MAX_WEIGHTED_LENGTH = 280;
const URL_WEIGHT = 23;

const LIGHT = [
  [0x0000, 0x10ff],
  [0x2000, 0x200d],
  [0x2010, 0x201f],
  [0x2032, 0x2037],
] as const;

// http(s) URLs, and bare domains with a few common endings, as twitter-text would auto-link them.
const URLS = /https?:\/\/\S+|(?<![@\w.])(?:[a-z0-9-]+\.)+(?:com|org|net|io|dev|app|co|me|ai|ly)(?:\/\S*)?/giu;
// A grapheme with a pictographic code point or a flag (two regional indicators) is one emoji.
const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]/u;

export function weightedLength(text: string): number {
  let length = 0;
  const rest = text.normalize('NFC').replace(URLS, () => {
    length += URL_WEIGHT;
    return '';
  });
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(rest)) {
    if (EMOJI.test(segment)) {
      length += 2;
      continue;
    }
    for (const character of segment) {
      const code = character.codePointAt(0)!;
      length += LIGHT.some(([low, high]) => code >= low && code <= high) ? 1 : 2;
    }
  }
  return length;
}
