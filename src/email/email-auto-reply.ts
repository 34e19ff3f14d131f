/**
 * Mail that no bot should answer, so two bots never loop: auto-replies and list traffic.
 * - `Auto-Submitted` other than `no` (RFC 3834 §5: https://www.rfc-editor.org/rfc/rfc3834#section-5)
 * - `Precedence: bulk | junk | list` (RFC 3834 §3.1.8 lists it as the de-facto marker)
 * - `X-Autoreply` / `X-Autorespond` (set by Exchange, qmail and vacation programs)
 */
export function isAutomatic(headers: ReadonlyMap<string, string>): boolean {
  const submitted = headers.get('auto-submitted');
  if (submitted !== undefined && submitted.trim().split(/[;\s]/)[0]!.toLowerCase() !== 'no') return true;
  const precedence = headers.get('precedence')?.trim().toLowerCase();
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return true;
  return headers.has('x-autoreply') || headers.has('x-autorespond');
}
