import { describe, expect, it } from 'vitest';
import { clockInWords, instantInWords } from './mail-wording.ts';

describe('mail wording', () => {
  it("states an instant on the desk's clock, with its zone, in the mail's language", () => {
    expect(instantInWords('2026-03-02T12:00:00.000Z', 'en', 'Europe/Amsterdam')).toBe('2 Mar 2026, 13:00 CET');
    expect(instantInWords('2026-03-02T12:00:00.000Z', 'nl', 'Europe/Amsterdam')).toBe('2 mrt 2026, 13:00 CET');
    expect(instantInWords('2026-07-02T12:00:00.000Z', 'sv', 'Europe/Stockholm')).toBe('2 juli 2026 14:00 CEST');
  });

  it('gives text that is no instant back as it is', () => {
    expect(instantInWords('', 'en', 'UTC')).toBe('');
    expect(instantInWords('next Tuesday', 'en', 'UTC')).toBe('next Tuesday');
  });

  it("names the SLA clocks in each language, and an unknown one by its key's words", () => {
    expect(clockInWords('first_response', 'en')).toBe('first response');
    expect(clockInWords('first_response', 'nl')).toBe('eerste reactie');
    expect(clockInWords('resolution', 'sv')).toBe('lösning');
    expect(clockInWords('some_other', 'sv')).toBe('some other');
  });
});
