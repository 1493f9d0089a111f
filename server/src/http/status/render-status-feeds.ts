import type { StatusSnapshot } from '../../services/status/load-status-snapshot.ts';
import { escapeHtml } from './render-status-html.ts';

/**
 * Characters XML 1.0 does not allow at all, escaped or not: C0 controls other than tab, LF and CR, lone surrogates,
 * U+FFFE and U+FFFF. A feed containing one is not well-formed, so readers reject the whole feed.
 */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const xml = (text: string): string => escapeHtml(text.replace(XML_INVALID, ''));

function incidentText(i: StatusSnapshot['incidents'][number]): string {
  return i.updates.map((u) => `${u.status} (${u.createdAt.toISOString()}): ${u.body}`).join('\n\n');
}

/** RSS 2.0 of the incidents shown on the page, newest first. */
export function renderRss(s: StatusSnapshot, baseUrl: string): string {
  const items = s.incidents
    .map(
      (i) =>
        `<item><title>${xml(i.name)}</title><link>${xml(`${baseUrl}/status#incident-${i.id}`)}</link>` +
        `<guid isPermaLink="false">${i.id}</guid><pubDate>${i.updatedAt.toUTCString()}</pubDate>` +
        `<description>${xml(incidentText(i))}</description></item>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${xml(s.name)}</title>` +
    `<link>${xml(`${baseUrl}/status`)}</link><description>${xml(s.name)}</description>` +
    `<lastBuildDate>${s.updatedAt.toUTCString()}</lastBuildDate>${items}</channel></rss>`
  );
}

/** Atom 1.0 of the same. */
export function renderAtom(s: StatusSnapshot, baseUrl: string): string {
  const entries = s.incidents
    .map(
      (i) =>
        `<entry><id>urn:uuid:${i.id}</id><title>${xml(i.name)}</title><updated>${i.updatedAt.toISOString()}</updated>` +
        `<published>${i.startedAt.toISOString()}</published>` +
        `<link href="${xml(`${baseUrl}/status#incident-${i.id}`)}"/><content type="text">${xml(incidentText(i))}</content></entry>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>${xml(`${baseUrl}/status`)}</id>` +
    `<title>${xml(s.name)}</title><updated>${s.updatedAt.toISOString()}</updated>` +
    `<link rel="self" href="${xml(`${baseUrl}/status/feed.atom`)}"/><author><name>${xml(s.name)}</name></author>${entries}</feed>`
  );
}

const icsDate = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
/**
 * Text values escaped as RFC 5545 says (every line break, CR LF, a bare CR or a bare LF, becomes `\n`; other control
 * characters, which TEXT does not allow, are dropped), lines folded at 75 octets.
 */
export const icsText = (text: string): string =>
  text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\x00-\x08\x0A-\x1F\x7F]/g, '');
function fold(line: string): string {
  const out: string[] = [];
  let rest = line;
  while (Buffer.byteLength(rest) > 75) {
    let cut = 75;
    while (Buffer.byteLength(rest.slice(0, cut)) > 75) cut--;
    if (/[\uD800-\uDBFF]/.test(rest[cut - 1] ?? '')) cut--; // never split a surrogate pair
    out.push(rest.slice(0, cut));
    rest = ` ${rest.slice(cut)}`;
  }
  out.push(rest);
  return out.join('\r\n');
}

/** iCalendar (RFC 5545) of the maintenance windows shown on the page. */
export function renderIcs(s: StatusSnapshot, baseUrl: string, host: string): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Loket//Status page//EN',
    'CALSCALE:GREGORIAN',
    `X-WR-CALNAME:${icsText(s.name)}`,
  ];
  for (const m of s.maintenances) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${m.id}@${host}`,
      `DTSTAMP:${icsDate(m.updatedAt)}`,
      `DTSTART:${icsDate(m.scheduledFor)}`,
      `DTEND:${icsDate(m.scheduledUntil)}`,
      `SUMMARY:${icsText(m.name)}`,
      `DESCRIPTION:${icsText(m.body)}`,
      'STATUS:CONFIRMED',
      `URL:${baseUrl}/status#maintenance-${m.id}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
