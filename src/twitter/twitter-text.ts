/**
 * X's weighted length, per the published twitter-text v3 configuration
 * (https://docs.x.com/fundamentals/counting-characters, twitter-text `config/v3.json`):
 * maxWeightedTweetLength 280, scale 100, defaultWeight 200, the ranges below weigh 100,
 * every URL counts transformedURLLength 23, and an emoji sequence counts as 2 whatever its code points.
 */

export const MAX_WEIGHTED_LENGTH = 280;
const SCALE = 100;
const DEFAULT_WEIGHT = 200;
const URL_LENGTH = 23;
const LIGHT_RANGES: Array<[number, number]> = [
  [0, 4351], // Latin, Greek, Cyrillic, Hebrew, Arabic, Indic scripts and more
  [8192, 8205], // spaces and zero-width joiners
  [8208, 8223], // dashes and quotes
  [8242, 8247], // primes
];

// Scheme URLs and bare domains with a common TLD; twitter-text recognizes more, this covers what a reply carries.
const URL_PATTERN = /\bhttps?:\/\/[^\s]+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|io|co|dev|app|ai|me|ly|gl|gov|edu|info|biz|us|uk|de|fr|jp)\b(?:\/[^\s]*)?/giu;
const EMOJI_PATTERN = /\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|\uFE0F|\u200D\p{Extended_Pictographic}\uFE0F?)*|[\u{1F1E6}-\u{1F1FF}]{2}/gu;

/** The weighted length of `text` as X counts it. */
export function weightedLength(text: string): number {
  const normalized = text.normalize('NFC');
  let weight = 0;
  let rest = normalized.replace(URL_PATTERN, () => {
    weight += URL_LENGTH * SCALE;
    return '';
  });
  rest = rest.replace(EMOJI_PATTERN, () => {
    weight += DEFAULT_WEIGHT;
    return '';
  });
  for (const character of rest) {
    const codePoint = character.codePointAt(0)!;
    weight += LIGHT_RANGES.some(([low, high]) => codePoint >= low && codePoint <= high) ? SCALE : DEFAULT_WEIGHT;
  }
  return Math.ceil(weight / SCALE);
}
