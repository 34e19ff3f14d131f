#!/usr/bin/env node
/**
 * `everywhere sandbox [--port N]`: every platform's emulator and the sandbox page on 127.0.0.1, until
 * Ctrl-C. Prints the page's address and, per platform, the channel options for the user's own bot.
 */
import { parseCliArgs, USAGE } from './cli-args.js';
import { channelOptionsText } from './sandbox-page/channel-options-text.js';
import { startSandboxPage } from './sandbox-page/page-server.js';
import { createSandbox } from './testing/sandbox.js';

async function main(argv: readonly string[]): Promise<number> {
  let command;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    process.stderr.write(`everywhere: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (command.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const sandbox = await createSandbox({ port: command.sandboxPort });
  const page = await startSandboxPage({ sandbox, sandboxOptions: {}, port: command.port });
  process.stdout.write(
    `everywhere sandbox\n  page:      ${page.url}\n  emulators: ${sandbox.url}\n\n` +
      `Channel options for your bot (the sandbox's own credentials, for this machine only):\n\n${channelOptionsText(sandbox)}\n\nCtrl-C stops the sandbox.\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await page.close();
  await page.sandbox.close().catch(() => undefined);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`everywhere: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
