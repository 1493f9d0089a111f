import type { Language } from '@loket/contract';

const CLOCK_NAMES: Record<Language, Record<string, string>> = {
  en: { first_response: 'first response', resolution: 'resolution', update: 'update' },
  nl: { first_response: 'eerste reactie', resolution: 'oplossing', update: 'update' },
  sv: { first_response: 'första svar', resolution: 'lösning', update: 'uppdatering' },
};

/** An SLA clock's name as a mail in that language says it. */
export const clockInWords = (clock: string, language: Language): string =>
  CLOCK_NAMES[language][clock] ?? clock.replace(/_/g, ' ');

const LOCALES: Record<Language, string> = { en: 'en-GB', nl: 'nl-NL', sv: 'sv-SE' };
const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as a mail states it: date and time on the desk's clock with the zone's short name, in the mail's
 * language (`2 Mar 2026, 13:00 CET`, `2 mrt 2026, 13:00 CET`). Text that is no instant is given back as it is.
 */
export function instantInWords(value: string, language: Language, timeZone: string): string {
  const at = new Date(value);
  if (value === '' || Number.isNaN(at.getTime())) return value;
  const key = `${language}|${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
      timeZoneName: 'short',
    });
    formats.set(key, format);
  }
  return format.format(at);
}
