import { describe, expect, it } from 'vitest';
import { AuthError, ChannelError, DeliveryUnknownError, MemoryStore, NotFoundError, PermissionError, PlatformError, RateLimitError } from '../../src/index.js';
import { InstagramEmulator } from '../../src/testing/instagram/index.js';
import { collect, findInHistory, rejection } from '../conformance/helpers.js';
import { createInstagram, CUSTOMER } from './instagram-world.js';

const graphError = (code: number, message: string, subcode?: number) => ({ error: { message, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'AEmuTest' } });

function setup() {
  const emulator = new InstagramEmulator();
  const mediaId = emulator.media({ caption: 'New arrivals', at: new Date(Date.now() - 60 * 60 * 1000) });
  emulator.directMessage({ from: CUSTOMER.id, username: CUSTOMER.username, text: 'hello' });
  return { emulator, mediaId };
}

describe('Instagram errors, as Graph reports them', () => {
  it.each([
    ['190 (invalid token)', 400, graphError(190, 'Invalid OAuth access token - Cannot parse access token'), AuthError],
    ['190 / 463 (expired token)', 400, graphError(190, 'Error validating access token: Session has expired', 463), AuthError],
    ['100 / 33 (no such object)', 400, graphError(100, "Unsupported get request. Object with ID '1' does not exist", 33), NotFoundError],
    ['2500 (unknown path)', 400, graphError(2500, 'Unknown path components: /v99.0/x'), PlatformError],
    ['10 / 2534022 (outside the window)', 400, graphError(10, '(#10) This message is sent outside of allowed window.', 2534022), PermissionError],
    ['10900 (private reply already sent)', 400, graphError(10900, '(#10900) Activity already replied to'), PermissionError],
    ['10903 (private reply too late)', 400, graphError(10903, "(#10903) This activity can't be replied to"), PermissionError],
  ])('maps %s to its error class, with the Graph code and no token in it', async (_name, status, body, kind) => {
    const { emulator } = setup();
    const channel = createInstagram(emulator, { retry: { retries: 0 } });
    emulator.fail({ match: { method: 'POST' }, status, body });
    const error = (await rejection(channel.send({ text: 'Hello from the shop', to: CUSTOMER.id }))) as ChannelError;
    expect(error).toBeInstanceOf(kind);
    expect(error.platform).toBe('instagram');
    expect(JSON.stringify(error) + error.message + error.stack).not.toContain(emulator.pageAccessToken);
    if (error instanceof PlatformError || error instanceof PermissionError) expect(error.platformCode).toBe(body.error.code);
    expect(emulator.created).toBe(0);
  });

  it.each([
    ['80002 (Instagram business use case)', 80002],
    ['613 (messaging, Conversations API pace)', 613],
    ['4 (app)', 4],
  ])("maps throttling code %s to RateLimitError with resetAt (onLimit 'throw'), never a 429", async (_name, code) => {
    const { emulator } = setup();
    const channel = createInstagram(emulator, { rateLimit: { onLimit: 'throw' } });
    emulator.fail({ match: { method: 'GET' }, status: code === 4 ? 403 : 400, body: graphError(code, `(#${code}) limit reached`), times: 5 });
    const error = await rejection(collect(channel.messages()));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).resetAt).toBeInstanceOf(Date);
  });

  it('retries a read Graph says is transient (code 2, is_transient), and a Send API 1200, without a second message', async () => {
    const { emulator } = setup();
    const channel = createInstagram(emulator);
    emulator.fail({ match: { method: 'GET' }, status: 500, body: { error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, is_transient: true } } });
    expect((await collect(channel.messages())).length).toBeGreaterThan(0);
    emulator.fail({ match: { method: 'POST' }, status: 400, body: graphError(1200, 'Temporary send message failure. Please try again later.') });
    await channel.send({ text: 'Your order shipped', to: CUSTOMER.id });
    expect(emulator.created).toBe(1);
  });
});

