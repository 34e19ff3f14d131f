/**
 * Plain text from Discourse's cooked HTML: tags stripped, block ends as line breaks, emoji images as
 * their `:shortcode:` (what the author typed), entities decoded. Cooked HTML is markdown-it output
 * (https://github.com/discourse/discourse/tree/main/app/assets/javascripts/discourse-markdown-it):
 * it escapes only & < > " and writes other characters as themselves, so a short table of named
 * entities covers it; numeric references are decoded in full.
 */

// The named references worth knowing in forum text (https://html.spec.whatwg.org/multipage/named-characters.html).
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad',
  hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·', prime: '′', Prime: '″',
  copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×', divide: '÷', micro: 'µ', para: '¶', sect: '§',
  euro: '€', pound: '£', yen: '¥', cent: '¢', iexcl: '¡', iquest: '¿',
  frac12: '½', frac14: '¼', frac34: '¾', sup1: '¹', sup2: '²', sup3: '³',
  larr: '←', rarr: '→', uarr: '↑', darr: '↓', harr: '↔', rArr: '⇒', check: '✓',
};

// Blocks end with a blank line; list items and table rows with a line break; cells with a tab.
const BLOCK_END = /<\/(p|div|h[1-6]|blockquote|pre|ul|ol|table|aside|details|summary)>\s*/gi;
const LINE_END = /<\/(li|tr|dt|dd)>\s*/gi;

export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<img\b[^>]*>/gi, (tag) => (/\bclass="[^"]*\bemoji\b/i.test(tag) ? attribute(tag, 'alt') ?? '' : ''))
      .replace(/<br\s*\/?>\n?/gi, '\n')
      .replace(/<hr\s*\/?>\n?/gi, '\n\n')
      .replace(/<\/t[dh]>\s*(?=<t[dh][\s>])/gi, '\t')
      .replace(LINE_END, '\n')
      .replace(BLOCK_END, '\n\n') // last: its `\s*` may swallow the line breaks above, never the reverse
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Named (case-sensitive, as HTML) and numeric character references; unknown names stay as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z][a-zA-Z0-9]*);/g, (entity, name: string) => {
    if (name[0] !== '#') return NAMED[name] ?? NAMED[name.toLowerCase()] ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    // Zero, surrogates and values past Unicode become U+FFFD, as an HTML parser reads them.
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
  });
}

function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}
