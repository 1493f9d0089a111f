import { describe, expect, it } from 'vitest';
import { referenceInSubject } from './subject-reference.ts';

describe('referenceInSubject', () => {
  it('finds a bracketed reference anywhere in the subject', () => {
    expect(referenceInSubject('Re: [LK-26-00042] Backup failed', 'LK')).toBe('LK-26-00042');
    expect(referenceInSubject('AW: Fwd: Backup [lk-26-123456]', 'LK')).toBe('LK-26-123456');
  });

  it('prefers a bracketed reference over a bare one, and accepts a bare one alone', () => {
    expect(referenceInSubject('LK-26-00001 and [LK-26-00002]', 'LK')).toBe('LK-26-00002');
    expect(referenceInSubject('About LK-26-00007, again', 'LK')).toBe('LK-26-00007');
  });

  it('ignores other prefixes, short numbers and references glued into other words', () => {
    expect(referenceInSubject('[XY-26-00042]', 'LK')).toBeUndefined();
    expect(referenceInSubject('[LK-26-042]', 'LK')).toBeUndefined();
    expect(referenceInSubject('BLK-26-00042', 'LK')).toBeUndefined();
    expect(referenceInSubject('', 'LK')).toBeUndefined();
    expect(referenceInSubject('[SD-25-00001] x', 'SD')).toBe('SD-25-00001');
  });
});
