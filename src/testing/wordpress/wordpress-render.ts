/**
 * How WordPress shows a comment's text (content.rendered): the comment_text filters, in short.
 * HTML special characters escaped (kses keeps little of a visitor's HTML), apostrophes between
 * letters made typographic as wptexturize does ("it's" → "it&#8217;s"), then wpautop: blank lines
 * separate <p> paragraphs, single line breaks become <br />.
 */
export function renderComment(content: string): string {
  const escaped = content.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/(\w)'(\w)/g, '$1&#8217;$2');
  const paragraphs = escaped
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  return paragraphs.map((paragraph) => `<p>${paragraph.replace(/\n/g, '<br />\n')}</p>\n`).join('');
}

/** A post title as the REST API renders it (title.rendered): escaped, quotes texturized. */
export function renderTitle(title: string): string {
  return title.replace(/&/g, '&#038;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/(\w)'(\w)/g, '$1&#8217;$2');
}
