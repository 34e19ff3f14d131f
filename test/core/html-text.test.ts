/** Cooked HTML to plain text, on the markup Discourse's markdown-it actually produces. */
import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../src/discourse/html-text.js';

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
    expect(htmlToText(cooked)).toBe('First line\nsecond line\n\none\ntwo\n\nsam:\n\nquoted\n\nafter the rule');
  });

  it('writes emoji images as the shortcode the author typed, and drops other images', () => {
    const cooked = '<p>Thanks <img src="/images/emoji/twitter/smile.png?v=12" title=":smile:" class="emoji" alt=":smile:" loading="lazy" width="20" height="20"> <img src="/uploads/default/original/1X/abc.png" alt="screenshot"></p>';
    expect(htmlToText(cooked)).toBe('Thanks :smile:');
  });

  it('separates table cells with tabs and rows with line breaks', () => {
    expect(htmlToText('<div class="md-table"><table><thead><tr><th>Plan</th><th>Price</th></tr></thead><tbody><tr><td>Pro</td><td>&euro;10</td></tr></tbody></table></div>')).toBe('Plan\tPrice\nPro\t€10');
  });

  it('strips tags before decoding, so escaped markup stays text', () => {
    expect(htmlToText('<p>&lt;script&gt;alert(1)&lt;/script&gt; <code>a &amp;&amp; b</code></p>')).toBe('<script>alert(1)</script> a && b');
  });
});

describe('decodeEntities', () => {
  it('decodes named and numeric references', () => {
    expect(decodeEntities('&copy; &frac12; &hellip; &#169; &#xA9; &#X1F41F; &AMP;')).toBe('© ½ … © © 🐟 &');
  });

  it('reads impossible code points as U+FFFD, as a browser does', () => {
    expect(decodeEntities('&#0; &#xD800; &#x110000;')).toBe('\ufffd \ufffd \ufffd');
  });

  it('leaves unknown names and malformed references as written', () => {
    expect(decodeEntities('&bogus; &#xZZ; & alone; &amp')).toBe('&bogus; &#xZZ; & alone; &amp');
  });
});
