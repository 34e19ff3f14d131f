import { describe, expect, it } from 'vitest';
import { facebook, type FacebookOptions } from '../../src/facebook/index.js';

const valid: FacebookOptions = { pageId: '1000000001', pageAccessToken: 'EAAB-page-token-secret' };

function typeError(options: unknown): TypeError {
  try {
    facebook(options as FacebookOptions);
  } catch (error) {
    return error as TypeError;
  }
  throw new Error('expected a TypeError');
}

describe('facebook() options', () => {
  it('builds a channel with its id, platform and capabilities', () => {
    const channel = facebook(valid);
    expect(channel.id).toBe('facebook:1000000001');
    expect(channel.platform).toBe('facebook');
    expect(channel.capabilities).toMatchObject({ post: true, reply: true, direct: true, webhooks: false });
    expect(channel.webhook).toBeUndefined();
    const withWebhooks = facebook({ ...valid, appSecret: 'app-secret-value', verifyToken: 'verify-value' });
    expect(withWebhooks.capabilities.webhooks).toBe(true);
    expect(typeof withWebhooks.webhook).toBe('function');
  });

  it.each([
    [{ ...valid, pageId: 'acme' }, 'pageId'],
    [{ ...valid, pageId: undefined }, 'pageId'],
    [{ ...valid, pageAccessToken: '' }, 'pageAccessToken'],
    [{ ...valid, pageAccessToken: 42 }, 'pageAccessToken'],
    [{ ...valid, apiVersion: '21' }, 'apiVersion'],
    [{ ...valid, baseUrl: 'ftp://graph.example' }, 'baseUrl'],
    [{ ...valid, appSecret: '' }, 'appSecret'],
    [{ ...valid, rateLimit: { onLimit: 'later' } }, 'rateLimit.onLimit'],
    [{ ...valid, accessToken: 'EAAB-misplaced-secret' }, '(options)'],
    [{ ...valid, messengerPeople: 0 }, 'messengerPeople'],
    [{ ...valid, messengerPeople: 2.5 }, 'messengerPeople'],
  ])('throws a TypeError naming the bad option (%#)', (options, name) => {
    const error = typeError(options);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain(`'${name}'`);
    expect(error.message).toMatch(/^facebook\(\)/);
  });

  it('never echoes a secret in the TypeError', () => {
    for (const options of [
      { ...valid, pageAccessToken: 'EAAB-page-token-secret', apiVersion: 'EAAB-page-token-secret' },
      { ...valid, appSecret: 12345678, pageAccessToken: 'EAAB-page-token-secret' },
      { ...valid, accessToken: 'EAAB-misplaced-secret' },
    ]) {
      const error = typeError(options);
      const everything = [error.message, error.stack, JSON.stringify(error)].join('\n');
      expect(everything).not.toContain('EAAB-page-token-secret');
      expect(everything).not.toContain('EAAB-misplaced-secret');
      expect(everything).not.toContain('12345678');
    }
  });

  it('names an unknown option', () => {
    expect(typeError({ ...valid, pageToken: 'x' }).message).toContain("unknown option 'pageToken'");
  });
});
