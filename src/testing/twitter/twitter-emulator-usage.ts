/**
 * The plan's monthly post cap as X keeps it: counted from the plan's billing day (`cap_reset_day`) to the
 * next, and shown by GET /2/usage/tweets, which only an app-only bearer token may call (X's OpenAPI
 * document 2.167: `security` BearerToken, `Usage` object, `usage.fields`, `days` 1–90; docs.x.com
 * "Usage": https://docs.x.com/x-api/usage/introduction, 50 requests per 15 minutes per app;
 * "Post cap": https://docs.x.com/x-api/x-api-v2/fundamentals/tweet-cap, reads of the same post within a
 * UTC day count once, which the emulator does not model: it counts every post served).
 * Assumed where the documents are silent: the cap resets at 00:00 UTC of the billing day (the last day
 * of a month without it); `cap_reset_day`, `project_cap`, `project_id` and `project_usage` come by default,
 * the daily breakdowns only when `usage.fields` asks for them.
 */
import { parseQuery, type ParamRule } from './twitter-emulator-params.js';
import type { Problem } from './twitter-emulator-problems.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const USAGE_FIELDS = ['cap_reset_day', 'daily_client_app_usage', 'daily_project_usage', 'project_cap', 'project_id', 'project_usage'] as const;
const USAGE_PARAMS: Record<string, ParamRule> = {
  days: { kind: 'integer', min: 1, max: 90 },
  'usage.fields': { kind: 'list', values: USAGE_FIELDS },
};
const DEFAULT_FIELDS = ['cap_reset_day', 'project_cap', 'project_id', 'project_usage'];

/** Midnight UTC of the first billing day after `time` (the month's last day when it has no such day). */
export function nextCapReset(time: number, capResetDay: number): number {
  const date = new Date(time);
  const resetIn = (monthOffset: number) => {
    const lastDay = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + monthOffset + 1, 0)).getUTCDate();
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + monthOffset, Math.min(capResetDay, lastDay));
  };
  const thisMonth = resetIn(0);
  return thisMonth > time ? thisMonth : resetIn(1);
}

/** Posts read per UTC day and in the current billing period, which starts again on the billing day. */
export class PostCapUsage {
  #postsRead = 0;
  #periodEnd: number;
  readonly #daily = new Map<number, number>();

  constructor(
    readonly capResetDay: number,
    readonly cap: number,
    readonly projectId: string,
  ) {
    this.#periodEnd = nextCapReset(Date.now(), capResetDay);
  }

  /** Posts served by reads this billing period. */
  get postsRead(): number {
    this.#roll();
    return this.#postsRead;
  }

  set postsRead(count: number) {
    this.#roll();
    this.#postsRead = count;
  }

  count(posts: number): void {
    this.#roll();
    this.#postsRead += posts;
    const day = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    this.#daily.set(day, (this.#daily.get(day) ?? 0) + posts);
  }

  /** GET /2/usage/tweets: the Usage object, or the 400 of a bad parameter. */
  answer(url: URL): { status: number; body: unknown } {
    const parsed = parseQuery(url, USAGE_PARAMS);
    if ('problem' in parsed) return { status: 400, body: parsed.problem satisfies Problem };
    const fields = new Set([...DEFAULT_FIELDS, ...((parsed.query['usage.fields'] as string[] | undefined) ?? [])]);
    const days = (parsed.query.days as number | undefined) ?? 7;
    const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const usage = Array.from({ length: days }, (_, index) => today - (days - 1 - index) * DAY_MS).map((day) => ({ date: new Date(day).toISOString(), usage: String(this.#daily.get(day) ?? 0) }));
    const all: Record<string, unknown> = {
      cap_reset_day: this.capResetDay,
      project_cap: String(this.cap),
      project_id: this.projectId,
      project_usage: String(this.postsRead),
      daily_project_usage: { project_id: this.projectId, usage },
      daily_client_app_usage: [{ client_app_id: `${this.projectId}1`, usage, usage_result_count: usage.length }],
    };
    return { status: 200, body: { data: Object.fromEntries(Object.entries(all).filter(([name]) => fields.has(name))) } };
  }

  #roll(): void {
    const now = Date.now();
    if (now < this.#periodEnd) return;
    this.#postsRead = 0;
    this.#periodEnd = nextCapReset(now, this.capResetDay);
  }
}
