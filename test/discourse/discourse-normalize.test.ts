/**
 * A Discourse post into a Message: text from `raw`, else from cooked HTML (read by the core htmlToText, entities
 * decoded); permalink; kinds; isSelf; and the nulls the real server sends where the OpenAPI document
 * says string (reply_to_post_number, name, avatar_template for a deleted user).
 */
import { describe, expect, it } from 'vitest';
import { postSchema } from '../../src/discourse/discourse-schemas.js';
import { normalizePost } from '../../src/discourse/normalize-post.js';
import { htmlToText } from '../../src/core/html-text.js';
import { privateMessageTitle } from '../../src/discourse/discourse-drafts.js';

const context = { channel: 'discourse:forum.example.com:support_bot', baseUrl: 'https://forum.example.com', apiUsername: 'Support_Bot' };

// A post as GET /t/{id}.json sends it: no raw, and nulls where the document says string.
const topicPost = {
  id: 812,
  username: 'support_bot',
  name: null,
  avatar_template: null,
  created_at: '2026-11-20T09:30:00.000Z',
  cooked: '<p>Fish &amp; chips &lt;3 &#x1F41F; &quot;fresh&quot;<br>\nline two</p>\n<p>second&nbsp;paragraph</p>',
  post_number: 3,
  reply_to_post_number: null,
  topic_id: 41,
  topic_slug: 'fish-and-chips',
};

describe('normalizePost', () => {
  it('accepts the nulls the server sends, and reads cooked HTML when raw is absent', async () => {
    const post = postSchema.parse(topicPost);
    const message = await normalizePost(post, context);
    expect(message).toMatchObject({
      id: '812',
      platform: 'discourse',
      kind: 'reply',
      threadId: '41',
      text: 'Fish & chips <3 🐟 "fresh"\nline two\n\nsecond paragraph',
      html: topicPost.cooked,
      url: 'https://forum.example.com/t/fish-and-chips/41/3',
      author: { id: 'support_bot', handle: 'support_bot', isSelf: true },
      createdAt: new Date('2026-11-20T09:30:00.000Z'),
      raw: post,
    });
    expect(message.parentId).toBeUndefined();
    expect(message.author.name).toBeUndefined();
    expect(message.author.avatarUrl).toBeUndefined();
  });

  it('prefers raw, names the first post a post and a private message direct', async () => {
    const first = postSchema.parse({ ...topicPost, post_number: 1, username: 'jane', name: 'Jane Doe', raw: 'Fish &amp; chips, as *written*', avatar_template: '/user_avatar/forum/jane/{size}/1.png', topic_title: 'Fish and chips on Friday' });
    expect(await normalizePost(first, context)).toMatchObject({
      kind: 'post',
      text: 'Fish &amp; chips, as *written*',
      subject: 'Fish and chips on Friday',
      author: { handle: 'jane', name: 'Jane Doe', avatarUrl: 'https://forum.example.com/user_avatar/forum/jane/96/1.png', isSelf: false },
    });
    const direct = await normalizePost(postSchema.parse({ ...topicPost, post_number: 1, topic_archetype: 'private_message' }), context);
    expect(direct.kind).toBe('direct');
    const answer = await normalizePost(postSchema.parse({ ...topicPost, reply_to_post_number: 2 }), { ...context, parentId: '811' });
    expect(answer.parentId).toBe('811');
  });

  it('refuses a post without the fields a message needs', () => {
    expect(postSchema.safeParse({ ...topicPost, id: '812' }).success).toBe(false);
    expect(postSchema.safeParse({ ...topicPost, cooked: undefined }).success).toBe(false);
  });

  it('leaves entities it does not know alone', () => {
    expect(htmlToText('<p>a &bogus; b &#xZZ; c</p>')).toBe('a &bogus; b &#xZZ; c');
  });
});

describe('private message titles', () => {
  it('uses the subject, else the first line, shortened, never shorter than Discourse accepts', () => {
    expect(privateMessageTitle({ text: 'Hello there\nsecond line', subject: '  Your invoice  ' })).toBe('Your invoice');
    expect(privateMessageTitle({ text: 'Hello there\nsecond line' })).toBe('Hello there');
    expect(privateMessageTitle({ text: 'A\nquestion about my order' })).toBe('A question about my order');
    const long = privateMessageTitle({ text: 'word '.repeat(40) });
    expect(long.length).toBe(80);
    expect(long.endsWith('…')).toBe(true);
  });
});
