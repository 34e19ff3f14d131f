/**
 * The core's OAuth 1.0a signatures (X and Flickr use them), checked against the worked example of X's documentation
 * (https://docs.x.com/resources/fundamentals/authentication/oauth-1-0a/creating-a-signature).
 */
import { describe, expect, it } from 'vitest';
import { oauth1Header, oauth1Parameters, percentEncode } from '../../src/core/oauth1.js';

const credentials = {
  consumerKey: 'xvz1evFS4wEEPTGEFPHBog',
  consumerSecret: 'kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw',
  token: '370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb',
  tokenSecret: 'LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE',
};

describe('OAuth 1.0a', () => {
  it('signs the documented example to the documented signature', async () => {
    const header = await oauth1Header(credentials, {
      method: 'POST',
      url: new URL('https://api.twitter.com/1.1/statuses/update.json?include_entities=true'),
      form: { status: 'Hello Ladies + Gentlemen, a signed OAuth request!' },
      nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg',
      timestamp: 1318622958,
    });
    expect(header).toContain(`oauth_signature="${percentEncode('hCtSmYh+iHYCEqBWrE7C7hYmtUk=')}"`);
    expect(header).toMatch(/^OAuth oauth_consumer_key="xvz1evFS4wEEPTGEFPHBog", oauth_nonce="/);
    expect(header).toContain('oauth_signature_method="HMAC-SHA1"');
  });

  it('gives the same parameters for the query string as for the header, a form field moved to the query signed alike', async () => {
    const request = { method: 'POST', nonce: 'kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg', timestamp: 1318622958 };
    const inForm = await oauth1Parameters(credentials, {
      ...request,
      url: new URL('https://api.twitter.com/1.1/statuses/update.json?include_entities=true'),
      form: { status: 'Hello Ladies + Gentlemen, a signed OAuth request!' },
    });
    expect(inForm.oauth_signature).toBe('hCtSmYh+iHYCEqBWrE7C7hYmtUk=');
    const url = new URL('https://api.twitter.com/1.1/statuses/update.json?include_entities=true');
    url.searchParams.set('status', 'Hello Ladies + Gentlemen, a signed OAuth request!');
    const inQuery = await oauth1Parameters(credentials, { ...request, url });
    expect(inQuery).toEqual(inForm);
    const other = await oauth1Parameters({ ...credentials, tokenSecret: 'another' }, { ...request, url });
    expect(other.oauth_signature).not.toBe(inForm.oauth_signature);
  });

  it('percent-encodes as RFC 3986 asks', () => {
    expect(percentEncode("Ladies + Gentlemen!*'()")).toBe('Ladies%20%2B%20Gentlemen%21%2A%27%28%29');
  });
});
