/**
 * Threading headers (RFC 5322 §3.6.4, https://www.rfc-editor.org/rfc/rfc5322#section-3.6.4): the pure
 * rules, then a 3-message conversation through the real servers, read back by mailparser.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { messageIds, replySubject, replyThreading, threadIdOf } from '../../src/email/email-threading.js';
import { composeCustomerMail, createEmailChannel, EmailServers } from './email-world.js';
import { requireDovecot } from './requires-dovecot.js';

describe('threading rules', () => {
  it('chains References from the parent References, else its In-Reply-To, then the parent id', () => {
    expect(replyThreading({ id: 'b@x', references: ['a@x'], inReplyTo: ['a@x'] })).toEqual({ inReplyTo: 'b@x', references: ['a@x', 'b@x'] });
    expect(replyThreading({ id: 'b@x', references: [], inReplyTo: ['a@x'] })).toEqual({ inReplyTo: 'b@x', references: ['a@x', 'b@x'] });
    expect(replyThreading({ id: 'a@x', references: [], inReplyTo: [] })).toEqual({ inReplyTo: 'a@x', references: ['a@x'] });
  });

  it('adds Re: once', () => {
    expect(replySubject('Order')).toBe('Re: Order');
    expect(replySubject('Re: Order')).toBe('Re: Order');
    expect(replySubject('RE:Order')).toBe('RE:Order');
    expect(replySubject(undefined)).toBe('Re:');
  });

  it('reads ids from a header string or from mailparser’s array, brackets removed', () => {
    expect(messageIds('<a@x> <b@x>')).toEqual(['a@x', 'b@x']);
    expect(messageIds(['<a@x>', '<b@x>'])).toEqual(['a@x', 'b@x']);
    expect(messageIds('a@x')).toEqual(['a@x']);
    expect(messageIds(undefined)).toEqual([]);
  });

  it('roots a thread at the first id of References, else the own id', () => {
    expect(threadIdOf('c@x', ['a@x', 'b@x'], ['b@x'])).toBe('a@x');
    expect(threadIdOf('a@x', [], [])).toBe('a@x');
  });
});

if (requireDovecot()) {
  const servers = new EmailServers();
  afterAll(() => servers.dispose());

  describe('a conversation on Dovecot', () => {
    it('makes a 3-message thread that mailparser reads back with the right References chain', async () => {
      await servers.start();
      const bot = servers.user('bot');
      const customer = servers.user('customer');
      const channel = createEmailChannel(servers, bot);
      try {
        const question = await composeCustomerMail({ from: `Customer <${customer.address}>`, to: bot.address, subject: 'My order', text: 'Where is order 7?' });
        await servers.appendTo(bot.user, question.raw);
        const [inbound] = await collect(channel.messages({ limit: 1 }));
        expect(inbound!.id).toBe(question.id);

        const answer = await channel.reply(inbound!, { text: 'It ships tomorrow.' });
        // The customer answers the bot's reply, as their mail client would.
        const followUp = await composeCustomerMail({
          from: customer.address,
          to: bot.address,
          subject: 'Re: My order',
          text: 'Thanks!',
          inReplyTo: answer.id,
          references: [question.id, answer.id],
        });
        await servers.appendTo(bot.user, followUp.raw);
        const [latest] = await collect(channel.messages({ limit: 1 }));
        const second = await channel.reply(latest!, { text: 'You are welcome.' });

        // What the customer received, read back from their mailbox and parsed by mailparser.
        const received = await servers.inbox(customer.user);
        expect(received).toHaveLength(2);
        const [first, last] = received;
        expect(first!.messageId).toBe(`<${answer.id}>`);
        expect(first!.inReplyTo).toBe(`<${question.id}>`);
        expect(refs(first!.references)).toEqual([`<${question.id}>`]);
        expect(first!.subject).toBe('Re: My order');
        expect(last!.inReplyTo).toBe(`<${followUp.id}>`);
        expect(refs(last!.references)).toEqual([`<${question.id}>`, `<${answer.id}>`, `<${followUp.id}>`]);
        expect(last!.subject).toBe('Re: My order');
        expect([answer.threadId, second.threadId, latest!.threadId]).toEqual([question.id, question.id, question.id]);

        // Both sides, oldest first: INBOX and the Sent copies.
        const thread = await collect(channel.thread(second));
        expect(thread.map((message) => message.id)).toEqual([question.id, answer.id, followUp.id, second.id]);
      } finally {
        await channel.close();
      }
    });
  });
}

function refs(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : value.split(/\s+/);
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

