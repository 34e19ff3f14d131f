/**
 * Plain text from HTML, as a person reads the rendered page. One function for every adapter: Discourse's
 * cooked posts and mail bodies (Gmail, Outlook and the rest). A platform that sends plain text with & < >
 * escaped (X) needs only the decoding of html-entities.ts, and its bundle carries only that.
 *
 * - Whitespace collapses as a browser collapses it, except inside <pre>. &nbsp; reads as a space.
 * - Paragraph-like blocks (p, h1-h6, blockquote, pre, table, hr, top-level lists, aside) are separated
 *   by one blank line; line-like blocks (div, li, tr, ...) start a new line; <br> is a line break. Gmail
 *   writes a blank line as <div><br></div>, so it stays one. Outlook's Word paragraphs (class Mso...) are
 *   lines, not paragraphs: Word's stylesheet gives them no margin, its blank lines are paragraphs of &nbsp;.
 *   Runs of blank lines read as one.
 * - List items are "- item" or "1. item", nested lists indented by two spaces; table cells are separated
 *   by a tab, rows by a line break.
 * - Quotes are kept, each line prefixed "> " per level: <blockquote> (Gmail's gmail_quote, Discourse's
 *   quote, whose "username:" title stays above it), and Outlook's reply history, which has no blockquote:
 *   everything from its reply header (div#divRplyFwdMsg on the web, the border-top header div on
 *   desktop) to the end.
 * - A link reads as its text, followed by " <url>" when it points elsewhere on the web than its text says
 *   (a relative link, such as a Discourse @mention, reads as its text alone). A Discourse onebox preview
 *   reads as one line: its title and link.
 * - An image reads as its alt (else title) text in brackets, "[screenshot]"; an emoji image as its alt
 *   alone (Discourse writes the :shortcode: there, Gmail the emoji character); an image without either
 *   is not read. Script, style, title, head, comments and elements styled display:none are not read.
 */
import { decodeEntities } from './html-entities.js';

