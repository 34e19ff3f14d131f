/**
 * Graph versions (https://developers.facebook.com/docs/graph-api/changelog/versions): the channel calls the
 * latest by default; the emulator refuses a version Graph never had and answers one past its date with the
 * oldest available, named in `facebook-api-version`; the channel then says so with one 'error' event.
 */
import { describe, expect, it } from 'vitest';
import { FacebookEmulator } from '../../src/testing/facebook/index.js';
import { createFacebook, emulatorFetch } from './facebook-world.js';

describe('Graph versions', () => {
  it('calls v26.0 by default', async () => {
    const emulator = new FacebookEmulator();
    await createFacebook(emulator).send({ text: 'Hello' });
    expect(emulator.requests.at(-1)!.url.pathname).toBe(`/v26.0/${emulator.pageId}/feed`);
  });

  it('the emulator refuses a version Graph never had, and names the answering version', async () => {
    const emulator = new FacebookEmulator();
    const fetch = emulatorFetch(emulator);
    const headers = { authorization: `Bearer ${emulator.pageAccessToken}` };
    const unknown = await fetch(`https://graph.facebook.com/v99.0/${emulator.pageId}/feed`, { headers });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error).toMatchObject({ code: 2500 });
    const current = await fetch(`https://graph.facebook.com/v25.0/${emulator.pageId}/feed`, { headers });
    expect(current.headers.get('facebook-api-version')).toBe('v25.0');
    // v19.0 was available until 2026-05-21: the oldest available version answers.
    const expired = await fetch(`https://graph.facebook.com/v19.0/${emulator.pageId}/feed`, { headers });
    expect(expired.status).toBe(200);
    expect(expired.headers.get('facebook-api-version')).toBe(Date.now() < Date.parse('2027-01-21') ? 'v21.0' : expect.stringMatching(/^v2\d\.0$/));
  });

  it("a deprecated version: the calls go on, and one 'error' event says so", async () => {
    const emulator = new FacebookEmulator();
    const channel = createFacebook(emulator, { apiVersion: 'v19.0' });
    const errors: Error[] = [];
    channel.on('error', (error: Error) => errors.push(error));
    await channel.send({ text: 'One' });
    await channel.send({ text: 'Two' });
    expect(emulator.created).toBe(2);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain('v19.0 is deprecated');
  });

  it('a current version sends no such event', async () => {
    const emulator = new FacebookEmulator();
    const channel = createFacebook(emulator, { apiVersion: 'v25.0' });
    const errors: Error[] = [];
    channel.on('error', (error: Error) => errors.push(error));
    await channel.send({ text: 'One' });
    expect(errors).toEqual([]);
  });
});
