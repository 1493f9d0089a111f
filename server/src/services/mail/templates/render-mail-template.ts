import type { Language } from '@loket/contract';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../../db/client.ts';
import { mailTemplates } from '../../../db/schema.ts';
import {
  BUILT_IN_TEMPLATES,
  MAIL_PLACEHOLDERS,
  type MailTemplateKey,
  type MailText,
  type MailValues,
} from './built-in-templates.ts';

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The `{{names}}` in a text that are not placeholders Loket fills in. */
export function unknownPlaceholders(text: string): string[] {
  const known = new Set<string>(MAIL_PLACEHOLDERS);
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].filter((name) => !known.has(name));
}

/** The admin's wording of a template in a language, else the built-in one. */
export async function loadMailTemplate(tx: Executor, key: MailTemplateKey, language: Language): Promise<MailText> {
  const [row] = await tx
    .select({ subject: mailTemplates.subject, body: mailTemplates.body })
    .from(mailTemplates)
    .where(and(eq(mailTemplates.key, key), eq(mailTemplates.language, language)))
    .limit(1);
  return row ?? BUILT_IN_TEMPLATES[language][key];
}

// CR, LF and the other control characters: none may reach a header.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** A header value as it may go on the wire: no CR, LF or other control characters, whitespace collapsed. */
export const headerSafe = (value: string, maxLength = 250): string =>
  value.replace(CONTROL, ' ').replace(/\s+/g, ' ').trim().slice(0, maxLength);

/**
 * Fills a template in. Values are plain text put in as they are (the mail has no HTML part, so nothing in them can
 * become markup); a value is never re-read as a template. The subject becomes a safe header value and always carries
 * the ticket reference in brackets, which is how replies thread when a mail client drops our Message-ID.
 */
export function renderMailTemplate(template: MailText, values: MailValues): MailText {
  const fill = (text: string) =>
    text.replace(PLACEHOLDER, (_m, name: string) => values[name as keyof MailValues] ?? '');
  let subject = headerSafe(fill(template.subject));
  if (values.reference && !subject.includes(`[${values.reference}]`)) {
    subject = headerSafe(`[${values.reference}] ${subject}`);
  }
  return { subject, body: fill(template.body) };
}
