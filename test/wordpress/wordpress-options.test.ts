/** Every bad option of wordpress() is a TypeError at construction, naming the option and never echoing a secret. */
import { describe, expect, it } from 'vitest';
import { wordpress, type WordpressOptions } from 'everywhere/wordpress';

const good: WordpressOptions = { baseUrl: 'https://blog.example.com', username: 'support_bot', applicationPassword: 'abcd EFGH 1234 ijkl MNOP 6789' };

describe('wordpress() options', () => {
  it('accepts an https site, and http on 127.0.0.1 or localhost (WordPress takes Application Passwords there only)', async () => {
    for (const baseUrl of ['https://blog.example.com/', 'http://127.0.0.1:8080', 'http://localhost:8080']) {
      const channel = wordpress({ ...good, baseUrl, moderation: true });
      expect(channel.platform).toBe('wordpress');
      expect(channel.capabilities).toMatchObject({ post: false, reply: true, direct: false, webhooks: false });
      await channel.close();
    }
    const channel = wordpress({ ...good, baseUrl: 'https://blog.example.com/' });
    expect(channel.id).toBe('wordpress:blog.example.com:support_bot');
    await channel.close();
  });

  const bad: Array<[string, Record<string, unknown>, string]> = [
    ['an http site that is not local', { baseUrl: 'http://blog.example.com' }, 'baseUrl'],
    ['a baseUrl that is no URL', { baseUrl: 'blog.example.com' }, 'baseUrl'],
    ['a missing baseUrl', { baseUrl: undefined }, 'baseUrl'],
    ['an empty username', { username: '' }, 'username'],
    ['a username that is not a string', { username: 7 }, 'username'],
    ['an empty applicationPassword', { applicationPassword: '' }, 'applicationPassword'],
    ['an applicationPassword that is neither string nor function', { applicationPassword: 42 }, 'applicationPassword'],
    ['moderation that is not a boolean', { moderation: 'yes' }, 'moderation'],
    ['an unknown option', { password: 'secret-in-the-wrong-place' }, '(options)'],
    ['a pollIntervalMs of 0', { pollIntervalMs: 0 }, 'pollIntervalMs'],
  ];
  it.each(bad)('refuses %s', (_what, change, option) => {
    const attempt = () => wordpress({ ...good, ...change } as WordpressOptions);
    expect(attempt).toThrow(TypeError);
    try {
      attempt();
    } catch (error) {
      expect((error as Error).message).toContain(option === '(options)' ? 'wordpress()' : `'${option}'`);
      expect((error as Error).message).not.toContain('secret-in-the-wrong-place');
      expect((error as Error).message).not.toContain('abcd EFGH');
    }
  });

  it('refuses no options at all', () => {
    expect(() => wordpress(undefined as unknown as WordpressOptions)).toThrow(TypeError);
  });
});