describe('Instagram sent once', () => {
  it('after an ambiguous reply (applied, then a 500), says maybeDelivered, and the same reply again finds the first instead of posting twice', async () => {
    const { emulator, mediaId } = setup();
    const store = new MemoryStore();
    const channel = createInstagram(emulator, { store });
    const comment = emulator.comment({ from: CUSTOMER.id, username: CUSTOMER.username, text: 'When do you open?', on: mediaId });
    const message = await findInHistory(channel, comment);
    emulator.fail({ match: { method: 'POST' }, status: 500, afterApply: true, body: graphError(1, 'An unknown error has occurred.') });
    const error = (await rejection(channel.reply(message, { text: 'At 9 every day.' }))) as ChannelError;
    expect(error.maybeDelivered).toBe(true);
    expect(emulator.created).toBe(1);
    const restarted = createInstagram(emulator, { store });
    const again = await restarted.reply(message, { text: 'At 9 every day.' });
    expect(again).toMatchObject({ threadId: comment, text: 'At 9 every day.', author: { isSelf: true } });
    expect(emulator.commentRecord(again.id)?.parentId).toBe(comment);
    expect(emulator.created).toBe(1);
  });

  it('finds an interrupted Direct message in the conversation, and says it cannot tell for a reply to a mention', async () => {
    const { emulator } = setup();
    const store = new MemoryStore();
    const channel = createInstagram(emulator, { store });
    emulator.fail({ match: { method: 'POST' }, status: 500, afterApply: true, body: graphError(1, 'An unknown error has occurred.') });
    const draft = { text: 'Your parcel left today', to: CUSTOMER.id, idempotencyKey: 'parcel-1' };
    expect(((await rejection(channel.send(draft))) as ChannelError).maybeDelivered).toBe(true);
    const found = await channel.send(draft);
    expect(found).toMatchObject({ kind: 'direct', threadId: CUSTOMER.id, text: 'Your parcel left today' });
    expect(emulator.created).toBe(1);

    const tagged = emulator.media({ caption: 'Thanks @acme.support', owner: '6100000000000009', tagsAccount: true });
    const mention = await findInHistory(channel, tagged);
    emulator.fail({ match: { method: 'POST' }, status: 500, afterApply: true, body: graphError(1, 'An unknown error has occurred.') });
    expect(((await rejection(channel.reply(mention, { text: 'Thank you!' }))) as ChannelError).maybeDelivered).toBe(true);
    expect(await rejection(channel.reply(mention, { text: 'Thank you!' }))).toBeInstanceOf(DeliveryUnknownError);
    expect(emulator.created).toBe(2);
  });
});

describe('Instagram tokens', () => {
  it('after an expired token (190 / 463) calls the token function again once and sends the request again with the new token', async () => {
    const { emulator } = setup();
    let current = emulator.pageAccessToken;
    const channel = createInstagram(emulator, { pageAccessToken: () => current });
    await channel.send({ text: 'First answer', to: CUSTOMER.id });
    emulator.expireToken();
    expect(await rejection(channel.send({ text: 'Refused answer', to: CUSTOMER.id }))).toBeInstanceOf(AuthError); // the same token again: refused
    emulator.rotateToken('EAAB-rotated-token');
    current = 'EAAB-rotated-token';
    const sent = await channel.send({ text: 'Second answer', to: CUSTOMER.id });
    expect(sent.text).toBe('Second answer');
    expect(emulator.created).toBe(2);
    const stale = createInstagram(emulator, { pageAccessToken: 'emulator-page-token', id: 'instagram:stale' });
    const error = await rejection(stale.send({ text: 'Third answer', to: CUSTOMER.id }));
    expect(error).toBeInstanceOf(AuthError);
    expect(emulator.created).toBe(2);
  });
});

describe('Instagram Graph versions', () => {
  it('calls the latest version by default, and says once (an error event) when Graph answers a retired version with another', async () => {
    const { emulator } = setup();
    const current = createInstagram(emulator, { pageAccessToken: emulator.pageAccessToken });
    const errors: Error[] = [];
    current.on('error', (error: Error) => errors.push(error));
    await collect(current.messages());
    expect(emulator.requests.at(-1)!.path).toMatch(/^\/v26\.0\//);
    expect(errors).toEqual([]);

    const retired = createInstagram(emulator, { apiVersion: 'v19.0', id: 'instagram:retired' });
    retired.on('error', (error: Error) => errors.push(error));
    const response = emulator.requests.length;
    await collect(retired.messages());
    await collect(retired.messages());
    expect(emulator.requests.length).toBeGreaterThan(response);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('v19.0');
  });
});
