/** Every bad option of youtube() is a TypeError at construction, naming the option and never echoing a secret. */
import { describe, expect, it } from 'vitest';
import { youtube, type YouTubeOptions } from 'everywhere/youtube';
import { CHANNEL_ID } from './youtube-world.js';

const valid: YouTubeOptions = { channelId: CHANNEL_ID, accessToken: 'ya29.secret-token-value' };
const oauth2 = { clientId: 'client', clientSecret: 'client-secret', refreshToken: 'refresh-token' };

describe('youtube() options', () => {
  it('accepts a token, a token function or oauth2, and sets the poll interval from the listen share', () => {
    expect(youtube(valid).id).toBe(`youtube:${CHANNEL_ID}`);
    expect(youtube({ channelId: CHANNEL_ID, accessToken: () => 'ya29.from-a-function' }).platform).toBe('youtube');
    expect(youtube({ channelId: CHANNEL_ID, oauth2, listenShare: 0.25, dailyQuota: 20_000 }).capabilities).toMatchObject({ post: false, direct: false, reply: true });
  });

  const bad: Array<[string, unknown, string]> = [
    ['no options', undefined, 'channelId'],
    ['a channel id of the wrong form', { ...valid, channelId: 'my-channel' }, 'channelId'],
    ['a channel id too short', { ...valid, channelId: 'UC123' }, 'channelId'],
    ['no credentials', { channelId: CHANNEL_ID }, 'accessToken'],
    ['an empty token', { ...valid, accessToken: '' }, 'accessToken'],
    ['a token and oauth2', { ...valid, oauth2 }, 'oauth2'],
    ['oauth2 without a refresh token', { channelId: CHANNEL_ID, oauth2: { clientId: 'client' } }, 'oauth2.refreshToken'],
    ['oauth2 with a token URL that is not one', { channelId: CHANNEL_ID, oauth2: { ...oauth2, tokenUrl: 'not a url' } }, 'oauth2.tokenUrl'],
    ['a base URL that is not one', { ...valid, baseUrl: 'www.googleapis.com' }, 'baseUrl'],
    ['a listen share of 0', { ...valid, listenShare: 0 }, 'listenShare'],
    ['a listen share above 1', { ...valid, listenShare: 1.5 }, 'listenShare'],
    ['a listen share that is a string', { ...valid, listenShare: '0.5' }, 'listenShare'],
    ['moderation that is not a boolean', { ...valid, moderation: 'yes' }, 'moderation'],
    ['a daily quota below a hundred units', { ...valid, dailyQuota: 50 }, 'dailyQuota'],
    ['a fractional daily quota', { ...valid, dailyQuota: 10_000.5 }, 'dailyQuota'],
    ['a project name with spaces', { ...valid, project: 'my project' }, 'project'],
    ['an empty project name', { ...valid, project: '' }, 'project'],
    ['an unknown option', { ...valid, apiKey: 'AIza-key' }, '(options)'],
  ];
  for (const [name, options, path] of bad) {
    it(`refuses ${name} with a TypeError naming ${path}`, () => {
      let caught: unknown;
      try {
        youtube(options as YouTubeOptions);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(TypeError);
      expect((caught as Error).message).toContain(`youtube(): option '${path}`);
      expect((caught as Error).message).not.toContain('secret-token-value');
    });
  }
});
