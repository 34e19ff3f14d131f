import { describe, expect, it } from 'vitest';
import { instagram, type InstagramOptions } from '../../src/instagram/index.js';

const valid: InstagramOptions = { pageId: '1000000001', instagramAccountId: '17841400000000001', pageAccessToken: 'EAAB-page-token-secret' };

function typeError(options: unknown): TypeError {
  try {
    instagram(options as InstagramOptions);
  } catch (error) {
    return error as TypeError;
  }
  throw new Error('expected a TypeError');
}

describe('instagram() options', () => {
  it('builds a channel with its id, platform and capabilities (no post: Instagram answers, it does not publish here)', () => {
    const channel = instagram(valid);
    expect(channel.id).toBe('instagram:17841400000000001');
    expect(channel.platform).toBe('instagram');
    expect(channel.capabilities).toMatchObject({ post: false, reply: true, direct: true, attachments: false, maxTextLength: 2200, webhooks: false });
    expect(channel.webhook).toBeUndefined();
    const withWebhooks = instagram({ ...valid, appSecret: 'app-secret-value', verifyToken: 'verify-value', id: 'instagram:acme' });
    expect(withWebhooks.capabilities).toMatchObject({ webhooks: true, realtime: true });
    expect(withWebhooks.id).toBe('instagram:acme');
    expect(typeof withWebhooks.webhook).toBe('function');
  });

  it.each([
    [{ ...valid, pageId: 'acme' }, 'pageId'],
    [{ ...valid, pageId: undefined }, 'pageId'],
    [{ ...valid, instagramAccountId: '@acme' }, 'instagramAccountId'],
    [{ ...valid, instagramAccountId: undefined }, 'instagramAccountId'],
    [{ ...valid, pageAccessToken: '' }, 'pageAccessToken'],
    [{ ...valid, pageAccessToken: 42 }, 'pageAccessToken'],
    [{ ...valid, appSecret: '' }, 'appSecret'],
    [{ ...valid, verifyToken: '' }, 'verifyToken'],
    [{ ...valid, apiVersion: '21' }, 'apiVersion'],
    [{ ...valid, humanAgent: 'yes' }, 'humanAgent'],
    [{ ...valid, baseUrl: 'ftp://graph.example' }, 'baseUrl'],
    [{ ...valid, pollIntervalMs: -1 }, 'pollIntervalMs'],
    [{ ...valid, rateLimit: { onLimit: 'later' } }, 'rateLimit.onLimit'],
    [{ ...valid, accessToken: 'EAAB-misplaced-secret' }, '(options)'],
  ])('throws a TypeError naming the bad option (%#)', (options, name) => {
    const error = typeError(options);
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain(`'${name}'`);
    expect(error.message).not.toContain('EAAB');
  });

  it('throws a TypeError for no options at all', () => {
    expect(typeError(undefined)).toBeInstanceOf(TypeError);
  });
});
