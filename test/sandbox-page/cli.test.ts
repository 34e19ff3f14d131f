/** `everywhere sandbox`: its arguments, and the command itself printing the page and the channel options. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_PORT, parseCliArgs } from '../../src/cli-args.js';
import { runSandboxCommand } from './cli-process.js';

describe('everywhere command line', () => {
  it('reads sandbox and its ports', () => {
    expect(parseCliArgs(['sandbox'])).toEqual({ command: 'sandbox', port: DEFAULT_PAGE_PORT, sandboxPort: 0 });
    expect(parseCliArgs(['sandbox', '--port', '0', '--sandbox-port=4500'])).toEqual({ command: 'sandbox', port: 0, sandboxPort: 4500 });
    expect(parseCliArgs([])).toEqual({ command: 'help' });
    expect(parseCliArgs(['sandbox', '--help'])).toEqual({ command: 'help' });
  });

  it.each([
    [['serve'], 'unknown command: serve'],
    [['sandbox', '--port'], '--port needs a port number'],
    [['sandbox', '--port', '70000'], '--port needs a port number'],
    [['sandbox', '--port', 'http'], '--port needs a port number'],
    [['sandbox', '--open'], 'unknown option: --open'],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(TypeError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('starts the sandbox and the page, prints the address and every platform\'s channel options, and stops on Ctrl-C', async () => {
    const running = await runSandboxCommand(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sandbox', '--port', '0'], process.cwd());
    try {
      const page = await fetch(running.pageUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>everywhere sandbox</title>');
      for (const factory of ['twitter(', 'facebook(', 'instagram(', 'discourse(', 'wordpress(', 'youtube(', 'flickr(', 'googleBusiness(', 'trustpilot(']) expect(running.output()).toContain(factory);
      expect(running.output()).toMatch(/"baseUrl": "http:\/\/127\.0\.0\.1:\d+\/twitter"/);
    } finally {
      expect(await running.stop()).toBe(0);
    }
  }, 90_000);

  it('exits with 2 and the usage on a bad argument', async () => {
    await expect(runSandboxCommand(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sandbox', '--port', 'x'], process.cwd(), 30_000)).rejects.toThrow(/exited \(2\)[\s\S]*--port needs a port number[\s\S]*Usage: everywhere sandbox/);
  }, 60_000);
});
