/** Every bad option of flickr() is a TypeError at construction, naming the option and never echoing a secret. */
import { describe, expect, it } from 'vitest';
import { flickr, type FlickrOptions } from 'everywhere/flickr';

const good: FlickrOptions = {
  userId: '10000001@N01',
  oauth1: { consumerKey: 'key', consumerSecret: 'consumer-secret-value', token: '72157-token', tokenSecret: 'token-secret-value' },
};

describe('flickr() options', () => {
  it('accepts good options, with a baseUrl too', async () => {
    const channel = flickr({ ...good, baseUrl: 'http://127.0.0.1:9999/services/' });
    expect(channel.id).toBe('flickr:10000001@N01');
    expect(channel.capabilities).toMatchObject({ post: false, reply: true, direct: false });
    await channel.close();
  });

  it.each<[string, unknown, RegExp]>([
    ['no options', undefined, /option '(userId|\(options\))'/],
    ['a userId that is not an NSID', { ...good, userId: 'acme' }, /option 'userId'/],
    ['no oauth1', { userId: good.userId }, /option 'oauth1'/],
    ['an empty consumer key', { ...good, oauth1: { ...good.oauth1, consumerKey: '' } }, /option 'oauth1.consumerKey'/],
    ['no consumer secret', { ...good, oauth1: { ...good.oauth1, consumerSecret: undefined } }, /option 'oauth1.consumerSecret'/],
    ['a token that is not a string', { ...good, oauth1: { ...good.oauth1, token: 42 } }, /option 'oauth1.token'/],
    ['an empty token secret', { ...good, oauth1: { ...good.oauth1, tokenSecret: '' } }, /option 'oauth1.tokenSecret'/],
    ['an unknown oauth1 field', { ...good, oauth1: { ...good.oauth1, verifier: 'x' } }, /option 'oauth1'/],
    ['a baseUrl that is not http(s)', { ...good, baseUrl: 'ftp://example.com' }, /option 'baseUrl'/],
    ['an unknown option', { ...good, apiKey: 'x' }, /option '(\(options\)|apiKey)'/],
    ['a bad poll interval', { ...good, pollIntervalMs: -1 }, /option 'pollIntervalMs'/],
  ])('%s → TypeError', (_name, options, pattern) => {
    let caught: unknown;
    try {
      flickr(options as FlickrOptions);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TypeError);
    expect((caught as Error).message).toMatch(pattern);
    expect((caught as Error).message).not.toContain('secret-value');
  });
});
