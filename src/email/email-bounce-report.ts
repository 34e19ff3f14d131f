/**
 * A bounce of a mail the channel sent is reported, never delivered: one `'error'` event per recipient
 * the report says failed, a PlatformError naming the recipient, with the RFC 3463 status as
 * `platformCode` and the remote server's reply as `platformMessage`.
 */
import type { ChannelContext } from '../core/context.js';
import { PlatformError } from '../core/errors.js';
import { sameAddress } from './email-address.js';
import type { NormalizedMail } from './normalize-mail.js';

/** `platformSubcode` of a bounce's PlatformError. */
export const BOUNCED = 'BOUNCED';

export function reportBounce(mail: NormalizedMail, context: ChannelContext, address: string): void {
  const report = mail.report;
  // Only the channel's own mail: a bounce of someone else's (a forwarded one, spam with a forged sender) is just skipped.
  if (!report || !sameAddress(report.originalFrom, address)) return;
  for (const entry of report.recipients) {
    if (entry.action !== 'failed') continue;
    const about = report.originalMessageId ? ` <${report.originalMessageId}>` : '';
    context.emit(
      'error',
      new PlatformError(`the mail${about} to ${entry.recipient} bounced: ${entry.status}${entry.diagnostic ? ` (${entry.diagnostic})` : ''}`, {
        ...context.errorOptions(),
        platformCode: entry.status,
        platformSubcode: BOUNCED,
        ...(entry.diagnostic ? { platformMessage: entry.diagnostic } : {}),
        details: { recipient: entry.recipient, ...(report.originalMessageId ? { messageId: report.originalMessageId } : {}) },
      }),
    );
  }
}
