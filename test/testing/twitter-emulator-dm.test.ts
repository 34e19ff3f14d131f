/**
 * Group DMs in the X emulator, as X's OpenAPI document (specs/openapi.json 2.167) defines them:
 * POST /2/dm_conversations (conversation_type Group, 2-49 participant_ids, a first message),
 * POST /2/dm_conversations/{dm_conversation_id}/messages, and events carrying the group's dm_conversation_id.
 */
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TwitterEmulator, twitterHandlers } from '../../src/testing/twitter/index.js';

const BASE = 'https://api.x.com';
const TOKEN = 'dm-test-token';
const server = setupServer();
let emulator: TwitterEmulator;

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  emulator = new TwitterEmulator({ accessToken: TOKEN });
  server.resetHandlers(...twitterHandlers(emulator));
});

async function call(path: string, json?: unknown) {
  const init: RequestInit = { headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } };
  if (json !== undefined) Object.assign(init, { method: 'POST', body: JSON.stringify(json) });
  const response = await fetch(BASE + path, init);
  return { status: response.status, body: (await response.json()) as any };
}

describe('group DMs', () => {
  it('creates a group with POST /2/dm_conversations and lists its events under one numeric conversation id', async () => {
    const alice = emulator.addUser({ username: 'alice' });
    const bob = emulator.addUser({ username: 'bob' });
    const created = await call('/2/dm_conversations', { conversation_type: 'Group', participant_ids: [alice.id, bob.id], message: { text: 'hello both' } });
    expect(created.status).toBe(201);
    const conversation = created.body.data.dm_conversation_id as string;
    expect(conversation).toMatch(/^\d+$/);
    expect(emulator.participants(conversation).sort()).toEqual([alice.id, bob.id, emulator.self.id].sort());
    emulator.directMessage({ from: 'alice', text: 'hi from alice', conversation });
    const events = await call(`/2/dm_conversations/${conversation}/dm_events?dm_event.fields=dm_conversation_id,sender_id`);
    expect(events.status).toBe(200);
    expect(events.body.data.map((event: any) => [event.text, event.dm_conversation_id])).toEqual([
      ['hi from alice', conversation],
      ['hello both', conversation],
    ]);
    const all = await call('/2/dm_events?dm_event.fields=dm_conversation_id');
    expect(all.body.data.map((event: any) => event.dm_conversation_id)).toEqual([conversation, conversation]);
  });

  it('answers in a group with POST /2/dm_conversations/{id}/messages', async () => {
    const conversation = emulator.groupConversation(['alice', 'bob']);
    const sent = await call(`/2/dm_conversations/${conversation}/messages`, { text: 'to the group' });
    expect(sent.status).toBe(201);
    expect(sent.body.data.dm_conversation_id).toBe(conversation);
    expect(emulator.dmEvents.at(-1)).toMatchObject({ id: sent.body.data.dm_event_id, dm_conversation_id: conversation, sender_id: emulator.self.id, text: 'to the group' });
  });

  it('refuses bad group requests with 400, an unknown conversation with 404, a group without the bot with 403', async () => {
    const alice = emulator.addUser({ username: 'alice' });
    const bob = emulator.addUser({ username: 'bob' });
    const carol = emulator.addUser({ username: 'carol' });
    const cases: unknown[] = [
      { conversation_type: 'OneToOne', participant_ids: [alice.id, bob.id], message: { text: 'x' } },
      { conversation_type: 'Group', participant_ids: [alice.id], message: { text: 'x' } },
      { conversation_type: 'Group', participant_ids: [alice.id, bob.id] },
      { conversation_type: 'Group', participant_ids: [alice.id, bob.id], message: {} },
      { conversation_type: 'Group', participant_ids: [alice.id, bob.id], message: { text: 'x' }, extra: 1 },
      { conversation_type: 'Group', participant_ids: [alice.id, 'bob'], message: { text: 'x' } },
    ];
    for (const body of cases) {
      const answer = await call('/2/dm_conversations', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.type).toBe('https://api.twitter.com/2/problems/invalid-request');
    }
    const conversation = emulator.groupConversation(['alice', 'bob']);
    expect((await call(`/2/dm_conversations/${conversation}/messages`, {})).status).toBe(400);
    expect((await call(`/2/dm_conversations/${conversation}/messages`, { text: 'x', media_ids: [] })).status).toBe(400);
    expect((await call('/2/dm_conversations/123456789012345678/messages', { text: 'x' })).status).toBe(404);
    expect((await call(`/2/dm_conversations/${alice.id}-${carol.id}/messages`, { text: 'x' })).status).toBe(403);
    expect(emulator.dmEvents).toHaveLength(0);
  });
});
