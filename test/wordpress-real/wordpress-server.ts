/**
 * A real WordPress (Debian's `wordpress` package, 6.1) for the tests, everything in one `mktemp -d`
 * folder: a MariaDB of its own (mariadb-install-db + mariadbd on a socket in the folder, no TCP), a
 * copy of WordPress's top-level files with wp-admin and wp-includes linked from /usr/share/wordpress
 * and the tests' wp-config.php, served by `php -S 127.0.0.1:<free port>`, behind a counting proxy
 * (wordpress-proxy.ts) whose address is the site's. Installed by test/wordpress-real/php/install.php.
 * `stop()` ends every process it started and removes the folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../support/real-servers.js';
import { WordpressProxy } from './wordpress-proxy.js';

export const WORDPRESS_DIR = '/usr/share/wordpress';
const PHP_SOURCES = join(dirname(fileURLToPath(import.meta.url)), 'php');
const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

/** What install.php made: the post customers comment on, the support user's credentials (an Editor) and an Author's. */
export interface InstalledSite {
  postId: number;
  username: string;
  applicationPassword: string;
  author: { username: string; applicationPassword: string };
}

/** A comment as the database holds it (approved: '1', '0' for held, 'spam', 'trash'). */
export interface StoredComment {
  id: number;
  parent: number;
  user_id: number;
  approved: string;
  content: string;
}

export interface VisitorComment {
  content: string;
  author: string;
  parent?: number;
  /** '1' approved (the default), '0' held for moderation, 'spam'. */
  status?: '1' | '0' | 'spam';
  /** When it was written, in ms (default: now; the database keeps whole seconds). */
  dateGmt?: number;
}

/** The first of the candidates that exists, or the one `command -v` finds. */
export function findBinary(name: string, candidates: string[] = []): string | undefined {
  for (const candidate of candidates) if (existsSync(candidate)) return candidate;
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  return which.status === 0 && which.stdout.trim() !== '' ? which.stdout.trim() : undefined;
}

/** Why a real WordPress cannot run here, or undefined when everything it needs is installed. */
export function whyWordpressCannotRun(): string | undefined {
  const missing: string[] = [];
  if (!existsSync(join(WORDPRESS_DIR, 'wp-load.php'))) missing.push('wordpress');
  if (!findBinary('mariadbd', ['/usr/sbin/mariadbd']) || !findBinary('mariadb-install-db')) missing.push('mariadb-server');
  const php = findBinary('php');
  if (!php) missing.push('php-cli');
  else if (!spawnSync(php, ['-m'], { encoding: 'utf8' }).stdout.split('\n').includes('mysqli')) missing.push('php-mysql');
  return missing.length > 0 ? `not installed: ${missing.join(', ')}` : undefined;
}

export class RealWordpress {
  readonly dir = mkdtempSync(join(tmpdir(), 'everywhere-wordpress-'));
  readonly proxy: WordpressProxy;
  site!: InstalledSite;
  #phpPort = 0;
  readonly #token = randomBytes(16).toString('hex');
  readonly #children: ChildProcess[] = [];
  readonly #logs: string[] = [];

