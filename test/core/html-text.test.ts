/**
 * HTML to plain text, as a person reads the rendered page: on real rendered HTML (Discourse cooked posts,
 * a Gmail and two Outlook mails in test/fixtures/html, each beside the text expected of it), then rule by rule.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBasicEntities, decodeEntities } from '../../src/core/html-entities.js';
import { htmlToText } from '../../src/core/html-text.js';

const fixtures = new URL('../fixtures/html/', import.meta.url);
const pages = readdirSync(fixtures).filter((name) => name.endsWith('.html'));

describe('htmlToText on rendered HTML', () => {
  it('has the fixtures the brief names: Discourse posts, a Gmail mail and an Outlook mail', () => {
    expect(pages).toEqual(expect.arrayContaining(['discourse-mention-emoji.html', 'discourse-quote.html', 'discourse-onebox.html', 'discourse-lightbox.html', 'gmail-reply.html', 'outlook-desktop-reply.html', 'outlook-web-reply.html']));
  });

  it.each(pages)('%s reads as the .txt beside it', (name) => {
    const expected = readFileSync(new URL(name.replace(/\.html$/, '.txt'), fixtures), 'utf8').replace(/\n$/, '');
    expect(htmlToText(readFileSync(new URL(name, fixtures), 'utf8'))).toBe(expected);
  });
});

describe('htmlToText', () => {
  it('keeps paragraphs, line breaks, list items and quotes apart', () => {
    const cooked = [
      '<p>First line<br>',
      'second line</p>',
      '<ul>',
      '<li>one</li>',
      '<li>two</li>',
      '</ul>',
      '<aside class="quote no-group" data-username="sam"><div class="title">sam:</div><blockquote><p>quoted</p></blockquote></aside>',
      '<hr>',
      '<p>after the rule</p>',
    ].join('\n');
    expect(htmlToText(cooked)).toBe('First line\nsecond line\n\n- one\n- two\n\nsam:\n\n> quoted\n\nafter the rule');
  });

  it('writes emoji images as their alt text, other images as their alt (else title) in brackets, and skips the rest', () => {
    const cooked = '<p>Thanks <img src="/images/emoji/twitter/smile.png?v=12" title=":smile:" class="emoji" alt=":smile:" loading="lazy" width="20" height="20"> <img src="/uploads/default/original/1X/abc.png" alt="screenshot"> <img src="/x.png" title="diagram"> <img src="/avatar.png" alt=""></p>';
    expect(htmlToText(cooked)).toBe('Thanks :smile: [screenshot] [diagram]');
    expect(htmlToText('<p>Merci <img data-emoji="🙏" class="an1" alt="🙏" src="https://fonts.gstatic.com/x.png"></p>')).toBe('Merci 🙏');
  });

  it('separates table cells with tabs and rows with line breaks', () => {
    expect(htmlToText('<div class="md-table"><table><thead><tr><th>Plan</th><th>Price</th></tr></thead><tbody><tr><td>Pro</td><td>&euro;10</td></tr></tbody></table></div>')).toBe('Plan\tPrice\nPro\t€10');
  });

  it('reads tags before entities, so escaped markup stays text', () => {
    expect(htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt; <code>a &amp;&amp; b</code></p>')).toBe('<script>alert(1)</script> a && b');
  });

  it('collapses whitespace as a browser does, across inline tags, and reads &nbsp; as a space that does not collapse', () => {
    expect(htmlToText('  <p>\n  one   <b> two</b>\t<i>three </i>four\r\n</p>  ')).toBe('one two three four');
    expect(htmlToText('<p>a&nbsp;&nbsp;b &#160; c</p>')).toBe('a  b   c');
    expect(htmlToText('<span>no</span><span>space</span>')).toBe('nospace');
  });

  it('keeps whitespace and line breaks inside <pre>, drops the line break right after it, and quotes it inside a blockquote', () => {
    expect(htmlToText('<pre><code>\nif (a) {\n\n\n    b();\n}</code></pre><p>after</p>')).toBe('if (a) {\n\n\n    b();\n}\n\nafter');
    expect(htmlToText('<blockquote><pre>x  y\nz</pre></blockquote>')).toBe('> x  y\n> z');
  });

  it('writes list items on their own lines, numbered from the list start, nested lists indented', () => {
    expect(htmlToText('<ol start="3"><li>three<ul><li>sub</li><li>sub two</li></ul></li><li>four<br>more</li></ol><p>end</p>')).toBe('3. three\n  - sub\n  - sub two\n4. four\n  more\n\nend');
  });

  it('prefixes each quoted line by its depth, and reads a blank line inside a quote as ">"', () => {
    expect(htmlToText('<p>reply</p><blockquote><p>one</p><blockquote><p>two</p></blockquote><p>three</p></blockquote>')).toBe('reply\n\n> one\n>\n> > two\n>\n> three');
  });

  it('reads one blank line for any run of empty lines: <div><br></div>, &nbsp; paragraphs, several <br>', () => {
    expect(htmlToText('<div>a</div><div><br></div><div><br></div><div>b</div>')).toBe('a\n\nb');
    expect(htmlToText('<p>a</p><p>&nbsp;</p><p>&nbsp;</p><p>b</p>')).toBe('a\n\nb');
    expect(htmlToText('a<br><br><br><br>b')).toBe('a\n\nb');
  });

  it('does not read script, style, title, head, comments, Outlook conditional comments or elements styled display:none', () => {
    const page = '<!DOCTYPE html><html><head><title>Title</title><meta charset="utf-8"><style>p { color: red }</style></head><body><!--[if mso]><p>only in Word</p><![endif]--><![if !supportLists]><p>shown</p><![endif]><script>document.write("<p>x</p>")</script><div style="display:none;max-height:0">preheader</div><img style="display: none" alt="pixel"><p>body</p></body></html>';
    expect(htmlToText(page)).toBe('shown\n\nbody');
    expect(htmlToText('<p>before</p><script>never closed')).toBe('before');
  });

  it('writes a link as its text, and its address after it in <> when that is a web address other than the text', () => {
    expect(htmlToText('<a href="https://example.com/guide">the guide</a>')).toBe('the guide <https://example.com/guide>');
    expect(htmlToText('<a href="https://example.com/">example.com</a> <a href="https://www.example.com/a">https://www.example.com/a</a>')).toBe('example.com https://www.example.com/a');
    expect(htmlToText('<a class="mention" href="/u/sam">@sam</a> <a href="mailto:ann@example.com">Ann</a>')).toBe('@sam Ann');
    expect(htmlToText('<a href="https://example.com/full.png"><img alt="photo"></a> <a href="https://example.com/empty"></a>')).toBe('[photo]');
  });

  it('reads a onebox as one line: its title and link, else the address it previews', () => {
    expect(htmlToText('<aside class="onebox" data-onebox-src="https://example.com/a"><article class="onebox-body"><p>No title</p></article></aside>')).toBe('https://example.com/a');
    expect(htmlToText('<p>see</p><aside class="onebox"><article class="onebox-body"><h3><a href="https://example.com/b">B &amp; C</a></h3><p>summary</p></article></aside><p>end</p>')).toBe('see\n\nB & C <https://example.com/b>\n\nend');
  });

  it('quotes Outlook history from its reply header to the end, and not a new mail whose signature follows appendonsend', () => {
    expect(htmlToText('<div>ok</div><hr><div id="divRplyFwdMsg" dir="ltr"><b>From:</b> A<br><b>Subject:</b> S</div><div>old</div>')).toBe('ok\n\n> From: A\n> Subject: S\n> old');
    expect(htmlToText('<div class="WordSection1"><p class="MsoNormal">Hi Dana.</p><div id="appendonsend"></div><div id="Signature"><p>Vernon</p></div></div>')).toBe('Hi Dana.\n\nVernon');
  });

  it('reads text that is not markup as text: a lone <, a quoted > in an attribute, unclosed and stray tags', () => {
    expect(htmlToText('<p>1 < 2 and 3 > 2 <3</p>')).toBe('1 < 2 and 3 > 2 <3');
    expect(htmlToText('<p><img alt="a > b" class="x"> ok</p>')).toBe('[a > b] ok');
    expect(htmlToText('</strong><p>one<b>two')).toBe('onetwo');
    expect(htmlToText('')).toBe('');
    expect(htmlToText('plain text, no tags')).toBe('plain text, no tags');
  });

  it('reads a tag that never closes as text, and still reads the tags after it', () => {
    expect(htmlToText('<p>a <img alt="unclosed> b</p><p>c</p>')).toBe('a <img alt="unclosed> b\n\nc');
    expect(htmlToText('<a "'.repeat(20_000) + '<p>end</p>')).toContain('end');
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric references', () => {
    expect(decodeEntities('&copy; &frac12; &hellip; &#169; &#xA9; &#X1F41F; &AMP; &#39; &#x1F600;')).toBe('© ½ … © © 🐟 & \' 😀');
  });

  it('reads impossible code points as U+FFFD, as a browser does', () => {
    expect(decodeEntities('&#0; &#xD800; &#x110000;')).toBe('\ufffd \ufffd \ufffd');
  });

  it('leaves unknown names and malformed references as written', () => {
    expect(decodeEntities('&bogus; &#xZZ; & alone; &amp')).toBe('&bogus; &#xZZ; & alone; &amp');
  });

  it('knows only its own names, not the members every object inherits', () => {
    expect(decodeEntities('&constructor; &toString; &hasOwnProperty;')).toBe('&constructor; &toString; &hasOwnProperty;');
    expect(decodeBasicEntities('&constructor; &valueOf;')).toBe('&constructor; &valueOf;');
  });

  it('decodes in one pass, so an escaped reference stays a reference', () => {
    expect(decodeEntities('&amp;lt; &amp;amp;')).toBe('&lt; &amp;');
  });
});

describe('decodeBasicEntities (X post text: plain text with & < > escaped)', () => {
  it('decodes the five references of XML, in one pass, and nothing else', () => {
    expect(decodeBasicEntities('Fish &amp; chips &lt;3 &gt; &quot;x&quot; &apos;y&apos; &amp;lt;b&amp;gt; &copy; &#x1F41F; &AMP;')).toBe('Fish & chips <3 > "x" \'y\' &lt;b&gt; &copy; &#x1F41F; &AMP;');
  });

  it('leaves what looks like a tag alone: it is what the person wrote', () => {
    expect(decodeBasicEntities('a &lt;b&gt; c <i>d</i>')).toBe('a <b> c <i>d</i>');
  });
});
