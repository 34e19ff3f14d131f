/**
 * normalize.ratioToJsonParse: parse + validate + normalize 100,000 mentions, divided by JSON.parse
 * alone of the same bytes. The mentions follow the documented answer of GET /2/users/:id/mentions
 * with the fields the adapter asks for.
 */
import { IncludesIndex, normalizeTweet } from '../src/twitter/normalize-tweet.js';
import { tweetListSchema } from '../src/twitter/twitter-schemas.js';

const COUNT = 100_000;

function mentionsBody(): string {
  const users = Array.from({ length: 1000 }, (_, index) => ({ id: String(2000 + index), username: `customer${index}`, name: `Customer ${index}`, profile_image_url: `https://pbs.twimg.com/profile_images/${index}/a_normal.jpg` }));
  const data = Array.from({ length: COUNT }, (_, index) => ({
    id: String(1860000000000000000n + BigInt(index)),
    text: `@acme my order #${index} has not arrived yet, can you help? https://t.co/abc${index}`,
    author_id: String(2000 + (index % 1000)),
    conversation_id: String(1860000000000000000n + BigInt(index - (index % 3))),
    created_at: new Date(1_790_000_000_000 + index * 1000).toISOString(),
    in_reply_to_user_id: '1000',
    edit_history_tweet_ids: [String(1860000000000000000n + BigInt(index))],
    ...(index % 3 ? { referenced_tweets: [{ type: 'replied_to', id: String(1860000000000000000n + BigInt(index - 1)) }] } : {}),
  }));
  return JSON.stringify({ data, includes: { users }, meta: { result_count: COUNT, newest_id: data[COUNT - 1]!.id, oldest_id: data[0]!.id } });
}

// The fastest of several rounds, for both sides: what the code costs when nothing else runs.
function fastest(values: number[]): number {
  return Math.min(...values);
}

export async function benchNormalize(): Promise<{ ratioToJsonParse: number; jsonParseMs: number; normalizeMs: number }> {
  const body = mentionsBody();
  const context = { channel: 'twitter:bench', selfId: '1000' };
  const parseTimes: number[] = [];
  const normalizeTimes: number[] = [];
  let sink = 0;
  // Each side starts on a collected heap (the bench runs with --expose-gc), so garbage left by the
  // parts that ran before, or by the other side, is not collected on this side's clock.
  const collect = () => (globalThis as { gc?: () => void }).gc?.();
  for (let round = 0; round < 7; round++) {
    collect();
    let start = performance.now();
    sink += (JSON.parse(body) as { data: unknown[] }).data.length;
    parseTimes.push(performance.now() - start);

    collect();
    start = performance.now();
    const page = tweetListSchema.parse(JSON.parse(body));
    const index = new IncludesIndex(page.includes);
    for (const tweet of page.data ?? []) sink += normalizeTweet(tweet, index, context).text.length;
    normalizeTimes.push(performance.now() - start);
  }
  if (sink === 0) throw new Error('nothing was parsed');
  const jsonParseMs = fastest(parseTimes);
  const normalizeMs = fastest(normalizeTimes);
  return { ratioToJsonParse: normalizeMs / jsonParseMs, jsonParseMs, normalizeMs };
}