  constructor() {
    this.proxy = new WordpressProxy(() => this.#phpPort);
  }

  /** The site's address (the proxy's): what the channel is given as baseUrl. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.proxy.port}`;
  }

  async start(): Promise<void> {
    try {
      await this.proxy.start();
      this.#phpPort = await freePort();
      const dbPassword = randomBytes(12).toString('hex');
      this.#copyWordpress(dbPassword);
      await this.#startDatabase(dbPassword);
      this.site = this.#install();
      this.#startPhp();
      await this.#waitForSite();
    } catch (error) {
      const logs = this.#logs.join('').slice(-2000);
      await this.stop();
      throw new Error(`${error instanceof Error ? error.message : String(error)}${logs ? `\n${logs}` : ''}`);
    }
  }

  /** A visitor's comment on the post (or under `parent`), made beside the channel; its id. */
  async comment(input: VisitorComment): Promise<number> {
    return (await this.comments(input, 1))[0]!;
  }

  /** `count` visitor comments at once (" 1", " 2"... appended to the content); their ids. */
  async comments(input: VisitorComment, count: number): Promise<number[]> {
    const fields = {
      action: 'comment',
      post: String(this.site.postId),
      content: input.content,
      author: input.author,
      parent: String(input.parent ?? 0),
      status: input.status ?? '1',
      date_gmt: String(Math.floor((input.dateGmt ?? Date.now()) / 1000)),
      count: String(count),
    };
    return ((await this.#helper(fields)) as { ids: number[] }).ids;
  }

  /** Every comment of the post as the database holds it, oldest first (read beside the channel, not counted). */
  async stored(): Promise<StoredComment[]> {
    return (await this.#helper({ action: 'comments', post: String(this.site.postId) })) as StoredComment[];
  }

  /** Comments of users who do not moderate held for approval (Settings → Discussion), or not. */
  async holdComments(hold: boolean): Promise<void> {
    await this.#helper({ action: 'moderation', value: hold ? '1' : '0' });
  }

  /** The site's zone (Settings → General → Timezone), an IANA name such as 'America/New_York'. */
  async timezone(name: string): Promise<void> {
    await this.#helper({ action: 'timezone', value: name });
  }

  /** Every comment deleted and the post open again: a fresh site for the next test. */
  async reset(): Promise<void> {
    await this.#helper({ action: 'reset' });
    this.proxy.reset();
  }

  /** Comments closed on the post, as an editor closes them in wp-admin. */
  async closeComments(post = this.site.postId): Promise<void> {
    await this.#helper({ action: 'close', post: String(post) });
  }

  async stop(): Promise<void> {
    await this.proxy.close().catch(() => undefined);
    await Promise.all(this.#children.splice(0).reverse().map((child) => stopProcess(child)));
    rmSync(this.dir, { recursive: true, force: true });
  }

  async #helper(fields: Record<string, string>): Promise<unknown> {
    const response = await fetch(`http://127.0.0.1:${this.#phpPort}/everywhere-helper.php`, { method: 'POST', body: new URLSearchParams({ token: this.#token, ...fields }) });
    const text = await response.text();
    if (!response.ok) throw new Error(`the test site's helper answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text);
  }

  /** Top-level files copied (PHP resolves symlinked files to their real folder), the big folders linked. */
  #copyWordpress(dbPassword: string): void {
    const root = join(this.dir, 'site');
    mkdirSync(join(root, 'wp-content', 'plugins'), { recursive: true });
    mkdirSync(join(root, 'wp-content', 'uploads'), { recursive: true });
    for (const entry of readdirSync(WORDPRESS_DIR)) {
      const from = join(WORDPRESS_DIR, entry);
      if (entry === 'wp-config.php' || entry === 'wp-content' || entry.startsWith('.')) continue;
      if (statSync(from).isDirectory()) symlinkSync(from, join(root, entry));
      else copyFileSync(from, join(root, entry));
    }
    if (existsSync(join(WORDPRESS_DIR, 'wp-content', 'themes'))) symlinkSync(join(WORDPRESS_DIR, 'wp-content', 'themes'), join(root, 'wp-content', 'themes'));
    const config = readFileSync(join(PHP_SOURCES, 'wp-config.php'), 'utf8')
      .replaceAll('__DB_PASSWORD__', dbPassword)
      .replaceAll('__DB_SOCKET__', join(this.dir, 'mysqld.sock'))
      .replaceAll('__SITE__', this.baseUrl)
      .replaceAll('__SALT__', randomBytes(24).toString('hex'));
    writeFileSync(join(root, 'wp-config.php'), config);
    copyFileSync(join(PHP_SOURCES, 'router.php'), join(this.dir, 'router.php'));
    copyFileSync(join(PHP_SOURCES, 'install.php'), join(root, 'everywhere-install.php'));
    copyFileSync(join(PHP_SOURCES, 'helper.php'), join(root, 'everywhere-helper.php'));
    writeFileSync(join(root, 'helper-token.txt'), this.#token);
  }

  async #startDatabase(dbPassword: string): Promise<void> {
    const data = join(this.dir, 'mysql');
    const socket = join(this.dir, 'mysqld.sock');
    const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
    const init = spawnSync(findBinary('mariadb-install-db')!, ['--no-defaults', `--datadir=${data}`, ...asRoot, '--auth-root-authentication-method=normal', '--skip-test-db'], { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${init.stderr.slice(-1000)}`);
    this.#spawn(findBinary('mariadbd', ['/usr/sbin/mariadbd'])!, [
      '--no-defaults',
      `--datadir=${data}`,
      `--socket=${socket}`,
      `--pid-file=${join(this.dir, 'mysqld.pid')}`,
      '--skip-networking', // the socket only: nothing listens on TCP
      '--skip-name-resolve',
      '--innodb-buffer-pool-size=32M',
      '--innodb-flush-log-at-trx-commit=0', // test data: speed over durability
      ...asRoot,
    ]);
    const deadline = Date.now() + START_TIMEOUT_MS;
    const sql = `CREATE DATABASE wordpress; CREATE USER 'wordpress'@'localhost' IDENTIFIED BY '${dbPassword}'; GRANT ALL ON wordpress.* TO 'wordpress'@'localhost';`;
    for (;;) {
      const client = spawnSync(findBinary('mariadb', ['/usr/bin/mariadb'])!, ['--no-defaults', `--socket=${socket}`, '-u', 'root', '-e', sql], { encoding: 'utf8' });
      if (client.status === 0) return;
      if (Date.now() > deadline) throw new Error(`MariaDB did not start in time: ${client.stderr.trim()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  #install(): InstalledSite {
    const run = spawnSync(findBinary('php')!, [join(this.dir, 'site', 'everywhere-install.php')], { encoding: 'utf8', env: { ...process.env, EVERYWHERE_SITE: this.baseUrl } });
    const line = run.stdout.trim().split('\n').pop() ?? '';
    if (run.status !== 0 || !line.startsWith('{')) throw new Error(`installing WordPress failed (exit ${run.status}): ${(run.stderr + run.stdout).slice(-1500)}`);
    return JSON.parse(line) as InstalledSite;
  }

  #startPhp(): void {
    // Several workers, so a poll and a write of the same test do not queue behind each other.
    this.#spawn(findBinary('php')!, ['-d', 'opcache.enable_cli=1', '-d', 'display_errors=0', '-S', `127.0.0.1:${this.#phpPort}`, '-t', join(this.dir, 'site'), join(this.dir, 'router.php')], {
      PHP_CLI_SERVER_WORKERS: '4',
    });
  }

  async #waitForSite(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      try {
        const response = await fetch(`http://127.0.0.1:${this.#phpPort}/wp-json/wp/v2/posts/${this.site.postId}?_fields=id`);
        if (response.ok) return;
        if (Date.now() > deadline) throw new Error(`WordPress answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
      } catch (error) {
        if (Date.now() > deadline) throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  #spawn(binary: string, args: string[], env: Record<string, string> = {}): ChildProcess {
    // A group of its own: `php -S` forks its workers, and stopping the group stops them too.
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, detached: true });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.#logs.push(chunk.toString());
        if (this.#logs.length > 100) this.#logs.splice(0, 50); // php -S logs every request: the last ones tell
      });
    }
    this.#children.push(child);
    return child;
  }
}

/** SIGTERM to the child's process group (it and its workers), then SIGKILL if it takes too long. */
async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const timer = setTimeout(() => signal('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
