/**
 * Which position of one source may be saved as its cursor. A position is saved only when every
 * earlier message of the source is handled; messages another worker holds block it until done.
 */
export class CursorTracker {
  readonly #handled: string[] = [];
  readonly #blocked = new Set<string>();

  constructor(private readonly compare: (a: string, b: string) => number) {}

  /** Another worker holds this position: positions after it wait for it. */
  block(position: string): void {
    this.#blocked.add(position);
  }

  unblock(position: string): void {
    this.#blocked.delete(position);
  }

  /** Record a handled position; returns the position that may now be saved, if any. */
  handled(position: string): string | undefined {
    this.#handled.push(position);
    return this.next();
  }

  /** The highest handled position below every blocked one (removing what it covers). */
  next(): string | undefined {
    let lowestBlocked: string | undefined;
    for (const position of this.#blocked) {
      if (lowestBlocked === undefined || this.compare(position, lowestBlocked) < 0) lowestBlocked = position;
    }
    let best: string | undefined;
    for (let index = this.#handled.length - 1; index >= 0; index--) {
      const position = this.#handled[index]!;
      if (lowestBlocked !== undefined && this.compare(position, lowestBlocked) >= 0) continue;
      if (best === undefined || this.compare(position, best) > 0) best = position;
      this.#handled.splice(index, 1);
    }
    return best;
  }
}
