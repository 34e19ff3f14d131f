/** The command line of `everywhere`: read here, apart from the process, so it can be tested. */
export interface SandboxCommand {
  command: 'sandbox';
  /** The page's port; 0 for a free one. */
  port: number;
  /** The emulators' port; 0 for a free one. */
  sandboxPort: number;
}

export type CliCommand = SandboxCommand | { command: 'help' };

export const USAGE = `Usage: everywhere sandbox [--port N] [--sandbox-port N]

  sandbox   Start every platform's emulator on 127.0.0.1 and a page that shows them (you write as
            any customer there and watch your bot answer). Prints the page's address and, for each
            platform, the channel options to give your bot.
  --port N          the page's port (default 4400; 0 for a free port)
  --sandbox-port N  the emulators' port (default a free port)`;

export const DEFAULT_PAGE_PORT = 4400;

function port(value: string | undefined, flag: string): number {
  if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) throw new TypeError(`${flag} needs a port number from 0 to 65535`);
  return Number(value);
}

export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help' };
  if (command !== 'sandbox') throw new TypeError(`unknown command: ${command}`);
  const parsed: SandboxCommand = { command: 'sandbox', port: DEFAULT_PAGE_PORT, sandboxPort: 0 };
  for (let index = 0; index < rest.length; index++) {
    const [flag, inline] = rest[index]!.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? rest[++index];
    if (flag === '--port') parsed.port = port(value(), '--port');
    else if (flag === '--sandbox-port') parsed.sandboxPort = port(value(), '--sandbox-port');
    else if (flag === '--help' || flag === '-h') return { command: 'help' };
    else throw new TypeError(`unknown option: ${flag}`);
  }
  return parsed;
}
