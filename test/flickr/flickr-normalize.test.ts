/**
 * A comment as flickr.photos.comments.getList documents it (its example response, in the JSON form of
 * https://www.flickr.com/services/api/response.json.html: attributes as fields, text as `_content`), and
 * the listen cursor's positions.
 */
import { describe, expect, it } from 'vitest';
import { comparePositions, formatPosition, parsePosition } from '../../src/flickr/flickr-cursor.js';
import { commentsSchema } from '../../src/flickr/flickr-schemas.js';
import { normalizeComment } from '../../src/flickr/normalize-comment.js';

const documented = {
  comments: {
    photo_id: '109722179',
    comment: [
      {
        id: '6065-109722179-72057594077818641',
        author: '35468159852@N01',
        author_is_deleted: 0,
        authorname: 'Rev Dan Catt',
        iconserver: '1',
        iconfarm: 1,
        datecreate: '1141841470',
        permalink: 'http://www.flickr.com/photos/straup/109722179/#comment72057594077818641',
        path_alias: null,
        realname: 'Daniel Catt',
        _content: "Umm, I'm not sure, can I get back to you on that one?",
      },
    ],
  },
  stat: 'ok',
};

describe('normalizeComment', () => {
  it('reads the documented example', () => {
    const [comment] = commentsSchema.parse(documented).comments.comment!;
    const message = normalizeComment(comment!, { channel: 'flickr:12037949754@N01', userId: '12037949754@N01', photoId: '109722179', title: 'A photo' });
    expect(message).toEqual({
      id: '6065-109722179-72057594077818641',
      channel: 'flickr:12037949754@N01',
      platform: 'flickr',
      kind: 'comment',
      threadId: '109722179',
      author: { id: '35468159852@N01', handle: 'Rev Dan Catt', name: 'Daniel Catt', isSelf: false, avatarUrl: 'https://farm1.staticflickr.com/1/buddyicons/35468159852@N01.jpg' },
      text: "Umm, I'm not sure, can I get back to you on that one?",
      html: "Umm, I'm not sure, can I get back to you on that one?",
      attachments: [],
      createdAt: new Date(1141841470 * 1000),
      url: 'http://www.flickr.com/photos/straup/109722179/#comment72057594077818641',
      subject: 'A photo',
      raw: comment,
    });
  });

  it("marks the account's own comment isSelf; no avatar for the default icon; a photo without comments has none", () => {
    const [comment] = commentsSchema.parse(documented).comments.comment!;
    const own = normalizeComment({ ...comment!, iconserver: '0' }, { channel: 'c', userId: '35468159852@N01', photoId: '1' });
    expect(own.author).toEqual({ id: '35468159852@N01', handle: 'Rev Dan Catt', name: 'Daniel Catt', isSelf: true });
    expect(own.subject).toBeUndefined();
    expect(commentsSchema.parse({ comments: { photo_id: '1' }, stat: 'ok' }).comments.comment).toBeUndefined();
  });
});

describe('the listen cursor', () => {
  it('orders by second, then by how many comments of that second were handled', () => {
    expect(formatPosition({ date: 1700000000, ids: ['a-1', 'a-2'] })).toBe('1700000000:a-1,a-2');
    expect(parsePosition('1700000000:a-1,a-2')).toEqual({ date: 1700000000, ids: ['a-1', 'a-2'] });
    expect(parsePosition('1700000000:')).toEqual({ date: 1700000000, ids: [] });
    expect(comparePositions('1700000000:a-1', '1700000000:a-1,a-2')).toBeLessThan(0);
    expect(comparePositions('1700000001:b-1', '1700000000:a-1,a-2')).toBeGreaterThan(0);
    expect(comparePositions('1700000000:a-1,a-2', '1700000000:a-1,a-2')).toBe(0);
  });
});
