/**
 * The Google Business Profile world with one review defect in its channels, to show the suite's review
 * promises can fail: 'edit-delivered-twice' (listen() yields each edited review twice) or
 * 'reply-hides-replacement' (reply() drops the editedAt of a reply that replaced another).
 */
import type { Channel, Message } from 'everywhere';
import type { ConformanceTarget } from '../../conformance/world.js';
import { googleBusinessTarget } from '../google-business-world.js';

export type ReviewDefect = 'edit-delivered-twice' | 'reply-hides-replacement';

async function* twiceWhenEdited(messages: AsyncIterable<Message>): AsyncGenerator<Message> {
  for await (const message of messages) {
    yield message;
    if (message.editedAt) yield message;
  }
}

function withDefect(channel: Channel, defect: ReviewDefect): Channel {
  return new Proxy(channel, {
    get(target, key) {
      if (key === 'listen' && defect === 'edit-delivered-twice') return (options?: Parameters<Channel['listen']>[0]) => twiceWhenEdited(target.listen(options));
      if (key === 'reply' && defect === 'reply-hides-replacement') {
        return async (to: Message, draft: Parameters<Channel['reply']>[1]) => {
          const { editedAt: _, ...answer } = await target.reply(to, draft);
          return answer;
        };
      }
      const value = Reflect.get(target, key, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export function brokenReviewTarget(defect: ReviewDefect): ConformanceTarget {
  return {
    ...googleBusinessTarget,
    async setup() {
      const world = await googleBusinessTarget.setup();
      return { ...world, create: (options) => withDefect(world.create(options), defect) };
    },
  };
}
