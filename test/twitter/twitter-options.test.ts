import { describe, expect, it } from 'vitest';
import { twitter } from 'everywhere/twitter';

describe('twitter() options', () => {
  it('names the bad option in a TypeError, without echoing its value', () => {
    expect(() => twitter({} as never)).toThrow(/option 'accessToken' is invalid: give accessToken, oauth1 or oauth2/);
    expect(() => twitter({ accessToken: 'secret-value', userId: 'acme' })).toThrow(TypeError);
    expect(() => twitter({ accessToken: 'secret-value', userId: 'acme' })).toThrow(/option 'userId'/);
    const error = (() => {
      try {
        twitter({ accessToken: 'secret-value', oauth1: { consumerKey: 'k', consumerSecret: 'cs-secret', accessToken: 't', accessTokenSecret: '' } });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toMatch(/option 'oauth1.accessTokenSecret'/);
    expect(error?.message).not.toContain('cs-secret');
  });

  it('refuses unknown options and bad common options', () => {
    expect(() => twitter({ accessToken: 't', bogus: 1 } as never)).toThrow(/unknown option 'bogus'/);
    expect(() => twitter({ accessToken: 't', rateLimit: { onLimit: 'later' as never } })).toThrow(/option 'rateLimit.onLimit'/);
    expect(() => twitter({ accessToken: 't', store: {} as never })).toThrow(/option 'store'/);
    expect(() => twitter({ accessToken: 't', baseUrl: 'ftp://x' })).toThrow(/option 'baseUrl'/);
    for (const capResetDay of [0, 32, 1.5, '10' as never]) expect(() => twitter({ accessToken: 't', capResetDay })).toThrow(/option 'capResetDay'/);
    expect(twitter({ accessToken: 't', userId: '42', capResetDay: 31 }).id).toBe('twitter:42');
  });

  it('builds a channel with its id and capabilities', () => {
    const channel = twitter({ accessToken: () => 'refreshed', userId: '42' });
    expect(channel.id).toBe('twitter:42');
    expect(channel.platform).toBe('twitter');
    expect(channel.capabilities).toMatchObject({ post: true, reply: true, direct: true, maxTextLength: 280, webhooks: false });
    expect(channel.webhook).toBeUndefined();
    expect(twitter({ accessToken: 't', userId: '42', consumerSecret: 'c', id: 'twitter:acme' })).toMatchObject({ id: 'twitter:acme', capabilities: { webhooks: true } });
  });
});
