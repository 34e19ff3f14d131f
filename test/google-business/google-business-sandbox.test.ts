/**
 * The sandbox serves the Business Profile emulator on a real 127.0.0.1 port: a channel made from
 * `sandbox.googleBusiness.options` gets its token at the sandbox's token endpoint, reads a review and
 * answers it over sockets.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from 'everywhere/testing';
import { googleBusiness } from 'everywhere/google-business';
import { collect } from '../conformance/helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

describe('Google Business Profile in the sandbox', () => {
  it('reads a three-star review and publishes the answer', async () => {
    sandbox = await createSandbox();
    const channel = googleBusiness({ ...sandbox.googleBusiness.options });
    try {
      const review = sandbox.googleBusiness.emulator.review({ stars: 3, comment: 'Three stars: the parcel came late.' });
      const [message] = await collect(channel.messages());
      expect(message).toMatchObject({ id: review.reviewId, kind: 'review', rating: { value: 3, max: 5 } });
      await channel.reply(message!, { text: 'Sorry! We have changed couriers.' });
      expect(sandbox.googleBusiness.emulator.reviews.get(review.reviewId)!.reply!.comment).toBe('Sorry! We have changed couriers.');
      expect(sandbox.googleBusiness.emulator.requests.map((request) => `${request.method} ${request.path.split('?')[0]}`)).toContain('POST /token');
    } finally {
      await channel.close();
    }
  });
});
