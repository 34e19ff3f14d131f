/**
 * X's weighted length, per the published twitter-text v3 configuration
 * (https://docs.x.com/fundamentals/counting-characters, twitter-text `config/v3.json`):
 * maxWeightedTweetLength 280, scale 100, defaultWeight 200, the ranges below weigh 100,
 * every URL counts transformedURLLength 23, and an emoji sequence counts as 2 whatever its code points.
 * What twitter-text calls a URL (its conformance file `validate.yml`) is checked in
 * test/twitter/twitter-text-conformance.test.ts against the file and against the package itself.
 */

export const MAX_WEIGHTED_LENGTH = 280;
/** A Premium account's long posts (https://help.x.com/en/using-x/x-premium): up to 25,000. */
export const MAX_LONG_POST_LENGTH = 25_000;
const SCALE = 100;
const DEFAULT_WEIGHT = 200;
const URL_LENGTH = 23;
const LIGHT_RANGES: Array<[number, number]> = [
  [0, 4351], // Latin, Greek, Cyrillic, Hebrew, Arabic, Indic scripts and more
  [8192, 8205], // spaces and zero-width joiners
  [8208, 8223], // dashes and quotes
  [8242, 8247], // primes
];

/** Characters twitter-text refuses in a post (its `invalidChars`). */
export const INVALID_CHARACTERS = /[\uFFFE\uFEFF\uFFFF]/;

// twitter-text's URL shape: a host character is anything but a space, ASCII punctuation, a
// directional mark or an invalid character; labels start and end with one (subdomains may hold
// `_`), the path and query take the characters twitter-text allows, ending where it ends them.
// Without a scheme only ASCII hosts with a common TLD count (twitter-text knows every TLD; we keep a few).
const HOST = String.raw`[^\s!#-\/:-@\[-\^_{-~\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF\uFFFE\uFFFF]`;
const LATIN = String.raw`a-z0-9\u00C0-\u024F\u0300-\u036F\u1E00-\u1EFF`;
const LETTERS = String.raw`${LATIN}\u0400-\u04FF`;
const PATH = String.raw`[${LETTERS}!*';:=+,.$/%#\[\]\-\u2013_~@|&]`;
// Balanced parentheses, one level deep at most.
const PARENS = String.raw`\((?:${PATH}+|${PATH}*\(${PATH}+\)${PATH}*)\)`;
const QUERY = String.raw`(?:\?[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]*[a-z0-9\-_&=#/])?`;
const URL_PATTERN = new RegExp(
  String.raw`([^a-z0-9@＠$#＃\uFEFF\uFFFE\uFFFF]|^)(https?:\/\/)?((?:(?:${HOST}(?:[_-]|${HOST})*)?${HOST}\.)*(?:${HOST}(?:-|${HOST})*)?${HOST}\.(?:(?:[a-z]{2,}|xn--[-0-9a-z]+)(?![a-z0-9@+-])|(?:(?![a-z])[\p{L}\p{M}]){2,}(?![\p{L}\p{M}0-9@+-])))` +
    String.raw`(?::\d+)?(\/(?:(?:${PATH}|${PARENS})*(?:[+\-${LETTERS}=_#/]|${PARENS}))?)?${QUERY}`,
  'giu',
);
const BARE_HOST = new RegExp(`(?:[-${LATIN}]+\\.)+(?:com|org|net|io|co|dev|app|ai|me|ly|gl|gov|edu|info|biz|us|uk|de|fr|jp)(?![a-z0-9@+-])`, 'gi');
// A t.co link ends with its slug (at most 40 characters).
const TCO = new RegExp(String.raw`^https?:\/\/t\.co\/([a-z0-9]+)${QUERY}`, 'i');
// Flags, keycaps, and pictographs with their modifiers, tags and ZWJ parts; © and ® are text unless followed by U+FE0F.
const EMOJI_PATTERN = /[\u{1F1E6}-\u{1F1FF}]{2}|[#*0-9]\uFE0F?\u20E3|(?![©®](?!\uFE0F))\p{Extended_Pictographic}(?:\p{Emoji_Modifier}|[\uFE0F\u{E0020}-\u{E007F}]|\u200D\p{Extended_Pictographic})*/gu;

/** A host label longer than 63 characters once punycoded is no host (RFC 3490); the URL parser punycodes it. */
function tooLong(label: string): boolean {
  try {
    return new URL(`http://${label}`).hostname.length > 63;
  } catch {
    return [...label].length > 58; // refused by the parser (bidi, controls): punycode is at least xn-- + label + '-'
  }
}

/** The weighted length of `text` as X counts it. */
export function weightedLength(text: string): number {
  const normalized = text.normalize('NFC');
  let links = 0;
  // Each link leaves a space (weight 1) so that what surrounds it is not read as one emoji.
  // As twitter-text scans: the character before a link is part of the match (`before`), kept as text.
  let rest = normalized.replace(URL_PATTERN, (whole: string, before: string, scheme: string | undefined, host: string, path: string | undefined) => {
    const match = whole.slice(before.length);
    if (host.split('.').some(tooLong)) return whole;
    if (scheme) {
      const tco = TCO.exec(match);
      if (tco && tco[1]!.length > 40) return whole;
      links++;
      return `${before} ${tco ? match.slice(tco[0].length) : ''}`;
    }
    // Without a scheme: each ASCII host in it is a link, with the path only after the last one.
    if (/[-_./]/.test(before)) return whole;
    const kept = host.replace(BARE_HOST, () => (links++, ' '));
    if (kept === host) return whole;
    return before + (path ? kept.slice(0, kept.lastIndexOf(' ') + 1) : kept + match.slice(host.length));
  });
  let weight = links * (URL_LENGTH - 1) * SCALE;
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

/** Why X refuses `text` as a post (twitter-text's validity, the empty text aside), or undefined. */
export function postTextProblem(text: string, max = MAX_WEIGHTED_LENGTH): string | undefined {
  if (INVALID_CHARACTERS.test(text)) return 'the text holds U+FFFE, U+FEFF or U+FFFF, which X refuses';
  const length = weightedLength(text);
  if (length > max) return `the text is ${length} weighted characters; X allows ${max}`;
}
