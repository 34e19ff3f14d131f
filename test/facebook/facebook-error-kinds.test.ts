/**
 * Graph's codes as the typed errors they mean (https://developers.facebook.com/docs/graph-api/guides/error-handling,
 * https://developers.facebook.com/docs/messenger-platform/error-codes; bodies as recorded in howdyai/botkit#559 and
 * microsoft/botframework-sdk#4556): transient failures are tried again without duplicates; refusals of one person
 * are PermissionError or NotFoundError and sent once; 463/467 are subcodes of 190.
 */
import { describe, expect, it } from 'vitest';
import { AuthError, NotFoundError, PermissionError, PlatformError } from '../../src/index.js';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { rejection } from '../conformance/helpers.js';
import { createFacebook, CUSTOMER } from './facebook-world.js';

const MESSAGES = '/v26.0/1000000001/messages';

function withCustomer() {
  const emulator = new FacebookEmulator();
  emulator.messengerMessage({ from: CUSTOMER.id, name: CUSTOMER.name, text: 'Is the shop open?' });
  return emulator;
}

describe('transient Graph failures', () => {
  it('Send API 1200 is tried again: one message, not maybeDelivered', async () => {
    const emulator = withCustomer();
    emulator.failTransiently(1200, { method: 'POST' });
    const sent = await createFacebook(emulator).send({ text: 'Yes, until 6.', to: CUSTOMER.id });
    expect(sent.text).toBe('Yes, until 6.');
    expect(emulator.count('POST', MESSAGES)).toBe(2);
    expect(emulator.created).toBe(1);
  });

  it('code 2 with is_transient: true is tried again for a post too: one post', async () => {
    const emulator = new FacebookEmulator();
    emulator.failTransiently(2, { method: 'POST' });
    await createFacebook(emulator).send({ text: 'Open on Sunday' });
    expect(emulator.count('POST', '/v26.0/1000000001/feed')).toBe(2);
    expect(emulator.created).toBe(1);
  });

  it('when it stays transient, the error is a PlatformError with maybeDelivered false', async () => {
    const emulator = withCustomer();
    emulator.failTransiently(1200, { method: 'POST' }, 5);
    const error = (await rejection(createFacebook(emulator, { retry: { retries: 1 } }).send({ text: 'Hello', to: CUSTOMER.id }))) as PlatformError;
    expect(error).toBeInstanceOf(PlatformError);
    expect(error).toMatchObject({ platformCode: 1200, maybeDelivered: false });
    expect(emulator.count('POST', MESSAGES)).toBe(2);
    expect(emulator.created).toBe(0);
  });
});

describe('refusals of one person', () => {
  it('"This person isn\'t receiving messages from you right now" (code 200) is a PermissionError, sent once', async () => {
    const emulator = withCustomer();
    emulator.refuseMessagesTo(CUSTOMER.id, 'blocked');
    const error = (await rejection(createFacebook(emulator, { retry: { retries: 3 } }).send({ text: 'Hello', to: CUSTOMER.id }))) as PermissionError;
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.message).toContain("This person isn't receiving messages from you right now");
    expect(emulator.count('POST', MESSAGES)).toBe(1);
    expect(emulator.created).toBe(0);
  });

  it('551 "This person isn\'t available right now" and 100 / 2018001 "No matching user found" are NotFoundError', async () => {
    const emulator = withCustomer();
    emulator.refuseMessagesTo(CUSTOMER.id, 'unavailable');
    const channel = createFacebook(emulator);
    const unavailable = (await rejection(channel.send({ text: 'Hello', to: CUSTOMER.id }))) as NotFoundError;
    expect(unavailable).toBeInstanceOf(NotFoundError);
    expect(unavailable.message).toContain('551');
    const unknown = (await rejection(channel.send({ text: 'Hello', to: '7999999999' }))) as NotFoundError;
    expect(unknown).toBeInstanceOf(NotFoundError);
    expect(unknown.message).toContain('2018001');
    expect(emulator.created).toBe(0);
  });

  it('outside the 24-hour window (10 / 2018278) is a PermissionError naming the window, sent once', async () => {
    const emulator = new FacebookEmulator();
    emulator.messengerMessage({ from: CUSTOMER.id, text: 'Anyone there?', at: new Date(Date.now() - 25 * 60 * 60 * 1000) });
    const error = (await rejection(createFacebook(emulator, { retry: { retries: 5 } }).send({ text: 'Sorry for the wait!', to: CUSTOMER.id }))) as PermissionError;
    expect(error).toBeInstanceOf(PermissionError);
    expect(error.message).toContain('24-hour window');
    expect(error.message).toContain('2018278');
    expect(emulator.count('POST', MESSAGES)).toBe(1);
  });
});

describe('token subcodes', () => {
  it.each([
    [463, 'expired'],
    [467, 'invalid'],
  ])('190 / %i is an AuthError that says why', async (subcode, why) => {
    const emulator = new FacebookEmulator();
    emulator.fail({ status: 400, times: 2, body: { error: { message: 'Error validating access token', type: 'OAuthException', code: 190, error_subcode: subcode, fbtrace_id: 'X' } } });
    const error = (await rejection(createFacebook(emulator).send({ text: 'An update' }))) as AuthError;
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toContain(`subcode ${subcode}`);
    expect(error.message).toContain(why);
  });

  it('463 as a code of its own is not taken for a token error', async () => {
    const emulator = new FacebookEmulator();
    emulator.fail({ status: 400, body: { error: { message: 'Something else', type: 'OAuthException', code: 463, fbtrace_id: 'X' } } });
    expect(await rejection(createFacebook(emulator).send({ text: 'An update' }))).not.toBeInstanceOf(AuthError);
  });
});
