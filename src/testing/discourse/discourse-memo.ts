/**
 * PostsController#create's memo for API requests: an identical create (same user, same parameters)
 * within 120 s is answered with the first one's result instead of being carried out again
 * (DistributedMemoizer, https://github.com/discourse/discourse/blob/main/app/controllers/posts_controller.rb).
 */
import { parseJson } from '../../core/json.js';

const MEMO_MS = 120_000;

export class CreateMemo {
  readonly #answers = new Map<string, { at: number; status: number; body: string }>();

  answer(username: string, body: string): Response | undefined {
    const key = keyOf(username, body);
    const memo = key === undefined ? undefined : this.#answers.get(key);
    if (!memo || Date.now() - memo.at >= MEMO_MS) return undefined;
    return new Response(memo.body, { status: memo.status, headers: { 'content-type': 'application/json' } });
  }

  remember(username: string, body: string, status: number, text: string): void {
    const key = keyOf(username, body);
    if (key !== undefined) this.#answers.set(key, { at: Date.now(), status, body: text });
  }
}

/** The user and the parameters, their order aside. */
function keyOf(username: string, body: string): string | undefined {
  const parsed = parseJson(body);
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const sorted = Object.keys(parsed).sort().map((key) => [key, (parsed as Record<string, unknown>)[key]]);
  return `${username.toLowerCase()}\n${JSON.stringify(sorted)}`;
}
