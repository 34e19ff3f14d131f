/**
 * Trustpilot's 404 (developers.trustpilot.com get-started/common-error-messages): a reply to a review the
 * customer deleted meanwhile is a NotFoundError, asked once (a 404 is not retried), nothing posted, the token
 * nowhere in it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { NotFoundError } from 'everywhere';
import { trustpilot } from 'everywhere/trustpilot';
import { collect } from '../conformance/helpers.js';
import { baseOptions, TOKEN, trustpilotWorld } from './trustpilot-world.js';

let close: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of close.splice(0).reverse()) await step();
});

describe('Trustpilot refusals', () => {
  it('a reply to a review deleted meanwhile: NotFoundError, asked once (not retried), nothing posted, the token nowhere', async () => {
    const world = await trustpilotWorld();
    const channel = trustpilot({ ...baseOptions() });
    close.push(() => world.close(), () => channel.close());
    const stored = world.emulator.review({ stars: 2, text: 'Never arrived.' });
    const [review] = await collect(channel.messages());
    world.emulator.remove(stored.id);
    const before = world.emulator.requests.length;
    const error = await channel.reply(review!, { text: 'We are sorry: a refund is on its way.' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(JSON.stringify({ ...(error as NotFoundError), message: (error as NotFoundError).message })).not.toContain(TOKEN);
    // reply() reads the review first (its current reply): that read is refused once, and nothing is posted.
    expect(world.emulator.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual([`GET /v1/private/reviews/${stored.id}`]);
  });
});
