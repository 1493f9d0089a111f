import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatReference, looksLikeReference } from './reference.ts';

describe('ticket references', () => {
  it('formats prefix, two-digit year and a number of at least five digits', () => {
    expect(formatReference('LK', new Date('2026-01-05T00:00:00Z'), 42)).toBe('LK-26-00042');
    expect(formatReference('SD', new Date('2030-12-31T23:59:59Z'), 1234567)).toBe('SD-30-1234567');
  });

  it('recognises every reference it formats, and distinct numbers give distinct references', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Z][A-Z0-9]{0,7}$/),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (prefix, a, b) => {
          const at = new Date('2026-06-01T00:00:00Z');
          expect(looksLikeReference(formatReference(prefix, at, a))).toBe(true);
          if (a !== b) expect(formatReference(prefix, at, a)).not.toBe(formatReference(prefix, at, b));
        },
      ),
    );
  });

  it('does not take ids or words for references', () => {
    expect(looksLikeReference('0b5c8f7e-2b7a-4c9e-9a4b-1d2e3f4a5b6c')).toBe(false);
    expect(looksLikeReference('printer')).toBe(false);
  });
});
