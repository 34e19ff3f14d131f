import { describe, expect, it } from 'vitest';
import { AuthError, NotFoundError, PlatformError } from '../../src/index.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { rejection } from '../conformance/helpers.js';
import { createFacebook } from './facebook-world.js';

function everything(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  return [error.message, error.stack, JSON.stringify(error), JSON.stringify(cause), String(cause), (cause as Error | undefined)?.stack].join('\n');
}

describe('Graph errors', () => {
  it('code 190 is an AuthError, with the token nowhere in it (message, JSON, cause)', async () => {
    const emulator = new FacebookEmulator();
    const token = 'EAAB-expired-page-token-0123456789';
    const channel = createFacebook(emulator, { pageAccessToken: () => token });
    const error = (await rejection(channel.send({ text: 'Hello from the Page' }))) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.code).toBe('auth');
    expect(error.message).toContain('Invalid OAuth access token');
    expect(everything(error)).not.toContain(token);
    expect(emulator.count('POST', '/v26.0/1000000001/feed')).toBe(1); // not retried
  });

  it('redacts a token that Graph echoes in a URL of its message, and keeps code, subcode and fbtrace_id', async () => {
    const emulator = new FacebookEmulator();
    const token = emulator.pageAccessToken;
    emulator.fail({
      status: 400,
      body: { error: { message: `(#100) Invalid parameter in https://graph.facebook.com/v26.0/1/feed?access_token=${token}&appsecret_proof=abc123`, type: 'OAuthException', code: 100, error_subcode: 1349125, fbtrace_id: 'AbCdEf123' } },
    });
    const channel = createFacebook(emulator);
    const error = (await rejection(channel.send({ text: 'An update' }))) as PlatformError;
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ platformCode: 100, platformSubcode: 1349125, details: { fbtrace_id: 'AbCdEf123' }, status: 400 });
    expect(error.platformMessage).toContain('access_token=[redacted]');
    expect(everything(error)).not.toContain(token);
    expect(everything(error)).not.toContain('abc123');
  });

  it('a token a function returns is scrubbed even when Graph echoes it bare', async () => {
    const emulator = new FacebookEmulator();
    emulator.fail({ status: 400, body: { error: { message: `token ${emulator.pageAccessToken} was refused`, type: 'OAuthException', code: 190, fbtrace_id: 'X' } } });
    const channel = createFacebook(emulator, { pageAccessToken: async () => emulator.pageAccessToken });
    const error = (await rejection(channel.send({ text: 'An update' }))) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(everything(error)).not.toContain(emulator.pageAccessToken);
  });

  it('a missing object is a NotFoundError', async () => {
    const emulator = new FacebookEmulator();
    const channel = createFacebook(emulator);
    const error = await rejection((async () => { for await (const message of channel.thread('1000000001_999')) void message; })());
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it('an error body of any shape is still a typed error', async () => {
    const emulator = new FacebookEmulator();
    emulator.fail({ status: 400, body: '<html>Bad gateway?</html>', headers: { 'content-type': 'text/html' } });
    emulator.fail({ status: 400, body: { error: 'just a string' } });
    const channel = createFacebook(emulator);
    expect(await rejection(channel.send({ text: 'one' }))).toBeInstanceOf(PlatformError);
    expect(await rejection(channel.send({ text: 'two' }))).toBeInstanceOf(PlatformError);
  });
});
