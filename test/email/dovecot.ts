/**
 * A real Dovecot (Debian's dovecot-imapd) for the email tests: started by the tests in the
 * foreground (`dovecot -F -c <config>`) with a configuration of its own, so no system setup is
 * needed beyond the package: IMAP only, plaintext login on 127.0.0.1 and a free port, no TLS (or,
 * with `DovecotOptions`, STARTTLS required and OAuth 2.0 token logins), a passwd-file of test users and a temporary Maildir per user, owned by `nobody`. It must run as
 * root, because Dovecot switches its mail processes to that user
 * (https://doc.dovecot.org/2.3/configuration_manual/). Stopped with SIGTERM, then SIGKILL when it
 * takes too long.
 */
import { freePort } from '../support/real-servers.js';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Mail processes must not run as root (Dovecot refuses uid 0): they run as nobody.
const NOBODY = 65534;
const STOP_TIMEOUT_MS = 10_000;

/**
 * Why the tests cannot run Dovecot here, or undefined when they can: it is installed, this process
 * is root, and a Dovecot started the tests' way lets a user log in.
 */
export async function whyDovecotCannotRun(): Promise<string | undefined> {
  const binary = dovecotBinary();
  if (!binary) return 'dovecot is not installed';
  if (process.getuid?.() !== 0) return `the tests run as uid ${process.getuid?.()}, and Dovecot needs root to switch its mail processes to nobody`;
  const dovecot = new Dovecot(binary);
  try {
    dovecot.addUser('probe', 'probe-password');
    await dovecot.start();
    const answer = await imapLogin(dovecot.port, 'probe', 'probe-password');
    return answer.startsWith('a1 OK') ? undefined : `Dovecot started but refused a login: ${answer}`;
  } catch (error) {
    return `Dovecot did not start: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    await dovecot.dispose();
  }
}

/** Logs in over IMAP (RFC 3501 §6.2.3) and out again; resolves to the tagged answer to LOGIN. */
function imapLogin(port: number, user: string, password: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = '';
    let greeted = false;
    const timer = setTimeout(() => socket.destroy(new Error(`no IMAP answer within ${timeoutMs} ms`)), timeoutMs);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (!greeted && buffer.includes('\r\n')) {
        greeted = true;
        socket.write(`a1 LOGIN ${user} ${password}\r\n`);
      }
      const tagged = /^a1 .*$/m.exec(buffer);
      if (tagged) {
        clearTimeout(timer);
        socket.end('a2 LOGOUT\r\n');
        resolve(tagged[0].trim());
      }
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

export function dovecotBinary(): string | undefined {
  for (const candidate of ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot']) {
    if (spawnSync(candidate, ['--version']).status === 0) return candidate;
  }
  const which = spawnSync('sh', ['-c', 'command -v dovecot']);
  return which.status === 0 ? which.stdout.toString().trim() || undefined : undefined;
}


/** What a Dovecot may add to the plain set-up: STARTTLS with a certificate, and OAuth 2.0 logins. */
export interface DovecotOptions {
  /** Offer STARTTLS with this certificate and refuse any login before it (`ssl = required`). */
  tls?: { certFile: string; keyFile: string };
  /**
   * Accept XOAUTH2 logins, each token checked by Dovecot's oauth2 passdb at this
   * RFC 7662 introspection URL (https://doc.dovecot.org/2.3/configuration_manual/authentication/oauth2/).
   */
  oauth2?: { introspectionUrl: string };
  /** Gmail's mailboxes (`[Gmail]/All Mail` \\All, `[Gmail]/Sent Mail` \\Sent, created with each user) and its `/` separator. */
  gmailMailboxes?: boolean;
}

export class Dovecot {
  readonly dir: string;
  #process: ChildProcess | undefined;
  port = 0;

  readonly #users = new Map<string, string>();

  constructor(
    private readonly binary = dovecotBinary()!,
    private readonly options: DovecotOptions = {},
  ) {
    this.dir = mkdtempSync(join(tmpdir(), 'everywhere-dovecot-'));
    chmodSync(this.dir, 0o755); // nobody must reach the homes inside
  }

  /** The Maildir of a user (cur/new/tmp, dovecot-uidlist). */
  maildir(user: string): string {
    return join(this.dir, 'home', user, 'Maildir');
  }

  /** Add a user before start (Dovecot re-reads a changed passwd-file only when its mtime, in seconds, moves). */
  addUser(user: string, pass: string): void {
    this.#users.set(user, pass);
    if (this.port !== 0) this.#writeUsers();
  }

  async start(): Promise<void> {
    if (this.port === 0) this.port = await freePort();
    this.#writeConfig();
    const child = spawn(this.binary, ['-F', '-c', join(this.dir, 'dovecot.conf')], { stdio: 'ignore' });
    this.#process = child;
    await waitForPort(this.port, child);
  }

  async stop(): Promise<void> {
    const child = this.#process;
    this.#process = undefined;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dir, { recursive: true, force: true });
  }

  #writeConfig(): void {
    const dir = this.dir;
    for (const sub of ['run', 'state', 'home']) mkdirSync(join(dir, sub), { recursive: true });
    this.#writeUsers();
    writeFileSync(
      join(dir, 'dovecot.conf'),
      `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
${this.#tlsConfig()}
mail_location = maildir:~/Maildir
mail_uid = ${NOBODY}
mail_gid = ${NOBODY}
first_valid_uid = 1
${this.#oauth2Config()}passdb {
  driver = passwd-file
  args = ${dir}/users
}
userdb {
  driver = passwd-file
  args = ${dir}/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.port}
  }
  inet_listener imaps {
    port = 0
  }
}
namespace inbox {
  inbox = yes
${this.#mailboxesConfig()}
}
`,
    );
  }

  #mailboxesConfig(): string {
    if (!this.options.gmailMailboxes) return '  mailbox Sent {\n    special_use = \\Sent\n  }';
    return [
      '  separator = /',
      '  mailbox "[Gmail]/All Mail" {\n    special_use = \\All\n    auto = create\n  }',
      '  mailbox "[Gmail]/Sent Mail" {\n    special_use = \\Sent\n    auto = create\n  }',
    ].join('\n');
  }

  #tlsConfig(): string {
    const tls = this.options.tls;
    if (!tls) return 'ssl = no\ndisable_plaintext_auth = no';
    return `ssl = required\nssl_cert = <${tls.certFile}\nssl_key = <${tls.keyFile}`;
  }

  /** The oauth2 passdb first, for the token mechanisms only; passwords go on to the passwd-file. */
  #oauth2Config(): string {
    const oauth2 = this.options.oauth2;
    if (!oauth2) return '';
    const file = join(this.dir, 'dovecot-oauth2.conf.ext');
    writeFileSync(
      file,
      `introspection_mode = post
introspection_url = ${oauth2.introspectionUrl}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
`,
    );
    // A refused token is answered at once: Dovecot waits 2 s, and more after each failure from one IP,
    // against guessing (https://doc.dovecot.org/2.3/configuration_manual/authentication/auth_penalty/).
    // XOAUTH2 only, as Microsoft 365 offers it: imapflow would pick OAUTHBEARER where it is offered.
    return `auth_mechanisms = plain login xoauth2
auth_failure_delay = 0
service anvil {
  unix_listener anvil-auth-penalty {
    mode = 0
  }
}
passdb {
  driver = oauth2
  mechanisms = xoauth2
  args = ${file}
}
`;
  }

  #writeUsers(): void {
    const lines = [...this.#users].map(([user, pass]) => {
      const home = join(this.dir, 'home', user);
      mkdirSync(home, { recursive: true });
      chownSync(home, NOBODY, NOBODY);
      return `${user}:{PLAIN}${pass}:${NOBODY}:${NOBODY}::${home}`;
    });
    writeFileSync(join(this.dir, 'users'), `${lines.join('\n')}\n`);
  }
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with code ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on 127.0.0.1:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export { freePort };
