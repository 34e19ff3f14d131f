/**
 * The emulator is as strict as Google: unknown query parameters and body fields are 400
 * INVALID_ARGUMENT, pageSize above 50 and unknown orders too; answers hold only the documented
 * properties (google-business-facts.ts); a rating-only review has no comment; tokens expire.
 * And the facts come from the script: it reads the OpenAPI YAML and stops on a missing schema.
 */
import { describe, expect, it } from 'vitest';
import { GoogleBusinessEmulator } from 'everywhere/testing';
import { SCHEMAS } from '../../src/testing/google-business/google-business-facts.js';
import { extractFacts, parseYaml } from '../../scripts/extract-google-business-shapes.js';

const BASE = 'https://mybusiness.googleapis.com';
const TOKEN = 'emulator-test-token';

function call(emulator: GoogleBusinessEmulator, method: string, path: string, body?: unknown, token = TOKEN) {
  const init: RequestInit = { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return emulator.handle(new Request(`${BASE}${path}`, init), BASE);
}

describe('GoogleBusinessEmulator', () => {
  const emulator = new GoogleBusinessEmulator({ accountId: '1', locationIds: ['2'], accessToken: TOKEN });
  const list = '/v4/accounts/1/locations/2/reviews';

  it('refuses unknown parameters, bad page sizes and orders with 400 INVALID_ARGUMENT', async () => {
    for (const query of ['?since=2026-01-01', '?pageSize=51', '?pageSize=ten', '?orderBy=createTime', '?pageToken=nonsense']) {
      const response = await call(emulator, 'GET', list + query);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { error: { status: string } }).error.status).toBe('INVALID_ARGUMENT');
    }
    expect((await call(emulator, 'GET', `${list}?orderBy=update_time%20desc&pageSize=50&prettyPrint=false`)).status).toBe(200);
  });

  it('answers only documented properties; a rating-only review has no comment; an empty list has no reviews', async () => {
    const empty = (await (await call(emulator, 'GET', list)).json()) as Record<string, unknown>;
    expect(empty).toEqual({ totalReviewCount: 0 });
    const review = emulator.review({ stars: 4 });
    const page = (await (await call(emulator, 'GET', list)).json()) as { reviews: Array<Record<string, unknown>> } & Record<string, unknown>;
    for (const key of Object.keys(page)) expect(Object.keys(SCHEMAS.ListReviewsResponse!.properties)).toContain(key);
    for (const key of Object.keys(page.reviews[0]!)) expect(Object.keys(SCHEMAS.Review!.properties)).toContain(key);
    expect(page.reviews[0]).toMatchObject({ reviewId: review.reviewId, starRating: 'FOUR' });
    expect(page.reviews[0]).not.toHaveProperty('comment');
  });

  it('refuses a reply body with an unknown field, an empty comment and more than 4,096 bytes', async () => {
    const review = emulator.review({ stars: 1, comment: 'Bad' });
    const path = `${list}/${review.reviewId}/reply`;
    expect((await call(emulator, 'PUT', path, { comment: 'Hi', text: 'Hi' })).status).toBe(400);
    expect((await call(emulator, 'PUT', path, { comment: '  ' })).status).toBe(400);
    expect((await call(emulator, 'PUT', path, { comment: 'é'.repeat(2049) })).status).toBe(400);
    const ok = await call(emulator, 'PUT', path, { comment: 'Sorry!' });
    expect(Object.keys((await ok.json()) as object).sort()).toEqual(['comment', 'updateTime']);
    expect((await call(emulator, 'DELETE', path)).status).toBe(200);
    expect(emulator.reviews.get(review.reviewId)!.reply).toBeUndefined();
  });

  it('refuses an expired token with 401 UNAUTHENTICATED', async () => {
    const own = new GoogleBusinessEmulator({ accessToken: 'short-lived' });
    own.expireTokens();
    const response = await call(own, 'GET', `/v4/accounts/${own.accountId}/locations/${own.locationIds[0]}/reviews`, undefined, 'short-lived');
    expect(response.status).toBe(401);
  });

  it('answers 429 RESOURCE_EXHAUSTED past the requests of a minute, naming the limit, and quota 0 until approved', async () => {
    const limited = new GoogleBusinessEmulator({ accountId: '1', locationIds: ['2'], accessToken: TOKEN, limits: { requests: { limit: 2, windowMs: 60_000 } } });
    expect((await call(limited, 'GET', list)).status).toBe(200);
    expect((await call(limited, 'GET', list)).status).toBe(200);
    const over = await call(limited, 'GET', list);
    expect(over.status).toBe(429);
    const body = (await over.json()) as { error: { status: string; details: Array<{ metadata: Record<string, string> }> } };
    expect(body.error.status).toBe('RESOURCE_EXHAUSTED');
    expect(body.error.details[0]!.metadata.quota_limit_value).toBe('2');
    const unapproved = new GoogleBusinessEmulator({ accountId: '1', locationIds: ['2'], accessToken: TOKEN, approved: false });
    const refused = (await (await call(unapproved, 'GET', list)).json()) as { error: { code: number; details: Array<{ metadata: Record<string, string> }> } };
    expect([refused.error.code, refused.error.details[0]!.metadata.quota_limit_value]).toEqual([429, '0']);
  });

  it('the script reads the OpenAPI YAML into facts, and names what a document lacks', () => {
    const yaml = [
      'paths:',
      '  /v4/{parent}/reviews:',
      '    get:',
      '      operationId: mybusiness.accounts.locations.reviews.list',
      '      parameters:',
      '        - description: How many reviews to fetch per page. The maximum `page_size` is 50.',
      '          in: query',
      '          name: pageSize',
      '          schema:',
      '            type: integer',
      'components:',
      '  schemas:',
      '    Review:',
      '      properties:',
      '        starRating:',
      '          enum:',
      '            - ONE',
      '            - "TWO"',
      '          type: string',
      '      type: object',
    ].join('\n');
    const facts = extractFacts(parseYaml(yaml));
    expect(facts.operations['reviews.list']).toEqual({ method: 'GET', path: '/v4/{parent}/reviews', query: { pageSize: { type: 'integer' } } });
    expect(facts.schemas.Review!.properties.starRating).toEqual({ type: 'string', enum: ['ONE', 'TWO'] });
    expect(facts.missing).toEqual(expect.arrayContaining(['operation mybusiness.accounts.locations.reviews.updateReply', 'schema ReviewReply']));
  });
});
