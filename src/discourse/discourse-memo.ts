/**
 * Discourse memoizes API creates: PostsController#create answers an identical POST /posts.json of the
 * same user within 120 s with the first one's result (DistributedMemoizer, keyed by the user and the
 * parameters). So an ambiguous create repeated inside that window is safe: it returns the post that
 * landed, or creates it when none did. The time of each create is kept in the channel's store (every
 * process sharing it sees it), with a margin for clocks and the request's own time.
 */
import type { Store } from '../core/channel.js';
import { sha256Hex } from '../core/hex.js';

export const MEMOIZED_MS = 120_000;
const MARGIN_MS = 20_000;

export class CreateMemo {
  constructor(
    private readonly store: Store,
    private readonly channelId: string,
  ) {}

  /** Just before a create goes out. */
  async record(body: unknown): Promise<void> {
    await this.store.set(await this.#key(body), String(Date.now()), { ttlMs: MEMOIZED_MS });
  }

  /** A create whose outcome is known (held for review): never repeated. */
  async forget(body: unknown): Promise<void> {
    await this.store.delete(await this.#key(body));
  }

  /** Whether the same create, sent again now, is answered from the server's memo. */
  async repeatable(body: unknown): Promise<boolean> {
    const at = Number(await this.store.get(await this.#key(body)));
    return Number.isFinite(at) && at > 0 && Date.now() - at < MEMOIZED_MS - MARGIN_MS;
  }

  async #key(body: unknown): Promise<string> {
    return `${this.channelId}:discourse:create:${await sha256Hex(JSON.stringify(body))}`;
  }
}
