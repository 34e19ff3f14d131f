/**
 * Mail over STARTTLS and XOAUTH2 on real servers: Dovecot checking each token with its oauth2 passdb
 * against a token server on 127.0.0.1, and smtp-server with AUTH XOAUTH2. A mail sent with a token
 * arrives and is read by listen(); a token function is called again for each new connection; a
 * refused token is an AuthError that shows no token.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthError, MemoryStore, type Channel, type Message } from '../../src/index.js';
import { rejection, take, until } from '../conformance/helpers.js';
import { requireDovecot } from './requires-dovecot.js';
import { requireOpenssl } from './test-certificate.js';
import { TlsMailServers } from './tls-world.js';

if (requireDovecot() && requireOpenssl()) {
  const servers = new TlsMailServers();
  const channels: Channel[] = [];
  const controllers: AbortController[] = [];
  beforeAll(() => servers.start(), 30_000);
  afterEach(async () => {
    controllers.splice(0).forEach((controller) => controller.abort());
    await Promise.all(channels.splice(0).map((channel) => channel.close()));
  });
  afterAll(() => servers.dispose());

  function open(channel: Channel): Channel {
    channels.push(channel);
    return channel;
  }

  /** The texts listen() delivers, read on until `text` comes (the bot's INBOX holds earlier tests' mail too). */
  async function readUntil(iterator: AsyncIterator<Message>, text: string, timeoutMs: number): Promise<string[]> {
    const texts: string[] = [];
    while (!texts.includes(text)) texts.push(...(await take(iterator, 1, timeoutMs)).map((message) => message.text.trim()));
    return texts;
  }

  async function history(channel: Channel): Promise<Message[]> {
    const messages: Message[] = [];
    for await (const message of channel.messages({ limit: 50 })) messages.push(message);
    return messages;
  }

  describe('email over STARTTLS with XOAUTH2', () => {
    it('sends with a token through smtp-server, and listen() reads the mail from Dovecot with another', async () => {
      const botToken = servers.tokens.issue('bot');
      const customerToken = servers.tokens.issue('customer');
      const bot = open(servers.channel('bot', { user: 'bot', accessToken: botToken }));
      const customer = open(servers.channel('customer', { user: 'customer', accessToken: customerToken }));
      const controller = new AbortController();
      controllers.push(controller);
      const iterator = bot.listen({ signal: controller.signal, since: new Date(Date.now() - 60_000) })[Symbol.asyncIterator]();
      const loginsBefore = servers.relay.logins.length;

      await customer.send({ to: 'bot@example.test', subject: 'Order 7', text: 'Where is my parcel?' });
      const [received] = await take(iterator, 1, 20_000);
      expect(received!.text.trim()).toBe('Where is my parcel?');
      expect(received!.author.handle).toBe('customer@example.test');
      // The relay saw the customer's token over TLS; Dovecot asked the token server about the bot's.
      expect(servers.relay.logins.slice(loginsBefore)).toEqual([{ method: 'XOAUTH2', user: 'customer', accessToken: customerToken, secure: true }]);
      expect(servers.tokens.introspected).toContain(botToken);

      // The answer goes back the same way, and the customer reads it over IMAP with its token.
      await bot.reply(received!, { text: 'It left the warehouse today.' });
      const answers = (await history(customer)).filter((message) => message.text.includes('It left the warehouse today.'));
      expect(answers).toHaveLength(1);
      expect(servers.tokens.introspected).toContain(customerToken);
    }, 40_000);

    it('calls a token function for each new connection: each one logs in with the token current then', async () => {
      let current = servers.tokens.issue('bot');
      const calls: string[] = [];
      const bot = open(servers.channel('bot', { user: 'bot', accessToken: () => (calls.push(current), current) }));
      const first = current;
      await history(bot); // the command connection logs in with the first token

      // The token changes and the old one stops working. listen() opens a new IDLE connection: it
      // logs in with the new token, while the command connection, logged in already, goes on.
      servers.tokens.revoke(first);
      current = servers.tokens.issue('bot');
      const second = current;
      const controller = new AbortController();
      controllers.push(controller);
      const iterator = bot.listen({ signal: controller.signal, since: new Date(Date.now() - 60_000) })[Symbol.asyncIterator]();
      const reading = readUntil(iterator, 'Still there?', 20_000);
      await until(() => servers.tokens.introspected.includes(second), 10_000, 'the IDLE connection logging in');
      await servers.deliver(['bot@example.test'], Buffer.from('From: customer@example.test\r\nTo: bot@example.test\r\nSubject: Hi\r\nMessage-ID: <token-function@example.test>\r\n\r\nStill there?\r\n'));
      await reading;
      expect(servers.tokens.introspected.filter((token) => token === first || token === second)).toEqual([first, second]);
      expect(calls).toEqual([first, second]);

      // SMTP opens a connection per mail: each send logs in with the token of its time.
      const loginsBefore = servers.relay.logins.length;
      await bot.send({ to: 'customer@example.test', subject: 'One', text: 'first' });
      current = servers.tokens.issue('bot');
      const third = current;
      await bot.send({ to: 'customer@example.test', subject: 'Two', text: 'second' });
      expect(servers.relay.logins.slice(loginsBefore).map((login) => login.accessToken)).toEqual([second, third]);
      expect(calls).toEqual([first, second, second, third]);
    }, 40_000);

    it('mail that arrives while the IDLE connection is still logging in comes at once, not at the next poll a minute later', async () => {
      const token = servers.tokens.issue('bot');
      let held: Promise<void> | undefined;
      let release = () => {};
      let logins = 0;
      // A token function that holds the IDLE connection's login until the mail is in the mailbox.
      const bot = open(servers.channel('bot', { user: 'bot', accessToken: async () => ((logins += 1), await held, token) }));
      await history(bot); // the command connection, which polls, is logged in
      held = new Promise((resolve) => (release = resolve));
      const loginsBefore = logins;
      const controller = new AbortController();
      controllers.push(controller);
      const iterator = bot.listen({ signal: controller.signal })[Symbol.asyncIterator]();
      const reading = readUntil(iterator, 'Are you open on Sunday?', 15_000);
      await until(() => logins > loginsBefore, 10_000, 'the IDLE connection asking for its token');
      await new Promise((resolve) => setTimeout(resolve, 300)); // room for a first poll that did not wait for IDLE
      await servers.deliver(['bot@example.test'], Buffer.from('From: customer@example.test\r\nTo: bot@example.test\r\nSubject: Sunday\r\nMessage-ID: <idle-login-gap@example.test>\r\n\r\nAre you open on Sunday?\r\n'));
      release();
      expect((await reading).filter((text) => text === 'Are you open on Sunday?')).toHaveLength(1);
    }, 40_000);

    it('refreshes a managed token the server refused, once, and logs in again on IMAP and SMTP', async () => {
      const refused = servers.tokens.issue('bot');
      servers.tokens.revoke(refused); // not expired, yet refused: revoked, or one side's clock is off
      const oauth2 = { clientId: 'mail-client', refreshToken: servers.tokens.grant('bot'), accessToken: refused, expiresAt: new Date(Date.now() + 3_600_000), tokenUrl: `${servers.tokens.url}/token` };
      const bot = open(servers.channel('bot', { user: 'bot' }, { oauth2, store: new MemoryStore() }));
      const events: { accessToken: string }[] = [];
      bot.on('tokens', (tokens: { accessToken: string }) => events.push(tokens));
      const refreshesBefore = servers.tokens.refreshes;
      const loginsBefore = servers.relay.logins.length;

      await history(bot);
      expect(servers.tokens.refreshes - refreshesBefore).toBe(1);
      expect(events).toHaveLength(1);
      const fresh = events[0]!.accessToken;
      expect(servers.tokens.introspected.filter((token) => token === refused || token === fresh)).toEqual([refused, fresh]);

      // SMTP takes the same keeper's token: no second refresh.
      await bot.send({ to: 'customer@example.test', subject: 'Managed', text: 'sent with the refreshed token' });
      expect(servers.relay.logins.slice(loginsBefore).map((login) => login.accessToken)).toEqual([fresh]);
      expect(servers.tokens.refreshes - refreshesBefore).toBe(1);
    }, 30_000);

    it('refreshes an expired managed token before the login, so the server never sees it', async () => {
      const expired = servers.tokens.issue('bot');
      const oauth2 = { clientId: 'mail-client', refreshToken: servers.tokens.grant('bot'), accessToken: expired, expiresAt: new Date(Date.now() - 1000), tokenUrl: `${servers.tokens.url}/token` };
      const bot = open(servers.channel('bot', { user: 'bot' }, { oauth2 }));
      const refreshesBefore = servers.tokens.refreshes;
      await history(bot);
      await bot.send({ to: 'customer@example.test', subject: 'Managed', text: 'after an early refresh' });
      expect(servers.tokens.refreshes - refreshesBefore).toBe(1);
      expect(servers.tokens.introspected).not.toContain(expired);
      expect(servers.relay.logins.map((login) => login.accessToken)).not.toContain(expired);
    }, 30_000);

    it('ends with AuthError reauthorize: true when the refresh is refused, showing no token', async () => {
      const refused = servers.tokens.issue('bot');
      servers.tokens.revoke(refused);
      const unknownGrant = 'rt-never-granted';
      const oauth2 = { clientId: 'mail-client', clientSecret: 'mail-client-secret', refreshToken: unknownGrant, accessToken: refused, tokenUrl: `${servers.tokens.url}/token` };
      const bot = open(servers.channel('bot', { user: 'bot' }, { oauth2 }));
      for (const error of [await rejection(history(bot)), await rejection(bot.send({ to: 'customer@example.test', text: 'hello' }))]) {
        expect(error).toBeInstanceOf(AuthError);
        expect((error as AuthError).reauthorize).toBe(true);
        const shown = JSON.stringify(error) + String((error as Error).stack) + JSON.stringify((error as Error).cause ?? null);
        for (const secret of [refused, unknownGrant, 'mail-client-secret']) expect(shown).not.toContain(secret);
      }
      // listen() ends with it: a person must consent again.
      const controller = new AbortController();
      controllers.push(controller);
      const ended = await rejection(bot.listen({ signal: controller.signal })[Symbol.asyncIterator]().next());
      expect(ended).toBeInstanceOf(AuthError);
      expect((ended as AuthError).reauthorize).toBe(true);
    }, 30_000);

    it('throws AuthError for a refused token, with neither the token nor its SASL forms in it', async () => {
      const revoked = servers.tokens.issue('bot');
      servers.tokens.revoke(revoked);
      const bot = open(servers.channel('bot', { user: 'bot', accessToken: revoked }));
      const xoauth2 = Buffer.from(`user=bot\x01auth=Bearer ${revoked}\x01\x01`).toString('base64');
      const loginsBefore = servers.relay.logins.length;
      const dataBefore = servers.relay.dataCommands;
      for (const error of [await rejection(history(bot)), await rejection(bot.send({ to: 'customer@example.test', text: 'hello' }))]) {
        expect(error).toBeInstanceOf(AuthError);
        const shown = JSON.stringify(error) + String((error as Error).stack) + JSON.stringify((error as Error).cause ?? null);
        for (const secret of [revoked, xoauth2]) expect(shown).not.toContain(secret);
      }
      // Refused at AUTH (nodemailer answers a refused XOAUTH2 once more with the same token), never into DATA.
      expect(servers.relay.logins.slice(loginsBefore).every((login) => login.accessToken === revoked)).toBe(true);
      expect(servers.relay.dataCommands).toBe(dataBefore);
    }, 30_000);
  });
}