// A comment (Outlook's <!--[if mso]> included), a <!doctype>/<![if ...]>/<?xml?>, a tag, a run of text, or a lone '<'.
// A '<' never appears inside a tag (escapers write &lt;, even in attribute values), so a tag that does not close
// fails at the next '<' and the scan stays linear on any input.
const TOKEN = /<!--[\s\S]*?(?:-->|$)|<[!?][^>]*>?|<(\/?)([a-zA-Z][^\s/<>]*)((?:[^<>"']|"[^"<]*"|'[^'<]*')*)>|[^<]+|</g;
const UNREAD = /^(?:script|style|title|template|head)$/;
const VOID = /^(?:img|br|hr|input|meta|link|area|base|col|embed|source|track|wbr)$/;
const PARAGRAPH = /^(?:h[1-6]|table|hr|dl|figure|aside)$/;
const LINE = /^(?:div|li|tr|dt|dd|section|article|header|footer|main|nav|address|figcaption|details|summary|form|fieldset|center|caption|legend|body)$/;
// Where Outlook's quoted history starts: the web's reply header, or desktop Word's header box (a top border, 3pt padding).
const OUTLOOK_HISTORY = /\bid\s*=\s*["']?divRplyFwdMsg\b|border-top:\s*solid[^>]*?padding:\s*3\.0pt/i;
const COLLAPSIBLE = /[ \t\n\r\f]+/g; // HTML whitespace; not \s, which would collapse &nbsp; too

export function htmlToText(html: string): string {
  const text = new PlainText();
  const token = new RegExp(TOKEN.source, 'g'); // a fresh lastIndex: a onebox title is read by a nested call
  for (let match = token.exec(html); match; match = token.exec(html)) {
    const [whole, closing, tagName, attributes = ''] = match;
    if (tagName === undefined) {
      if (whole[0] !== '<' || whole.length === 1) text.write(decodeEntities(whole));
      continue;
    }
    const name = tagName.toLowerCase();
    if (closing) {
      text.close(name);
    } else if (UNREAD.test(name)) {
      const end = new RegExp(`</${name}\\s*>`, 'gi');
      end.lastIndex = token.lastIndex;
      // An unclosed <head> is ended by the body a browser finds after it; the others run to the end.
      token.lastIndex = end.exec(html) ? end.lastIndex : name === 'head' ? token.lastIndex : html.length;
    } else {
      const className = attribute(attributes, 'class') ?? '';
      if (name === 'aside' && /\bonebox\b/.test(className)) {
        text.close('aside');
        text.write(oneboxLine(skipElement(html, token, name), attributes));
        text.close('aside');
      } else if (/display:\s*none/i.test(attribute(attributes, 'style') ?? '') || (text.inLink() && /\bmeta\b/.test(className))) {
        // Unseen: hidden mail preheaders, and the file name and size Discourse overlays on a lightbox image.
        if (!VOID.test(name)) skipElement(html, token, name);
      } else {
        text.open(name, attributes, className);
      }
    }
  }
  return text.toString();
}

interface Link {
  href: string;
  text: string;
  image: boolean;
}

/** The lines of text being written, with the quote, list and <pre> state that decides how each one starts. */
class PlainText {
  private readonly lines: string[] = [];
  private line = '';
  private prefixLength = 0;
  private started = false;
  private lastBlank = true; // true at the start, so no blank line comes first
  private lastQuotes = 0;
  private gap = false;
  private space = false;
  private quotes = 0;
  private history = false;
  private readonly lists: { ordered: boolean; next: number }[] = [];
  private marker = '';
  private cells = 0;
  private pre = 0;
  private preStart = false;
  private paragraphGap = true;
  private link: Link | undefined;

  inLink(): boolean {
    return this.link !== undefined;
  }

  open(name: string, attributes: string, className: string): void {
    if (name === 'br') return this.lineBreak();
    if (name === 'img') return this.image(attributes, className);
    if (name === 'a') {
      this.link = { href: decodeEntities(attribute(attributes, 'href') ?? ''), text: '', image: false };
    } else if (name === 'td' || name === 'th') {
      if (this.cells++ > 0) {
        this.start();
        this.line += '\t';
        this.space = false;
      }
    } else if (name === 'div' && !this.history && OUTLOOK_HISTORY.test(attributes)) {
      this.end(true);
      this.history = true;
    } else if (name === 'ul' || name === 'ol') {
      this.end(this.lists.length === 0);
      this.lists.push({ ordered: name === 'ol', next: parseInt(attribute(attributes, 'start') ?? '', 10) || 1 });
    } else if (name === 'li') {
      this.end(false);
      const list = this.lists.at(-1);
      this.marker = list?.ordered ? `${list.next++}. ` : '- ';
    } else if (name === 'tr') {
      this.end(false);
      this.cells = 0;
    } else if (name === 'blockquote') {
      this.end(true);
      this.quotes++;
    } else if (name === 'pre') {
      this.end(true);
      this.pre++;
      this.preStart = true;
    } else if (name === 'p') {
      this.paragraphGap = !/\bMso/.test(className);
      this.end(this.paragraphGap);
    } else if (PARAGRAPH.test(name)) {
      this.end(true);
    } else if (LINE.test(name)) {
      this.end(false);
    }
  }

  close(name: string): void {
    if (name === 'a') return this.endLink();
    if (name === 'ul' || name === 'ol') {
      this.lists.pop();
      this.end(this.lists.length === 0);
    } else if (name === 'blockquote') {
      this.end(true);
      if (this.quotes > 0) this.quotes--;
    } else if (name === 'pre') {
      this.end(true);
      if (this.pre > 0) this.pre--;
    } else if (name === 'p') {
      this.end(this.paragraphGap);
    } else if (PARAGRAPH.test(name)) {
      this.end(true);
    } else if (LINE.test(name)) {
      this.end(false);
    }
  }

  /** Decoded text: collapsed as a browser does, or kept line by line inside <pre>. */
  write(value: string): void {
    if (this.link) this.link.text += value;
    if (this.pre > 0) return this.writePre(value);
    const collapsed = value.replace(COLLAPSIBLE, ' ');
    const leading = collapsed[0] === ' ';
    const trailing = collapsed.length > 1 && collapsed.endsWith(' ');
    const words = collapsed.slice(leading ? 1 : 0, trailing ? -1 : undefined);
    if (!words) {
      this.space ||= leading;
      return;
    }
    if (!this.started) this.start();
    else if (this.space || leading) this.line += ' ';
    this.line += words;
    this.space = trailing;
  }

  toString(): string {
    this.end(false);
    return this.lines
      .join('\n')
      .replace(/\u00a0/g, ' ')
      .replace(/[ \t]+$/gm, '')
      .replace(/^\n+|\n+$/g, '');
  }

  private writePre(value: string): void {
    // A browser drops the line break that directly follows <pre>.
    const text = value.replace(/\r\n?/g, '\n').replace(this.preStart ? /^\n/ : /^$/, '');
    this.preStart = false;
    text.split('\n').forEach((part, index) => {
      if (index > 0) this.lineBreak();
      if (!part) return;
      this.start();
      this.line += part;
    });
  }

  private image(attributes: string, className: string): void {
    const alt = decodeEntities(attribute(attributes, 'alt') || attribute(attributes, 'title') || '').replace(COLLAPSIBLE, ' ').trim();
    if (!alt) return;
    if (this.link) this.link.image = true;
    this.write(/\bemoji\b/.test(className) || /\sdata-emoji\b/i.test(attributes) ? alt : `[${alt}]`);
  }

  private endLink(): void {
    const link = this.link;
    this.link = undefined;
    if (!link || link.image || !/^https?:\/\//i.test(link.href)) return;
    const text = comparable(link.text);
    if (text && text !== comparable(link.href)) this.write(` <${link.href}>`);
  }

  private get depth(): number {
    return this.quotes + (this.history ? 1 : 0);
  }

  /** Opens the current line: the blank line a paragraph asked for, then the quote and list prefix. */
  private start(): void {
    if (this.started) return;
    if (this.gap && !this.lastBlank) this.push('> '.repeat(Math.min(this.depth, this.lastQuotes)), true);
    this.gap = false;
    const indent = '  '.repeat(Math.max(this.lists.length - (this.marker ? 1 : 0), 0));
    this.line = '> '.repeat(this.depth) + indent + this.marker;
    this.prefixLength = this.line.length;
    this.marker = '';
    this.started = true;
    this.space = false;
  }

  private lineBreak(): void {
    this.start();
    this.push(this.line, false);
    this.started = false;
  }

  /** Ends a block: closes the open line, and asks for a blank line before the next one when `gap`. */
  private end(gap: boolean): void {
    if (this.started) this.push(this.line, false);
    this.started = false;
    this.space = false;
    this.gap ||= gap;
  }

  private push(line: string, blank: boolean): void {
    // A line of nothing but spaces (Outlook's &nbsp; paragraphs) is a blank line; outside <pre>, one in a row.
    const empty = blank || line.slice(this.prefixLength).trim() === '';
    if (empty && this.pre === 0) {
      if (this.lastBlank) return;
      line = (blank ? line : '> '.repeat(this.depth)).trimEnd();
    }
    this.lines.push(line);
    this.lastBlank = empty;
    this.lastQuotes = this.depth;
  }
}

/** A Discourse onebox preview as one line: its title (a link) when it has one, else the address it previews. */
function oneboxLine(inner: string, attributes: string): string {
  const heading = /<h[1-6]\b[^>]*>([\s\S]*?)<\/h[1-6]\s*>/i.exec(inner);
  const title = heading ? htmlToText(heading[1] ?? '').replace(/\s+/g, ' ') : '';
  return title || decodeEntities(attribute(attributes, 'data-onebox-src') ?? attribute(inner, 'href') ?? '');
}

/** Moves the tokenizer past the element just opened (same-name elements nested in it counted); returns its inner HTML. */
function skipElement(html: string, token: RegExp, name: string): string {
  const tags = new RegExp(`<(/?)${name.replace(/\W/g, '\\$&')}(?=[\\s/>])(?:[^<>"']|"[^"<]*"|'[^'<]*')*>`, 'gi');
  tags.lastIndex = token.lastIndex;
  let depth = 1;
  let found = tags.exec(html);
  for (; found; found = tags.exec(html)) {
    depth += found[1] ? -1 : 1;
    if (depth === 0) break;
  }
  const start = token.lastIndex;
  token.lastIndex = found ? tags.lastIndex : html.length;
  return html.slice(start, found ? found.index : html.length);
}

function comparable(text: string): string {
  return text.trim().toLowerCase().replace(/^(?:https?:\/\/)?(?:www\.)?|\/$/g, '');
}

const attributePatterns: Record<string, RegExp> = {};

function attribute(tag: string, name: string): string | undefined {
  const pattern = (attributePatterns[name] ??= new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  const match = pattern.exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}
