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

  it('never echoes a password given in the wrong place', () => {
    const error = typeErrorOf({ ...valid, imap: { ...valid.imap, auth: { user: 'support', pass: PASSWORD, password: PASSWORD } } });
    expect(error.message).toContain('imap.auth');
    expect(`${error.message} ${error.stack}`).not.toContain(PASSWORD);
  });
});
