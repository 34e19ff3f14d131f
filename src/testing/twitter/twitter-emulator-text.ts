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

/*
 * Stored text as X stores it (PLATFORMS.md "What the real platforms do"; X's OpenAPI document,
 * version 2.167, Post.display_text_range, Post.entities.urls, Post.note_post / classic note_tweet):
 * a reply starts with the auto-inserted `@handle`s of the conversation, and `display_text_range`
 * ([inclusive start, exclusive end], in code points) marks the visible part; every URL becomes a
 * `https://t.co/...` link expanded by an `entities.urls` entry; `&`, `<`, `>` are stored escaped.
 * A post over 280 weighted characters (Premium accounts, up to 25,000:
 * https://help.x.com/en/using-x/x-premium) keeps its whole text in `note_tweet` and the first 280
 * in `text`. Indices count code points of the stored (escaped) text.
 */
export const MAX_LONG_POST_LENGTH = 25_000;

export interface UrlEntity {
  start: number;
  end: number;
  url: string;
  expanded_url: string;
  display_url: string;
}

export interface StoredText {
  text: string;
  display_text_range: [number, number];
  entities?: { urls: UrlEntity[] };
  note_tweet?: { text: string; entities?: { urls: UrlEntity[] } };
}

const ESCAPED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const LEADING_MENTION = /^@([A-Za-z0-9_]{1,15})\s+/;
const codePoints = (text: string) => [...text].length;
const unescaped = (text: string) => text.replace(/&(amp|lt|gt);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>' })[name]!);

/** The t.co link X would mint for `url`: ten base-62 characters, the same for the same URL. */
function shortLink(url: string): string {
  let hash = 0x811c9dc5;
  let slug = '';
  for (let round = 0; slug.length < 10; round++) {
    for (const character of `${round}${url}`) hash = Math.imul(hash ^ character.codePointAt(0)!, 0x01000193) >>> 0;
    slug += '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'[hash % 62];
  }
  return `https://t.co/${slug}`;
}

/** How X stores `draft`, posted as a reply that auto-mentions `replyHandles` (none for a new post). */
export function storeText(draft: string, replyHandles: string[]): StoredText {
  // Leading mentions of the people the reply goes to become part of the hidden prefix, never twice.
  const handles = new Set(replyHandles.map((handle) => handle.toLowerCase()));
  let visible = draft;
  for (let match = LEADING_MENTION.exec(visible); match && handles.has(match[1]!.toLowerCase()); match = LEADING_MENTION.exec(visible)) {
    visible = visible.slice(match[0].length);
  }
  const prefix = replyHandles.map((handle) => `@${handle} `).join('');
  let full = prefix;
  const urls: UrlEntity[] = [];
  let done = 0;
  for (const match of visible.matchAll(new RegExp(URLS.source, 'giu'))) {
    const original = match[0].replace(/[.,!?;:'")\]]+$/, '');
    full += escape(visible.slice(done, match.index));
    done = match.index + original.length;
    const link = shortLink(original);
    const start = codePoints(full);
    full += link;
    const bare = original.replace(/^https?:\/\//i, '');
    const display = bare.replace(/^www\./i, '');
    urls.push({ start, end: start + link.length, url: link, expanded_url: bare === original ? `http://${original}` : original, display_url: display.length > 26 ? `${display.slice(0, 25)}…` : display });
  }
  full += escape(visible.slice(done));
  const text = weightedLength(unescaped(full)) <= MAX_WEIGHTED_LENGTH ? full : firstWeighted(full, urls);
  const stored: StoredText = { text, display_text_range: [codePoints(prefix), codePoints(text)] };
  const shown = urls.filter((url) => url.end <= codePoints(text));
  if (shown.length > 0) stored.entities = { urls: shown };
  if (text !== full) stored.note_tweet = { text: full, ...(urls.length > 0 ? { entities: { urls } } : {}) };
  return stored;
}

function escape(text: string): string {
  return text.replace(/[&<>]/g, (character) => ESCAPED[character]!);
}

/** The longest start of `full` that weighs at most 280, cut neither inside a link nor inside an escape. */
function firstWeighted(full: string, urls: UrlEntity[]): string {
  const characters = [...full];
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (weightedLength(unescaped(characters.slice(0, middle).join(''))) <= MAX_WEIGHTED_LENGTH) low = middle;
    else high = middle - 1;
  }
  let end = low;
  for (const url of urls) if (url.start < end && end < url.end) end = url.start;
  const cut = characters.slice(0, end).join('');
  return cut.replace(/&[a-z]{0,3}$/, '');
}
