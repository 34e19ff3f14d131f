/** email() options: a TypeError naming the option, and never the password it was given. */
import { describe, expect, it } from 'vitest';
import { email, type EmailOptions } from '../../src/email/index.js';

const PASSWORD = 'hunter2-very-secret';
const valid: EmailOptions = {
  address: 'support@example.test',
  imap: { host: '127.0.0.1', port: 1143, secure: false, auth: { user: 'support', pass: PASSWORD } },
  smtp: { host: '127.0.0.1', port: 2525, secure: false, auth: { user: 'support', pass: PASSWORD } },
};

function typeErrorOf(options: unknown): TypeError {
  try {
    email(options as EmailOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return error as TypeError;
  }
  throw new Error('expected a TypeError');
}

describe('email() options', () => {
  it('creates a channel without connecting, with the capabilities of email', async () => {
    const channel = email(valid);
    expect(channel.platform).toBe('email');
    expect(channel.id).toBe('email:support@example.test');
    expect(channel.capabilities).toMatchObject({ post: false, reply: true, direct: true, html: true, attachments: true, realtime: true, webhooks: false });
    await channel.close();
  });

  it.each([
    ['address', { ...valid, address: 'not an address' }],
    ['imap.port', { ...valid, imap: { ...valid.imap, port: 0 } }],
    ['imap.auth.pass', { ...valid, imap: { ...valid.imap, auth: { user: 'support', pass: '' } } }],
    ['smtp.host', { ...valid, smtp: { ...valid.smtp, host: '' } }],
    ['smtp.secure', { ...valid, smtp: { ...valid.smtp, secure: 'yes' } }],
    ['mailbox', { ...valid, mailbox: '' }],
  ])("names the option '%s'", (path, options) => {
    const error = typeErrorOf(options);
    expect(error.message).toContain(`'${path}'`);
    expect(JSON.stringify({ message: error.message, stack: error.stack })).not.toContain(PASSWORD);
  });

  const TOKEN = 'ya29.token-very-secret';
  const REFRESH = '1//refresh-very-secret';
  const oauth2 = { clientId: 'client', clientSecret: 'client-secret-value', refreshToken: REFRESH, tokenUrl: 'https://oauth2.googleapis.com/token' };
  it.each([
    ['imap.auth', { ...valid, imap: { ...valid.imap, auth: { user: 'support' } } }, /give pass or accessToken, or the oauth2 option/],
    ['smtp.auth', { ...valid, smtp: { ...valid.smtp, auth: { user: 'support' } } }, /give pass or accessToken, or the oauth2 option/],
    ['imap.auth', { ...valid, imap: { ...valid.imap, auth: { user: 'support', pass: PASSWORD, accessToken: TOKEN } } }, /either pass or accessToken/],
    ['smtp.auth.accessToken', { ...valid, smtp: { ...valid.smtp, auth: { user: 'support', accessToken: 42 } } }, /./],
    ['imap.insecure', { ...valid, imap: { ...valid.imap, insecure: 'yes' } }, /./],
    ['smtp.tls', { ...valid, smtp: { ...valid.smtp, tls: 'ca.pem' } }, /Node TLS options/],
    ['oauth2.tokenUrl', { ...valid, oauth2: { ...oauth2, tokenUrl: undefined } }, /./],
    ['oauth2.tokenUrl', { ...valid, oauth2: { ...oauth2, tokenUrl: 'oauth2.googleapis.com/token' } }, /./],
    ['oauth2.refreshToken', { ...valid, oauth2: { ...oauth2, refreshToken: '' } }, /./],
  ])("names the credential option '%s', echoing no secret", (path, options, reason) => {
    const error = typeErrorOf(options);
    expect(error.message).toContain(`'${path}'`);
    expect(error.message).toMatch(reason);
    for (const secret of [PASSWORD, TOKEN, REFRESH, 'client-secret-value']) expect(`${error.message} ${error.stack}`).not.toContain(secret);
  });

  it('takes an access token (a string or a function), TLS options, insecure, and a managed oauth2 for { user } logins', async () => {
    const channels = [
      email({ ...valid, imap: { ...valid.imap, insecure: true, tls: { ca: 'PEM' }, auth: { user: 'support', accessToken: TOKEN } }, smtp: { ...valid.smtp, auth: { user: 'support', accessToken: () => TOKEN } } }),
      email({ ...valid, imap: { ...valid.imap, auth: { user: 'support' } }, smtp: { ...valid.smtp, auth: { user: 'support' } }, oauth2 }),
    ];
    for (const channel of channels) {
      expect(channel.platform).toBe('email');
      await channel.close();
    }
  });

  it('never echoes a password given in the wrong place', () => {
    const error = typeErrorOf({ ...valid, imap: { ...valid.imap, auth: { user: 'support', pass: PASSWORD, password: PASSWORD } } });
    expect(error.message).toContain('imap.auth');
    expect(`${error.message} ${error.stack}`).not.toContain(PASSWORD);
  });
  it.each([
    ['a name with a space', { 'X Bad': '1' }, /not a header name/],
    ['a name with a colon', { 'X-Bad:': '1' }, /not a header name/],
    ['a value with a line break', { 'X-Ok': 'a\r\nBcc: victim@example.test' }, /without line breaks/],
    ['From', { From: 'ceo@example.test' }, /written by the channel itself/],
    ['message-id, in any case', { 'message-id': '<x@y>' }, /written by the channel itself/],
    ['Auto-Submitted', { 'Auto-Submitted': 'no' }, /written by the channel itself/],
    ['Content-Type', { 'Content-Type': 'text/html' }, /written by the channel itself/],
  ])("refuses headers with %s: a TypeError naming 'headers'", (_what, headers, reason) => {
    const error = typeErrorOf({ ...valid, headers });
    expect(error.message).toContain("'headers'");
    expect(error.message).toMatch(reason);
  });

  it('accepts headers of the user\'s own', async () => {
    const channel = email({ ...valid, headers: { 'X-Ticket-System': 'acme', 'Reply-To': 'help@example.test' } });
    await channel.close();
  });
  it("refuses an alias that is not an address, and a replyAll that is not a boolean, naming the option", () => {
    expect(typeErrorOf({ ...valid, aliases: ['help at example'] }).message).toContain("'aliases.0'");
    expect(typeErrorOf({ ...valid, replyAll: 'yes' }).message).toContain("'replyAll'");
  });
});
