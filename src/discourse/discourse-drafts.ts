/**
 * What Discourse would refuse, checked before any request with the forum's lengths (discourse-lengths.ts):
 * a length not known yet (the site not read) is left to the check after reading it, or to the server.
 */
import type { Draft, Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { InvalidDraftError } from '../core/errors.js';
import type { DiscourseLengths } from './discourse-lengths.js';

// Short enough to read in a message list; well under max_topic_title_length.
const PRIVATE_TITLE_LENGTH = 80;

export function checkDiscourseDraft(draft: Draft, to: Message | undefined, context: AdapterContext, lengths: Partial<DiscourseLengths>): void {
  const refuse = (reason: string) => {
    throw new InvalidDraftError(reason, { ...context.errorOptions(), reasons: [reason] });
  };
  const direct = draft.to !== undefined || to?.kind === 'direct';
  const text = draft.text.trim();
  const max = lengths.maxPostLength;
  if (max !== undefined && text.length > max) refuse(`the text is ${text.length} characters; Discourse allows ${max}`);
  const minimum = direct ? lengths.minPersonalMessagePostLength : to ? lengths.minPostLength : lengths.minFirstPostLength;
  if (minimum !== undefined && text.length < minimum) refuse(`the text is ${text.length} characters; Discourse asks at least ${minimum}`);
  if (to) return; // a reply keeps its topic's title
  if (draft.to !== undefined) {
    const subject = draft.subject?.trim();
    const least = lengths.minPersonalMessageTitleLength;
    if (subject && least !== undefined && subject.length < least) refuse(`the title is ${subject.length} characters; Discourse asks at least ${least}`);
    return; // without a subject, a private message derives its title from the text
  }
  const title = draft.subject?.trim();
  if (!title) return refuse('a new topic needs a title: set subject');
  const [least, most] = [lengths.minTopicTitleLength, lengths.maxTopicTitleLength];
  if ((least !== undefined && title.length < least) || (most !== undefined && title.length > most)) {
    refuse(`the title is ${title.length} characters; Discourse asks ${least ?? 1} to ${most ?? 'any number of'}`);
  }
}

/**
 * A private message's title: the subject, or the text's first line, shortened. A first line shorter than
 * min_personal_message_title_length would be refused: the whole text on one line is used instead.
 */
export function privateMessageTitle(draft: Draft, minTitle = 2): string {
  const firstLine = draft.text.trim().split('\n')[0]!.trim();
  const title = draft.subject?.trim() || (firstLine.length >= minTitle ? firstLine : draft.text.trim().replace(/\s+/g, ' '));
  return title.length <= PRIVATE_TITLE_LENGTH ? title : `${title.slice(0, PRIVATE_TITLE_LENGTH - 1).trimEnd()}…`;
}
