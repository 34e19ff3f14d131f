/**
 * `npm run demo -- --open`: the demo's support bot with the sandbox page, until Ctrl-C. Write as any
 * customer on the page and watch the bot answer; restart from any message, save the transcript.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { startSandboxPage } from 'everywhere/testing';
import { SANDBOX_OPTIONS, sandboxBot } from './sandbox-hub.js';

export async function demoWithPage(): Promise<void> {
  const page = await startSandboxPage({ sandboxOptions: SANDBOX_OPTIONS, bot: (sandbox, signal) => sandboxBot(sandbox, signal, (line) => console.log(line)) });
  console.log(`the sandbox page: ${page.url}\nthe bot answers every customer you write there; Ctrl-C stops.`);
  // A desktop may have an opener; this machine may not (then the address above is all there is).
  const opener = ['/usr/bin/xdg-open', '/usr/local/bin/xdg-open'].find((path) => existsSync(path));
  if (opener) spawn(opener, [page.url], { stdio: 'ignore', detached: true }).on('error', () => undefined).unref();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await page.close();
}
