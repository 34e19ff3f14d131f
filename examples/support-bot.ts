/**
 * A support bot in one loop: every new message, on every channel, gets a personal answer in its own
 * thread (a DM by DM, a mention in its conversation, an email as a reply). Redelivery after a crash
 * answers nobody twice: reply() carries an idempotency key made of the parent id and the text.
 *
 * Run it against the sandbox with `npm run demo`, or import `supportBot` with your own channels.
 */
import type { Draft, ListenOptions, Message } from 'everywhere';

/** Anything that listens and replies: one Channel, or the hub of many. */
export interface Conversations {
  listen(options?: ListenOptions): AsyncIterable<Message>;
  reply(to: Message, draft: Draft): Promise<Message>;
}

export function answerFor(message: Message): Draft {
  const name = message.author.name ?? message.author.handle ?? 'there';
  if (message.kind === 'direct' || message.kind === 'email') {
    return { text: `Hi ${name}, thanks for writing to us. A person from our team will follow up here within the hour.` };
  }
  return { text: `Thanks ${name}! We're on it and will update this thread shortly.` };
}

export async function supportBot(
  conversations: Conversations,
  options: { signal?: AbortSignal; log?: (line: string) => void } = {},
): Promise<void> {
  const log = options.log ?? console.log;
  for await (const message of conversations.listen(options.signal ? { signal: options.signal } : {})) {
    log(`← ${message.channel} ${message.kind} from @${message.author.handle ?? message.author.id}: ${message.text}`);
    const answer = await conversations.reply(message, answerFor(message));
    log(`→ ${answer.channel} ${answer.kind} in thread ${answer.threadId}: ${answer.text}`);
  }
}
