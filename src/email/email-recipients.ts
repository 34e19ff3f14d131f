/**
 * Who a reply goes to. The sender (its Reply-To when there is one, RFC 5322 §3.6.3); to the channel's
 * own mail, its first recipient. With `replyAll`, as a mail client's "Reply all": the other To
 * recipients join To and the Cc recipients stay in Cc, never the channel's own address or aliases,
 * each address once.
 */
import { sameAddress } from './email-address.js';
import type { EmailRaw } from './normalize-mail.js';

export interface Recipients {
  to: string[];
  cc: string[];
}

export function replyRecipients(
  raw: Partial<EmailRaw>,
  /** The author's address; undefined when the mail is the channel's own. */
  author: string | undefined,
  settings: { address: string; aliases: readonly string[]; replyAll: boolean },
): Recipients | undefined {
  const own = [settings.address, ...settings.aliases];
  const isOwn = (address: string) => own.some((self) => sameAddress(self, address));
  const ccOnly = raw.cc ?? [];
  const toOnly = (raw.to ?? []).filter((address) => !ccOnly.some((cc) => sameAddress(cc, address)));
  const sender = author === undefined ? toOnly[0] : (raw.replyTo?.[0] ?? raw.from ?? author);
  if (!sender) return undefined;
  if (!settings.replyAll) return { to: [sender], cc: [] };
  const seen: string[] = [];
  const keep = (address: string) => {
    if (isOwn(address) || seen.some((earlier) => sameAddress(earlier, address))) return false;
    seen.push(address);
    return true;
  };
  const to = [sender, ...(author === undefined ? toOnly.slice(1) : toOnly)].filter(keep);
  const cc = ccOnly.filter(keep);
  return to.length > 0 ? { to, cc } : cc.length > 0 ? { to: cc, cc: [] } : undefined;
}
