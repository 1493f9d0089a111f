import { Language, type MailTemplate, SetMailTemplateInput } from '@loket/contract';
import { invalid, notFound } from '../../../domain/app-error.ts';
import { mailTemplates } from '../../../db/schema.ts';
import { parseInput, requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { isMailTemplateKey, MAIL_PLACEHOLDERS, type MailTemplateKey } from './built-in-templates.ts';
import { unknownPlaceholders } from './render-mail-template.ts';

export function parseTemplateName(key: string, language: string): { key: MailTemplateKey; language: Language } {
  if (!isMailTemplateKey(key)) throw notFound('No such mail template');
  const lang = Language.safeParse(language);
  if (!lang.success) throw notFound('No such mail template language');
  return { key, language: lang.data };
}

/** An admin's wording of one template in one language; only known placeholders are accepted. */
export async function setMailTemplate({
  ctx,
  key,
  language,
  input,
}: {
  ctx: ServiceContext;
  key: string;
  language: string;
  input: unknown;
}): Promise<MailTemplate> {
  const actor = requirePermission(ctx, 'mail_template:write');
  const name = parseTemplateName(key, language);
  const data = parseInput(SetMailTemplateInput, input);
  const issues = (['subject', 'body'] as const).flatMap((field) =>
    unknownPlaceholders(data[field]).map((p) => ({ path: field, message: `Unknown placeholder {{${p}}}` })),
  );
  if (issues.length > 0) throw invalid(`Known placeholders: ${MAIL_PLACEHOLDERS.join(', ')}`, issues);
  const now = ctx.clock.now();
  const values = { subject: data.subject, body: data.body, updatedAt: now, updatedById: actor.personId };
  await ctx.db
    .insert(mailTemplates)
    .values({ ...name, ...values })
    .onConflictDoUpdate({ target: [mailTemplates.key, mailTemplates.language], set: values });
  return {
    ...name,
    subject: data.subject,
    body: data.body,
    isOverridden: true,
    placeholders: [...MAIL_PLACEHOLDERS],
    updatedAt: now.toISOString(),
  };
}
