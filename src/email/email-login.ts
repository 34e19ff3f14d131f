/**
 * The login of one mail server, resolved for each new connection: a password, an access token (a
 * string, or a function called again for every connection), or the channel's managed token. Every
 * form that can reach the wire is a secret of the channel, so no error shows it: the password, its
 * SASL PLAIN and LOGIN forms (RFC 4616), the token and its XOAUTH2 and OAUTHBEARER forms (RFC 7628).
 */
import type { ChannelContext } from '../core/context.js';
import { resolveSecret } from '../core/options.js';
import type { EmailServerAuth } from './email-options.js';

/** What keeps a managed token fresh: the current one, and a new one after the server refused one. */
export interface ManagedToken {
  accessToken(): Promise<string>;
  refused(token: string): Promise<string>;
}

export type Login = { user: string; pass: string } | { user: string; accessToken: string; managed: boolean };

export class ServerLogin {
  constructor(
    private readonly auth: EmailServerAuth | undefined,
    private readonly context: ChannelContext,
    private readonly managed: ManagedToken | undefined,
    /** Where the connection goes: OAUTHBEARER names the host and port in its payload. */
    private readonly server: { host: string; port: number },
  ) {}

  /** The login for a new connection; undefined for a server that needs none. */
  async resolve(): Promise<Login | undefined> {
    const auth = this.auth;
    if (!auth) return undefined;
    if ('pass' in auth) {
      this.#passwordSecrets(auth.user, auth.pass);
      return { user: auth.user, pass: auth.pass };
    }
    if ('accessToken' in auth) return this.#token(auth.user, await resolveSecret(auth.accessToken), false);
    // Options are validated: a server with only a user has the managed token.
    return this.#token(auth.user, await this.managed!.accessToken(), true);
  }

  /**
   * After the server refused `login`: the login to try once more, or undefined when another try
   * cannot help. Only a managed token is worth it: its keeper refreshes a token the server refused
   * although it had not expired yet (revoked, or the clock of one side is off).
   */
  async afterRefusal(login: Login): Promise<Login | undefined> {
    if (!('accessToken' in login) || !login.managed) return undefined;
    return this.#token(login.user, await this.managed!.refused(login.accessToken), true);
  }

  #token(user: string, token: string, managed: boolean): Login {
    this.context.addSecret(token);
    this.context.addSecret(Buffer.from(`user=${user}\x01auth=Bearer ${token}\x01\x01`).toString('base64'));
    const saslName = user.replace(/=/g, '=3D').replace(/,/g, '=2C');
    this.context.addSecret(Buffer.from(`n,a=${saslName},\x01host=${this.server.host}\x01port=${this.server.port}\x01auth=Bearer ${token}\x01\x01`).toString('base64'));
    return { user, accessToken: token, managed };
  }

  #passwordSecrets(user: string, pass: string): void {
    this.context.addSecret(pass);
    this.context.addSecret(Buffer.from(`\0${user}\0${pass}`).toString('base64'));
    this.context.addSecret(Buffer.from(pass).toString('base64'));
  }
}
