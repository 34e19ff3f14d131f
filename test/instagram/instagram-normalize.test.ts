import { describe, expect, it } from 'vitest';
import { normalizeComment, normalizeDirectMessage, normalizeMentionedComment, normalizeMentionMedia } from '../../src/instagram/normalize-instagram.js';

const context = { channel: 'instagram:17841400000000001', accountId: '17841400000000001' };

// Shapes as the IG Comment and conversation references show them (see src/testing/instagram for the links).
describe('Instagram normalization', () => {
  it('makes a top-level comment its own thread, parented by its media, with the media permalink', () => {
    const comment = { id: '17873440459141021', text: 'I love this!', timestamp: '2017-08-31T18:10:30+0000', from: { id: '6100000000000001', username: 'dana' }, username: 'dana', hidden: false, media: { id: '17895695668004550', media_product_type: 'FEED' } };
    expect(normalizeComment(comment, context, { id: '17895695668004550', permalink: 'https://www.instagram.com/p/Cabc/' })).toEqual({
      id: '17873440459141021',
      channel: context.channel,
      platform: 'instagram',
      kind: 'comment',
      threadId: '17873440459141021',
      parentId: '17895695668004550',
      author: { id: '6100000000000001', handle: 'dana', isSelf: false },
      text: 'I love this!',
      attachments: [],
      createdAt: new Date('2017-08-31T18:10:30Z'),
      url: 'https://www.instagram.com/p/Cabc/',
      raw: comment,
    });
  });

  it("threads a reply under its top-level comment; the account's own comment (with `user`) is isSelf", () => {
    const reply = normalizeComment({ id: '17870913679156914', text: 'thanks', timestamp: '2017-08-31T19:16:02+0000', user: { id: context.accountId }, username: 'acme.support', parent_id: '17873440459141021' }, context);
    expect(reply).toMatchObject({ threadId: '17873440459141021', parentId: '17873440459141021', author: { id: context.accountId, handle: 'acme.support', isSelf: true } });
    expect(normalizeComment({ id: '1', timestamp: '2017-08-31T19:16:02+0000', text: null }, context)).toMatchObject({ text: '', author: { id: '', isSelf: false } });
  });

  it('makes a Direct message a direct in the thread of the person (IGSID), from either side', () => {
    const inbound = { id: 'aWdfZAG1', created_time: '2024-05-01T12:00:00+0000', from: { id: '6100000000000001', username: 'dana' }, to: { data: [{ id: context.accountId, username: 'acme.support' }] }, message: 'hi' };
    expect(normalizeDirectMessage(inbound, context)).toMatchObject({ kind: 'direct', threadId: '6100000000000001', author: { id: '6100000000000001', handle: 'dana', isSelf: false }, text: 'hi' });
    const outbound = { ...inbound, from: { id: context.accountId, username: 'acme.support' }, to: { data: [{ id: '6100000000000001', username: 'dana' }] } };
    expect(normalizeDirectMessage(outbound, context)).toMatchObject({ threadId: '6100000000000001', author: { isSelf: true } });
  });

  it('makes a tagging post a post of its owner (by username), and a mentioning comment a comment on that media', () => {
    const media = { id: '17900000000000001', caption: 'With @acme.support', timestamp: '2024-05-01T12:00:00+0000', username: 'fay', permalink: 'https://www.instagram.com/p/Cxyz/' };
    expect(normalizeMentionMedia(media, context)).toMatchObject({ kind: 'post', threadId: media.id, author: { id: 'fay', handle: 'fay', isSelf: false }, text: 'With @acme.support', url: media.permalink });
    const answer = { id: context.accountId, mentioned_comment: { id: '17800000000000002', text: '@acme.support hi', timestamp: '2024-05-01T12:00:00+0000', media: { id: media.id } } };
    expect(normalizeMentionedComment(answer, context)).toMatchObject({ kind: 'comment', threadId: '17800000000000002', parentId: media.id, raw: answer });
  });
});
