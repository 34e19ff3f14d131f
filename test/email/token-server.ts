/**
 * An OAuth 2.0 authorization server for the mail tests, on 127.0.0.1: it issues access tokens for
 * mail users, answers Dovecot's token introspection (RFC 7662: `POST token=...` →
 * `{ active, username }`, what Dovecot's oauth2 passdb reads with `introspection_mode = post`), and
 * serves the refresh_token grant (RFC 6749 §6) at /token, rotating the refresh token as Microsoft does.
 * It records every token it was asked about, so a test sees which token each connection used.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export class TokenServer {
  port = 0;
  /** The access tokens introspected (one per IMAP login with a token), in order. */
  readonly introspected: string[] = [];
  /** Refresh grants answered with a new token set. */
  refreshes = 0;
  readonly #active = new Map<string, string>(); // access token → user
  readonly #refreshTokens = new Map<string, string>(); // refresh token → user
  readonly #server: Server = createServer((request, response) => void this.#handle(request, response));

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.port = (this.#server.address() as { port: number }).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** A new access token for `user`. */
  issue(user: string): string {
    const token = `at-${randomUUID()}`;
    this.#active.set(token, user);
    return token;
  }

  /** A refresh token for `user`, as a consent screen would hand out. */
  grant(user: string): string {
    const token = `rt-${randomUUID()}`;
    this.#refreshTokens.set(token, user);
    return token;
  }

  revoke(accessToken: string): void {
    this.#active.delete(accessToken);
  }

  /** The user an access token stands for, while it is active. */
  userOf(accessToken: string): string | undefined {
    return this.#active.get(accessToken);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (request.method === 'POST' && request.url === '/introspect') {
      const token = form.get('token') ?? '';
      this.introspected.push(token);
      const user = this.#active.get(token);
      return json(200, user ? { active: true, username: user } : { active: false });
    }
    if (request.method === 'POST' && request.url === '/token') {
      const user = form.get('grant_type') === 'refresh_token' ? this.#refreshTokens.get(form.get('refresh_token') ?? '') : undefined;
      if (!user) return json(400, { error: 'invalid_grant', error_description: 'the refresh token is not valid' });
      this.#refreshTokens.delete(form.get('refresh_token')!);
      this.refreshes += 1;
      return json(200, { access_token: this.issue(user), token_type: 'Bearer', expires_in: 3600, refresh_token: this.grant(user), scope: 'https://outlook.office.com/IMAP.AccessAsUser.All' });
    }
    json(404, { error: 'not_found' });
  }
}
