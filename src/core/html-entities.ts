/**
 * Character references of HTML, decoded: `decodeEntities` for HTML (htmlToText reads text and attribute
 * values with it), `decodeBasicEntities` for plain text a platform escaped as XML does (X post text).
 */

// The named references worth knowing in forum and mail text (https://html.spec.whatwg.org/multipage/named-characters.html).
// Escaping tools write & < > " ' and leave other characters as themselves, so a short table covers them.
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad', zwnj: '\u200c', zwj: '\u200d',
  ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', hellip: '…', mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’',
  sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«', raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•',
  middot: '·', prime: '′', Prime: '″', copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', times: '×',
  divide: '÷', micro: 'µ', para: '¶', sect: '§', euro: '€', pound: '£', yen: '¥', cent: '¢', iexcl: '¡',
  iquest: '¿', frac12: '½', frac14: '¼', frac34: '¾', sup1: '¹', sup2: '²', sup3: '³', larr: '←', rarr: '→',
  uarr: '↑', darr: '↓', harr: '↔', rArr: '⇒', check: '✓',
};

/** Named (case-sensitive, as HTML) and numeric character references, in one pass; unknown names stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z][a-zA-Z0-9]*);/g, (entity, name: string) => {
    if (name[0] !== '#') return known(name) ?? known(name.toLowerCase()) ?? entity;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    // Zero, surrogates and values past Unicode become U+FFFD, as an HTML parser reads them.
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : String.fromCodePoint(code);
  });
}

/**
 * Only the five references of XML (&amp; &lt; &gt; &quot; &apos;), in one pass, for plain text that a platform
 * escaped as those (X escapes &, < and >): all that text needs, without the table of names in its bundle.
 */
export function decodeBasicEntities(text: string): string {
  if (!text.includes('&')) return text; // most posts: no scan by the regex at all (normalize's hot path)
  return text.replace(/&(amp|lt|gt|quot|apos);/g, (_, name: string) => BASIC[name] ?? '');
}

const BASIC: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

// Own names only: &constructor; or &toString; must not find Object.prototype's members.
function known(name: string): string | undefined {
  return Object.hasOwn(NAMED, name) ? NAMED[name] : undefined;
}
