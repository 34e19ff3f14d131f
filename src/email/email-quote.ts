/**
 * The new part of a reply: what the customer wrote, without the history their mail client quoted
 * under it. Mail clients mark the quote in a few ways (the fixtures in test/fixtures/email show each):
 * - an attribution line "On <date>, <name> wrote:" (Gmail, Apple Mail, Thunderbird), in the client's
 *   language ("Am … schrieb …:", "Le … a écrit :", "El … escribió:", …), possibly wrapped over two lines;
 * - `>`-prefixed lines (RFC 3676 §4.5 quoting), dropped wherever they are, so an answer written
 *   between quoted lines stays;
 * - Outlook's "-----Original Message-----" separator, or its header block "From: … / Sent: … / To: … /
 *   Subject: …" (localized: "Von:/Gesendet:", "De :/Envoyé :", …), often under a line of underscores.
 * Everything from the first of these markers on is history. A mail that is only a quote keeps its text.
 */

// Attribution lines, by language: the line ends with the verb and a colon.
const ATTRIBUTION = [
  /^On\b.{0,300}\bwrote:\s*$/is, // English
  /^Am\b.{0,300}\bschrieb\b.{0,200}:\s*$/is, // German
  /^Le\b.{0,300}\ba écrit\s*:\s*$/is, // French
  /^El\b.{0,300}\bescribió\s*:\s*$/is, // Spanish
  /^Il\b.{0,300}\bha scritto\s*:\s*$/is, // Italian
  /^Em\b.{0,300}\bescreveu\s*:\s*$/is, // Portuguese
  /^Op\b.{0,300}\bschreef\b.{0,200}:\s*$/is, // Dutch
  /^(Den|På)\b.{0,300}\bskrev\b.{0,200}:\s*$/is, // Swedish, Danish, Norwegian
  /^W dniu\b.{0,300}\bpisze\s*:\s*$/is, // Polish
  /^.{0,300}\b(пишет|написал|написала)\s*:\s*$/is, // Russian
];

const ORIGINAL_MESSAGE = /^\s*-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale|Mensagem original|Oorspronkelijk bericht|Originalmeddelande)\s*-{2,}\s*$/i;

// Outlook's header block: a "From:" line followed within a few lines by a "Sent:"/"Date:" line.
const FROM_FIELD = /^\s*\*?(From|Von|De|Da|Van|Från|Fra|Od)\s*\*?\s*:/i;
const SENT_FIELD = /^\s*\*?(Sent|Date|Gesendet|Datum|Envoyé|Enviado|Inviato|Verzonden|Skickat|Sendt|Wysłano)\s*\*?\s*:/i;
const UNDERSCORES = /^\s*_{10,}\s*$/;

export function newPart(text: string): string {
  const lines = text.split(/\r?\n/);
  const end = historyStart(lines);
  const kept = lines.slice(0, end).filter((line) => !/^\s*>/.test(line));
  const result = kept.join('\n').replace(/\s+$/, '');
  return result.trim() === '' ? text : result;
}

/** Index of the first line of quoted history (lines.length when there is none). */
function historyStart(lines: readonly string[]): number {
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (ORIGINAL_MESSAGE.test(line)) return index;
    // Gmail wraps a long attribution over two lines ("… Support <" / "support@example.com> wrote:").
    const wrapped = index + 1 < lines.length && line.trim() !== '' && !isAttribution(lines[index + 1]!) && isAttribution(`${line} ${lines[index + 1]!.trim()}`);
    if (isAttribution(line) || wrapped) return index;
    if (FROM_FIELD.test(line) && lines.slice(index + 1, index + 4).some((next) => SENT_FIELD.test(next))) {
      return index > 0 && UNDERSCORES.test(lines[index - 1]!) ? index - 1 : index;
    }
  }
  return lines.length;
}

function isAttribution(line: string): boolean {
  const trimmed = line.trim();
  return trimmed.length > 0 && ATTRIBUTION.some((pattern) => pattern.test(trimmed));
}
