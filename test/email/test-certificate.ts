/**
 * A self-signed certificate for 127.0.0.1 and localhost, made at test start with openssl (Debian's
 * `openssl` package): Dovecot and smtp-server serve it, and the clients trust it through `tls.ca`,
 * as they would a private CA's. Its files live in a temporary directory the caller removes.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { realServerAvailable } from '../support/requires-real-server.js';

/** True when openssl can make the certificate; otherwise one test says why (skipped, or failed under CI). */
export function requireOpenssl(): boolean {
  const found = spawnSync('openssl', ['version']);
  return realServerAvailable({
    server: 'openssl',
    unusable: found.status === 0 ? undefined : 'openssl is not installed',
    tests: 'test/email/email-starttls.test.ts and email-xoauth2.test.ts (STARTTLS with a certificate made at test start)',
    fix: 'Install it (apt-get install -y openssl).',
  });
}

export interface TestCertificate {
  cert: string;
  key: string;
  certFile: string;
  keyFile: string;
  dispose(): void;
}

export function makeTestCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'everywhere-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  const made = spawnSync(
    'openssl',
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
    { encoding: 'utf8' },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.error?.message ?? made.stderr}`);
  return {
    cert: readFileSync(certFile, 'utf8'),
    key: readFileSync(keyFile, 'utf8'),
    certFile,
    keyFile,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
