/**
 * What WordPress would refuse, checked before any request: comment_content is a TEXT column, and
 * wp_check_comment_data_max_lengths refuses more than 65,525 bytes (wp_get_comment_fields_max_lengths:
 * the column's 65,535 bytes less 10) with `comment_content_column_length`.
 */
import type { Draft } from '../core/channel.js';
import type { AdapterContext } from '../core/adapter-context.js';
import { InvalidDraftError } from '../core/errors.js';

export const MAX_COMMENT_BYTES = 65_525;

export function checkWordpressDraft(draft: Draft, context: AdapterContext): void {
  const bytes = new TextEncoder().encode(draft.text).length;
  if (bytes > MAX_COMMENT_BYTES) {
    const reason = `the text is ${bytes} bytes in UTF-8; a WordPress comment holds at most ${MAX_COMMENT_BYTES} (comment_content_column_length)`;
    throw new InvalidDraftError(reason, { ...context.errorOptions(), reasons: [reason] });
  }
}
