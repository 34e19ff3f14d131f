/**
 * What Discourse would refuse, checked before any request (default site settings,
 * https://github.com/discourse/discourse/blob/main/config/site_settings.yml): min_topic_title_length 15,
 * max_topic_title_length 255, min_first_post_length / min_post_length 20,
 * min_personal_message_title_length 2, min_personal_message_post_length 10, max_post_length 32000.
 */
import type { Draft, Message } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { InvalidDraftError } from '../core/errors.js';

export const MAX_POST_LENGTH = 32_000;
const MIN_TITLE = 15;
const MAX_TITLE = 255;
const MIN_PRIVATE_TITLE = 2;
// Short enough to read in a message list; well under max_topic_title_length.
const PRIVATE_TITLE_LENGTH = 80;

export function checkDiscourseDraft(draft: Draft, to: Message | undefined, context: AdapterContext): void {
  const refuse = (reason: string) => {
    throw new InvalidDraftError(reason, { ...context.errorOptions(), reasons: [reason] });
  };
  const direct = draft.to !== undefined || to?.kind === 'direct';
  const text = draft.text.trim();
  if (text.length > MAX_POST_LENGTH) refuse(`the text is ${text.length} characters; Discourse allows ${MAX_POST_LENGTH}`);
  const minimum = direct ? 10 : 20;
  if (text.length < minimum) refuse(`the text is ${text.length} characters; Discourse asks at least ${minimum}`);
  if (to) return; // a reply keeps its topic's title
  if (draft.to !== undefined) {
    const subject = draft.subject?.trim();
    if (subject !== undefined && subject !== '' && subject.length < MIN_PRIVATE_TITLE) refuse(`the title is ${subject.length} character; Discourse asks at least ${MIN_PRIVATE_TITLE}`);
    return; // without a subject, a private message derives its title from the text
  }
  const title = draft.subject?.trim();
  if (!title) refuse('a new topic needs a title: set subject');
  else if (title.length < MIN_TITLE || title.length > MAX_TITLE) refuse(`the title is ${title.length} characters; Discourse asks ${MIN_TITLE} to ${MAX_TITLE}`);
}

/**
 * A private message's title: the subject, or the text's first line, shortened. A first line shorter than
 * min_personal_message_title_length (2) would be refused: the whole text on one line is used instead
 * (the text itself is at least 10 characters, min_personal_message_post_length).
 */
export function privateMessageTitle(draft: Draft): string {
  const firstLine = draft.text.trim().split('\n')[0]!.trim();
  const title = draft.subject?.trim() || (firstLine.length >= MIN_PRIVATE_TITLE ? firstLine : draft.text.trim().replace(/\s+/g, ' '));
  return title.length <= PRIVATE_TITLE_LENGTH ? title : `${title.slice(0, PRIVATE_TITLE_LENGTH - 1).trimEnd()}…`;
}
