/**
 * Mail that no bot should answer (RFC 3834 §2, https://www.rfc-editor.org/rfc/rfc3834#section-2),
 * so two bots never loop and no bounce, list post or vacation notice gets an answer:
 * - `Auto-Submitted` other than `no` (RFC 3834 §5)
 * - `Return-Path: <>`: the null reverse-path of bounces and other notifications (RFC 5321 §4.5.5)
 * - `Content-Type: multipart/report`: delivery and disposition reports (RFC 6522, RFC 3464)
 * - a sender whose local part is `MAILER-DAEMON` or `postmaster` (RFC 3834 §2: never answer them)
 * - `List-Id` / `List-Unsubscribe`: list traffic (RFC 2919, RFC 2369)
 * - `X-Auto-Response-Suppress` (Exchange and Outlook set it on what must not be answered)
 * - `Precedence: bulk | junk | list` (RFC 3834 §3.1.8 lists it as the de-facto marker)
 * - `X-Autoreply` / `X-Autorespond` (set by Exchange, qmail and vacation programs)
 */
export function isAutomatic(headers: ReadonlyMap<string, string>, sender?: string): boolean {
  const submitted = headers.get('auto-submitted');
  if (submitted !== undefined && submitted.trim().split(/[;\s]/)[0]!.toLowerCase() !== 'no') return true;
  if (headers.get('return-path')?.replace(/\s/g, '') === '<>') return true;
  if (/^\s*multipart\/report\b/i.test(headers.get('content-type') ?? '')) return true;
  if (sender !== undefined && /^(mailer-daemon|postmaster)$/i.test(localPart(sender))) return true;
  if (headers.has('list-id') || headers.has('list-unsubscribe') || headers.has('x-auto-response-suppress')) return true;
  const precedence = headers.get('precedence')?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return true;
  return headers.has('x-autoreply') || headers.has('x-autorespond');
}

function localPart(address: string): string {
  const at = address.lastIndexOf('@');
  return (at >= 0 ? address.slice(0, at) : address).trim();
}
