import { describe, expect, it } from 'vitest';
import { AuthError, ChannelError, NetworkError, PlatformError, RateLimitError } from '../../src/index.js';
import { redactText } from '../../src/core/redact.js';

const options = { platform: 'twitter', channel: 'twitter:acme' } as const;

describe('errors', () => {
  it('are ChannelErrors with a code, and typed subclasses', () => {
    const error = new RateLimitError('spent', { ...options, resetAt: new Date(5) });
    expect(error).toBeInstanceOf(ChannelError);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).not.toBeInstanceOf(AuthError);
    expect(error).toMatchObject({ code: 'rate_limited', platform: 'twitter', channel: 'twitter:acme', name: 'RateLimitError' });
  });

  it('are recognized across two copies of the package by their brand', () => {
    const foreign = Object.assign(new Error('x'), { [Symbol.for('everywhere.ChannelError')]: true });
    expect(ChannelError.isInstance(foreign)).toBe(true);
    expect(foreign instanceof ChannelError).toBe(true);
    expect(ChannelError.isInstance(new Error('plain'))).toBe(false);
  });

  it('never carry a secret in message, cause or JSON', () => {
    const secret = 'tok-123456789';
    const cause = Object.assign(new Error(`GET https://graph.facebook.com/me?access_token=${secret} failed`), {
      headers: { authorization: `Bearer ${secret}` },
      cause: new Error(`Authorization: Bearer ${secret}`),
    });
    const error = new AuthError(`refused token ${secret}`, { ...options, status: 401, cause, secrets: [secret] });
    const everything = [error.message, error.stack, JSON.stringify(error), JSON.stringify(error.cause), String(error.cause), String((error.cause as Error).cause)].join('\n');
    expect(everything).not.toContain(secret);
    expect(error.message).toContain('[redacted]');
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ code: 'auth', status: 401, name: 'AuthError' });
  });

  it('scrub well-known secret shapes even when the value is unknown', () => {
    expect(redactText('url?access_token=abc&x=1 Authorization: Bearer zzz api-key: kkk')).toBe(
      'url?access_token=[redacted]&x=1 Authorization: [redacted] api-key: [redacted]',
    );
  });

  it('carry platform codes and maybeDelivered', () => {
    const error = new PlatformError('refused', { ...options, platformCode: 10, platformSubcode: 2018278, maybeDelivered: false });
    expect(error).toMatchObject({ code: 'platform', platformCode: 10, platformSubcode: 2018278, maybeDelivered: false });
    expect(new NetworkError('reset', { ...options, maybeDelivered: true }).maybeDelivered).toBe(true);
  });
});
