/** Every bad option of trustpilot() is a TypeError at construction, naming the option and never echoing a secret. */
import { describe, expect, it } from 'vitest';
import { trustpilot, type TrustpilotOptions } from 'everywhere/trustpilot';
import { baseOptions, BUSINESS_UNIT_ID } from './trustpilot-world.js';

const valid = (): TrustpilotOptions => ({ ...baseOptions(), accessToken: 'secret-token-value' });

describe('trustpilot() options', () => {
  it('accepts a token, a token function or oauth2 (the API key and secret as its client), and a webhook secret', () => {
    expect(trustpilot(valid()).id).toBe(`trustpilot:${BUSINESS_UNIT_ID}`);
    expect(trustpilot({ ...valid(), accessToken: () => 'from-a-function' }).capabilities).toMatchObject({ post: false, direct: false, reply: true, webhooks: false });
    const { accessToken: _, ...withoutToken } = valid();
    expect(trustpilot({ ...withoutToken, oauth2: { refreshToken: 'refresh' }, webhookSecret: 'a-long-webhook-secret-value' }).capabilities).toMatchObject({ webhooks: true, realtime: true });
  });

  const { accessToken: _, ...noToken } = valid();
  const bad: Array<[string, unknown, string]> = [
    ['no options', undefined, 'businessUnitId'],
    ['a business unit that is a domain', { ...valid(), businessUnitId: 'example.com' }, 'businessUnitId'],
    ['a business user id of the wrong form', { ...valid(), businessUserId: 'support@example.com' }, 'businessUserId'],
    ['no API key', { ...valid(), apiKey: undefined }, 'apiKey'],
    ['an empty API key', { ...valid(), apiKey: '' }, 'apiKey'],
    ['no credentials', noToken, 'accessToken'],
    ['a token and oauth2', { ...valid(), oauth2: { refreshToken: 'refresh' } }, 'oauth2'],
    ['oauth2 without the API secret', { ...noToken, apiSecret: undefined, oauth2: { refreshToken: 'refresh' } }, 'apiSecret'],
    ['oauth2 without a refresh token', { ...noToken, oauth2: {} }, 'oauth2.refreshToken'],
    ['a webhook secret too short to guess', { ...valid(), webhookSecret: 'short' }, 'webhookSecret'],
    ['a base URL that is not one', { ...valid(), baseUrl: 'api.trustpilot.com' }, 'baseUrl'],
    ['an unknown option', { ...valid(), locationId: '1' }, '(options)'],
  ];
  for (const [name, options, path] of bad) {
    it(`refuses ${name} with a TypeError naming ${path}`, () => {
      let caught: unknown;
      try {
        trustpilot(options as TrustpilotOptions);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TypeError);
      expect((caught as Error).message).toContain(`trustpilot(): option '${path}`);
      expect((caught as Error).message).not.toContain('secret-token-value');
    });
  }
});
