/**
 * Synthetic mentions made on demand from their index and never stored, so a benchmark can have the
 * mentions endpoint serve a million of them in constant memory. Each is a real-shaped post
 * (latest-openapi.json component Tweet) with a snowflake id minted from its index: the order, since_id,
 * until_id and paging work exactly as for stored posts.
 */
import type { EmulatedTweet, EmulatedUser } from './twitter-emulator-state.js';
import type { Bounds, TimelineSource } from './twitter-emulator-timeline.js';
import { snowflake, snowflakeTime } from './twitter-snowflake.js';

// A worker number no stored id uses, so synthetic and stored ids never collide.
const SYNTHETIC_WORKER = 1023;

export interface FirehoseOptions {
  /** When the first synthetic mention was posted. @default `count × spacingMs` before now, so the last one is just now */
  start?: Date;
  /** Milliseconds between two synthetic mentions (at least 1). @default 1 */
  spacingMs?: number;
}

export class Firehose implements TimelineSource<EmulatedTweet> {
  readonly startMs: number;
  readonly spacingMs: number;

  constructor(
    readonly count: number,
    private readonly self: EmulatedUser,
    private readonly authors: EmulatedUser[],
    options: FirehoseOptions = {},
  ) {
    if (!Number.isInteger(count) || count < 0) throw new TypeError('firehose count must be a whole number ≥ 0');
    this.spacingMs = Math.max(1, Math.floor(options.spacingMs ?? 1));
    this.startMs = options.start?.getTime() ?? Date.now() - count * this.spacingMs;
  }

  idAt(index: number): bigint {
    return snowflake(this.startMs + index * this.spacingMs, SYNTHETIC_WORKER);
  }

  /** The synthetic post with this id, if it is one. */
  tweet(id: string): EmulatedTweet | undefined {
    if (!/^[0-9]{1,19}$/.test(id)) return undefined;
    const index = Math.round((snowflakeTime(id) - this.startMs) / this.spacingMs);
    return index >= 0 && index < this.count && this.idAt(index) === BigInt(id) ? this.tweetAt(index) : undefined;
  }

  tweetAt(index: number): EmulatedTweet {
    const id = this.idAt(index).toString();
    const author = this.authors[index % this.authors.length]!;
    return {
      id,
      text: `@${this.self.username} synthetic mention ${index + 1} of ${this.count}`,
      author_id: author.id,
      conversation_id: id,
      created_at: new Date(this.startMs + index * this.spacingMs).toISOString(),
      edit_history_tweet_ids: [id],
    };
  }

  newest(bounds: Bounds, limit: number): EmulatedTweet[] {
    const found: EmulatedTweet[] = [];
    for (let index = this.#highest(bounds.before); index >= this.#lowest(bounds.after) && found.length < limit; index--) found.push(this.tweetAt(index));
    return found;
  }

  oldest(bounds: Bounds, limit: number): EmulatedTweet[] {
    const found: EmulatedTweet[] = [];
    for (let index = this.#lowest(bounds.after); index <= this.#highest(bounds.before) && found.length < limit; index++) found.push(this.tweetAt(index));
    return found;
  }

  /** The highest index whose id is below `before`. */
  #highest(before: bigint | undefined): number {
    if (before === undefined) return this.count - 1;
    let index = Math.floor((snowflakeTime(before) - this.startMs) / this.spacingMs);
    if (index >= 0 && index < this.count && this.idAt(index) >= before) index -= 1;
    return Math.min(index, this.count - 1);
  }

  /** The lowest index whose id is above `after`. */
  #lowest(after: bigint | undefined): number {
    if (after === undefined) return 0;
    let index = Math.ceil((snowflakeTime(after) - this.startMs) / this.spacingMs);
    if (index >= 0 && index < this.count && this.idAt(index) <= after) index += 1;
    return Math.max(index, 0);
  }
}
