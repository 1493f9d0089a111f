import { describe, expect, it } from 'vitest';
import type { StatusSnapshot } from '../../services/status/load-status-snapshot.ts';
import { icsText, renderAtom, renderIcs, renderRss, xml } from './render-status-feeds.ts';

const at = new Date('2030-01-02T03:04:05Z');
const hostile = 'Disk\u0000 full\u0008\u000b\u000c\u001b\u001f \uffff\ud800 <b>&\r\nnext\rline\tend 😀';

function snapshot(): StatusSnapshot {
  return {
    version: 1,
    name: 'Status\u0001 page',
    updatedAt: at,
    generatedAt: at,
    groups: [],
    components: [],
    incidents: [
      {
        id: '00000000-0000-4000-8000-000000000001',
        name: hostile,
        updatedAt: at,
        startedAt: at,
        updates: [{ status: 'investigating', body: hostile, createdAt: at }],
      },
    ],
    maintenances: [
      {
        id: '00000000-0000-4000-8000-000000000002',
        name: hostile,
        body: `first\r\nsecond\rthird\nfourth; a, b \\ c\u0007`,
        status: 'scheduled',
        updatedAt: at,
        scheduledFor: at,
        scheduledUntil: new Date(at.getTime() + 3_600_000),
      },
    ],
  } as unknown as StatusSnapshot;
}

// Characters XML 1.0 forbids anywhere in a document (tab, LF and CR are allowed).
const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex
  /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('status feeds', () => {
  it('drops characters XML does not allow from RSS and Atom, and escapes markup', () => {
    for (const feed of [renderRss(snapshot(), 'https://x.test'), renderAtom(snapshot(), 'https://x.test')]) {
      expect(feed).not.toMatch(XML_FORBIDDEN);
      expect(feed).toContain('Disk full');
      expect(feed).toContain('&lt;b&gt;&amp;');
      expect(feed).toContain('😀');
      expect(feed).not.toContain('<b>');
    }
    expect(xml('a\u0000b\u001fc\td\ne')).toBe('abc\td\ne');
  });

  it('escapes every kind of line break in iCalendar text, a bare CR included', () => {
    expect(icsText('a\r\nb\rc\nd')).toBe('a\\nb\\nc\\nd');
    expect(icsText('x; y, z \\ w\u0000\u001b')).toBe('x\\; y\\, z \\\\ w');
    const ics = renderIcs(snapshot(), 'https://x.test', 'x.test');
    // The only CR in the document is the one of each CRLF line ending, and no line starts outside a property.
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    // eslint-disable-next-line no-control-regex
    expect(ics).not.toMatch(/[\x00-\x08\x0B-\x0C\x0E-\x1F\x7F]/);
    const unfolded = ics.replace(/\r\n /g, '');
    expect(unfolded).toContain('DESCRIPTION:first\\nsecond\\nthird\\nfourth\\; a\\, b \\\\ c\r\n');
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(unfolded).toMatch(
      /^(BEGIN|VERSION|PRODID|CALSCALE|X-WR-CALNAME|UID|DTSTAMP|DTSTART|DTEND|SUMMARY|DESCRIPTION|STATUS|URL|END)[:;]/m,
    );
    for (const line of unfolded.split('\r\n').filter(Boolean)) expect(line).toMatch(/^[A-Z-]+[:;]/);
  });
});
