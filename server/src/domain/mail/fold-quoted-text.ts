/**
 * A message split for display: what the sender wrote now, and what is folded away behind a "show more" — quoted
 * history and the signature. The original text is stored whole; this only decides what to show first.
 */
export type FoldedText = { visible: string; folded: string | null };

const ATTRIBUTION = [
  /^On .{1,300}wrote:\s*$/i, // Gmail, Apple Mail, Thunderbird
  /^Op .{1,300}schreef .{0,100}:\s*$/i, // Dutch
  /^Den .{1,300}skrev .{0,100}:\s*$/i, // Swedish
  /^Am .{1,300}schrieb .{0,100}:\s*$/i, // German
  /^-{2,}\s*(Original Message|Oorspronkelijk bericht|Ursprungligt meddelande|Ursprüngliche Nachricht)\s*-{2,}\s*$/i,
  /^_{10,}\s*$/, // Outlook's rule above a "From:" block
];
const OUTLOOK_HEADER = /^\*?(From|Van|Från|Von)\*?:\s/i;
const OUTLOOK_NEXT =
  /^\*?(Sent|Date|Verzonden|Datum|Skickat|Gesendet|To|Aan|Till|An|Subject|Onderwerp|Ämne|Betreff)\*?:\s/i;

/**
 * Folds quoted history and the signature: the fold starts at the first attribution line ("On … wrote:"), an
 * Outlook header block ("From: … / Sent: …"), the signature separator "-- ", or a run of `>` quotes that runs to
 * the end of the message (blank lines and further quotes only). Inline quotes answered between are kept visible.
 * A message that would fold to nothing is shown whole.
 */
export function foldQuotedText(text: string): FoldedText {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const cut = foldStart(lines);
  if (cut === undefined) return { visible: text, folded: null };
  const visible = lines.slice(0, cut).join('\n').trimEnd();
  if (!visible.trim()) return { visible: text, folded: null };
  const folded = lines.slice(cut).join('\n').trim();
  return { visible, folded: folded || null };
}

function foldStart(lines: string[]): number | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const trimmed = line.trim();
    if (line === '-- ' || line === '--') return i;
    if (ATTRIBUTION.some((re) => re.test(trimmed))) return i;
    // "On Mon, 2 Mar 2026, Ann <ann@x>" wrapped over two lines before "wrote:".
    if (/^On\s/i.test(trimmed) && /^.{0,200}wrote:\s*$/i.test(lines[i + 1]?.trim() ?? '')) return i;
    if (OUTLOOK_HEADER.test(trimmed) && OUTLOOK_NEXT.test(lines[i + 1]?.trim() ?? '')) return i;
    if (trimmed.startsWith('>') && onlyQuotesFrom(lines, i)) return i;
  }
  return undefined;
}

function onlyQuotesFrom(lines: string[], start: number): boolean {
  for (let j = start; j < lines.length; j++) {
    const t = lines[j]!.trim();
    if (t !== '' && !t.startsWith('>')) return false;
  }
  return true;
}
