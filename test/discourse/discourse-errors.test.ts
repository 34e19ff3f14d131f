/** Discourse error answers to the core's kinds: 429 waits for the larger of its two hints, 422 is a refused draft. */
import { describe, expect, it } from 'vitest';
import { describeDiscourseError } from '../../src/discourse/discourse-errors.js';
import type { ErrorResponse } from '../../src/core/http/platform-http.js';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}): ErrorResponse => ({
  status,
  headers: new Headers(headers),
  body,
  text: JSON.stringify(body),
  bucket: 'api',
  method: 'POST',
  path: '/posts.json',
});

const secondsUntil = (date: Date | undefined) => Math.round(((date?.getTime() ?? 0) - Date.now()) / 1000);

describe('describeDiscourseError', () => {
  it('resets a 429 after the larger of Retry-After and extras.wait_seconds, whichever it is', () => {
    const longerBody = describeDiscourseError(answer(429, { errors: ['slow down'], error_type: 'rate_limit', extras: { wait_seconds: 40 } }, { 'retry-after': '5' }));
    expect(longerBody.kind).toBe('rate_limited');
    expect(secondsUntil(longerBody.resetAt)).toBe(40);
    const longerHeader = describeDiscourseError(answer(429, { errors: ['slow down'], error_type: 'rate_limit', extras: { wait_seconds: 3 } }, { 'retry-after': '30' }));
    expect(secondsUntil(longerHeader.resetAt)).toBe(30);
    const bodyOnly = describeDiscourseError(answer(429, { extras: { wait_seconds: 12 } }));
    expect(secondsUntil(bodyOnly.resetAt)).toBe(12);
  });

  it('spends the bucket of the limiter a 429 names: the shared one for the key and the site, its own for a per-action one', () => {
    const name = (bucket: string) => `discourse:forum:bot:${bucket}`;
    const reply = name('POST /posts.json reply');
    const perAction = describeDiscourseError({ ...answer(429, { errors: ['slow down'], error_type: 'rate_limit', extras: { wait_seconds: 7200 } }, { 'discourse-rate-limit-error-code': 'first-day-replies-per-day' }), bucket: reply }, name);
    expect(perAction).toMatchObject({ kind: 'rate_limited', platformCode: 'first-day-replies-per-day', spentBuckets: [reply, name('limiter:first-day-replies-per-day')] });
    const key = describeDiscourseError(answer(429, { errors: ['slow down'], error_type: 'rate_limit' }, { 'discourse-rate-limit-error-code': 'admin_api_key_rate_limit' }), name);
    expect(key.spentBuckets).toEqual([name('api')]);
    const site = describeDiscourseError({ ...answer(429, undefined, { 'retry-after': '9', 'discourse-rate-limit-error-code': 'ip_10_secs_limit' }), text: 'Slow down, too many requests from this IP address.' }, name);
    expect(site.spentBuckets).toEqual([name('api')]);
    expect(secondsUntil(site.resetAt)).toBe(9);
    const unnamed = describeDiscourseError({ ...answer(429, { errors: ['slow down'] }), bucket: name('POST /posts.json reply') }, name);
    expect(unnamed.spentBuckets).toEqual([name('POST /posts.json reply')]);
  });

  it('makes a 422 a refused draft with Discourse’s reasons', () => {
    const info = describeDiscourseError(answer(422, { action: 'create_post', errors: ['Title is too short (minimum is 15 characters)', 'Body is too similar to what you recently posted'] }));
    expect(info).toMatchObject({ kind: 'invalid_draft', reasons: ['Title is too short (minimum is 15 characters)', 'Body is too similar to what you recently posted'] });
    expect(info.retryable).toBeUndefined();
  });

  it('names invalid_access auth, and leaves other answers (404 included) to the status', () => {
    expect(describeDiscourseError(answer(403, { errors: ['You are not permitted to view the requested resource. The API username or key is invalid.'], error_type: 'invalid_access' }))).toMatchObject({ kind: 'auth', credentialsRefused: true });
    expect(describeDiscourseError(answer(403, { errors: ['You are not permitted to view the requested resource.'], error_type: 'invalid_access' })).kind).toBe('forbidden');
    const notFound = describeDiscourseError(answer(404, { errors: ['not found'], error_type: 'not_found' }));
    expect(notFound).toMatchObject({ platformCode: 'not_found' });
    expect(notFound.kind).toBeUndefined(); // the core: 404 → not_found
    expect(describeDiscourseError(answer(403, { errors: ['not permitted'] })).kind).toBeUndefined(); // the core: 403 → auth
    expect(describeDiscourseError(answer(502, '<html>Bad Gateway</html>'))).toEqual({});
  });
});
