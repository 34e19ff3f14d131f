/**
 * Fixed rate-limit windows as platforms keep them: a window opens at the first request (on a
 * whole second, since X and others report resets in epoch seconds) and lasts `windowMs`.
 */
export interface WindowRule {
  limit: number;
  windowMs: number;
}

/** A bucket's window as it stands, for a viewer (the sandbox page): read-only. */
export interface BucketSnapshot {
  bucket: string;
  limit: number;
  /** Requests counted in the current window. */
  used: number;
  /** When the current window ends (epoch ms). */
  resetAt: number;
}

export interface WindowHit {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch ms. */
  resetAt: number;
}

interface Window {
  start: number;
  count: number;
}

export class WindowLimiter {
  readonly #windows = new Map<string, Window>();
  /** The most requests allowed in any one window of any bucket (tests check it never exceeds the limit). */
  maxInWindow = 0;
  /** How many requests were refused. */
  refused = 0;

  constructor(private readonly rules: (bucket: string) => WindowRule | undefined) {}

  hit(bucket: string, now = Date.now()): WindowHit | undefined {
    const rule = this.rules(bucket);
    if (!rule) return undefined;
    let window = this.#windows.get(bucket);
    if (!window || now >= window.start + rule.windowMs) {
      window = { start: Math.floor(now / 1000) * 1000, count: 0 };
      if (now >= window.start + rule.windowMs) window.start = now;
      this.#windows.set(bucket, window);
    }
    const resetAt = window.start + rule.windowMs;
    if (window.count >= rule.limit) {
      this.refused += 1;
      return { allowed: false, limit: rule.limit, remaining: 0, resetAt };
    }
    window.count += 1;
    this.maxInWindow = Math.max(this.maxInWindow, window.count);
    return { allowed: true, limit: rule.limit, remaining: rule.limit - window.count, resetAt };
  }

  /** Look without counting. */
  peek(bucket: string, now = Date.now()): WindowHit | undefined {
    const rule = this.rules(bucket);
    if (!rule) return undefined;
    const window = this.#windows.get(bucket);
    if (!window || now >= window.start + rule.windowMs) {
      return { allowed: true, limit: rule.limit, remaining: rule.limit, resetAt: Math.floor(now / 1000) * 1000 + rule.windowMs };
    }
    return { allowed: window.count < rule.limit, limit: rule.limit, remaining: rule.limit - window.count, resetAt: window.start + rule.windowMs };
  }

  /** Every bucket that has a window, as it stands at `now` (a window past its end reads as empty). */
  snapshot(now = Date.now()): BucketSnapshot[] {
    const buckets: BucketSnapshot[] = [];
    for (const [bucket, window] of this.#windows) {
      const rule = this.rules(bucket);
      if (!rule) continue;
      const ended = now >= window.start + rule.windowMs;
      buckets.push({ bucket, limit: rule.limit, used: ended ? 0 : window.count, resetAt: ended ? now + rule.windowMs : window.start + rule.windowMs });
    }
    return buckets;
  }

  reset(): void {
    this.#windows.clear();
    this.maxInWindow = 0;
    this.refused = 0;
  }
}
