/** X as its users see it: the timeline of posts (threads by conversation_id) and the bot's DMs. */
import type { Sandbox } from '../../testing/sandbox.js';
import type { SandboxRow } from '../row.js';
import { handleOf, parseTime, type PlatformFace } from './platform-face.js';

export const twitterFace: PlatformFace = {
  platform: 'twitter',
  label: 'X',
  kinds: ['mention', 'post', 'reply', 'dm'],
  emulator: (sandbox) => sandbox.twitter.emulator,
  view(sandbox: Sandbox): SandboxRow[] {
    const emulator = sandbox.twitter.emulator;
    const name = (id: string) => `@${emulator.users.get(id)?.username ?? id}`;
    const rows: SandboxRow[] = emulator.tweets.map((tweet) => ({
      id: `twitter:${tweet.id}`,
      platform: 'twitter',
      place: 'timeline',
      threadId: tweet.conversation_id,
      author: name(tweet.author_id),
      isBot: tweet.author_id === emulator.self.id,
      text: tweet.note_tweet?.text ?? tweet.text,
      at: parseTime(tweet.created_at),
      nativeId: tweet.id,
    }));
    for (const event of emulator.dmEvents) {
      rows.push({
        id: `twitter:dm:${event.id}`,
        platform: 'twitter',
        place: 'dm',
        threadId: event.dm_conversation_id,
        author: name(event.sender_id),
        isBot: event.sender_id === emulator.self.id,
        text: event.text,
        at: parseTime(event.created_at),
        nativeId: event.id,
      });
    }
    return rows;
  },
  act(sandbox, action) {
    const emulator = sandbox.twitter.emulator;
    const from = handleOf(action.customer);
    if (action.kind === 'dm') {
      const event = emulator.directMessage({ from, text: action.text });
      return { nativeId: event.id, threadId: event.dm_conversation_id };
    }
    const input = { from, text: action.text, ...(action.inReplyTo ? { inReplyTo: action.inReplyTo } : {}) };
    const tweet = action.kind === 'post' ? emulator.post(input) : emulator.mention(input);
    return { nativeId: tweet.id, threadId: tweet.conversation_id };
  },
  writeFailure: { match: { method: 'POST' }, status: 503, body: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status: 503 } },
  rateLimited: (resetAt) => ({
    status: 429,
    body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
    headers: { 'x-rate-limit-limit': '0', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(Math.ceil(resetAt / 1000)) },
  }),
  expireToken: () =>
    "the sandbox's X account signs with a fixed token that does not expire; the emulator's revoke(refreshToken) ends an OAuth 2.0 grant (sandbox.twitter.oauth2Options()) and tokenLifetimeMs sets how long its access tokens last",
};
