/**
 * The sandbox serves the Trustpilot emulator on a real 127.0.0.1 port: a channel made from
 * `sandbox.trustpilot.options` refreshes its business-user token there, reads a review and answers it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createSandbox, type Sandbox } from 'everywhere/testing';
import { trustpilot } from 'everywhere/trustpilot';
import { collect } from '../conformance/helpers.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
});

describe('Trustpilot in the sandbox', () => {
  it('reads a three-star review and publishes the company reply', async () => {
    sandbox = await createSandbox();
    const channel = trustpilot({ ...sandbox.trustpilot.options });
    try {
      const review = sandbox.trustpilot.emulator.review({ stars: 3, text: 'Three stars: support was slow.' });
      const [message] = await collect(channel.messages());
      expect(message).toMatchObject({ id: review.id, kind: 'review', rating: { value: 3, max: 5 } });
      await channel.reply(message!, { text: 'Sorry! We have doubled the support team.' });
      expect(sandbox.trustpilot.emulator.reviews.get(review.id)!.companyReply!.text).toBe('Sorry! We have doubled the support team.');
      expect(sandbox.trustpilot.emulator.refreshes).toBe(1);
    } finally {
      await channel.close();
    }
  });
});
