/** Every bad option of googleBusiness() is a TypeError at construction, naming the option and never echoing a secret. */
import { describe, expect, it } from 'vitest';
import { googleBusiness, type GoogleBusinessOptions } from 'everywhere/google-business';
import { ACCOUNT_ID, LOCATION_ID } from './google-business-world.js';

const valid: GoogleBusinessOptions = { accountId: ACCOUNT_ID, locationId: LOCATION_ID, accessToken: 'ya29.secret-token-value' };
const oauth2 = { clientId: 'client', clientSecret: 'client-secret', refreshToken: 'refresh-token' };

describe('googleBusiness() options', () => {
  it('accepts a token, a token function or oauth2, one location or several; reviews only: it cannot post or send direct messages', () => {
    expect(googleBusiness(valid).id).toBe(`google-business:${ACCOUNT_ID}:${LOCATION_ID}`);
    expect(googleBusiness({ ...valid, accessToken: () => 'ya29.from-a-function' }).platform).toBe('google-business');
    expect(googleBusiness({ accountId: ACCOUNT_ID, locationIds: ['1', '2'], oauth2 }).id).toBe(`google-business:${ACCOUNT_ID}:1+2`);
    expect(googleBusiness(valid).capabilities).toMatchObject({ post: false, direct: false, reply: true, attachments: false, webhooks: false });
  });

  const bad: Array<[string, unknown, string]> = [
    ['no options', undefined, 'accountId'],
    ['an account given as a resource name', { ...valid, accountId: `accounts/${ACCOUNT_ID}` }, 'accountId'],
    ['no location', { accountId: ACCOUNT_ID, accessToken: 'ya29.secret-token-value' }, 'locationId'],
    ['a location and a list of locations', { ...valid, locationIds: ['1'] }, 'locationId'],
    ['a location that is not a number', { ...valid, locationId: 'my-shop' }, 'locationId'],
    ['an empty list of locations', { accountId: ACCOUNT_ID, locationIds: [], accessToken: 'ya29.secret-token-value' }, 'locationIds'],
    ['more than 200 locations', { accountId: ACCOUNT_ID, locationIds: Array.from({ length: 201 }, (_, index) => String(index + 1)), accessToken: 'ya29.secret-token-value' }, 'locationIds'],
    ['no credentials', { accountId: ACCOUNT_ID, locationId: LOCATION_ID }, 'accessToken'],
    ['an empty token', { ...valid, accessToken: '' }, 'accessToken'],
    ['a token and oauth2', { ...valid, oauth2 }, 'oauth2'],
    ['oauth2 without a refresh token', { accountId: ACCOUNT_ID, locationId: LOCATION_ID, oauth2: { clientId: 'client' } }, 'oauth2.refreshToken'],
    ['a base URL that is not one', { ...valid, baseUrl: 'mybusiness.googleapis.com' }, 'baseUrl'],
    ['an unknown option', { ...valid, apiKey: 'AIza-key' }, '(options)'],
  ];
  for (const [name, options, path] of bad) {
    it(`refuses ${name} with a TypeError naming ${path}`, () => {
      let caught: unknown;
      try {
        googleBusiness(options as GoogleBusinessOptions);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TypeError);
      expect((caught as Error).message).toContain(`googleBusiness(): option '${path}`);
      expect((caught as Error).message).not.toContain('secret-token-value');
    });
  }
});
