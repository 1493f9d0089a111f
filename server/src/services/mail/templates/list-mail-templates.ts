import { Language, type MailTemplate, type MailTemplateList } from '@loket/contract';
import { mailTemplates } from '../../../db/schema.ts';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { BUILT_IN_TEMPLATES, MAIL_PLACEHOLDERS, MAIL_TEMPLATE_KEYS } from './built-in-templates.ts';

/** Every template in every language, with the wording in effect and whether an admin changed it. */
export async function listMailTemplates({ ctx }: { ctx: ServiceContext }): Promise<MailTemplateList> {
  requirePermission(ctx, 'mail_template:write');
  const rows = await ctx.db.select().from(mailTemplates);
  const items: MailTemplate[] = [];
  for (const key of MAIL_TEMPLATE_KEYS) {
    for (const language of Language.options) {
      const row = rows.find((r) => r.key === key && r.language === language);
      const text = row ?? BUILT_IN_TEMPLATES[language][key];
      items.push({
        key,
        language,
        subject: text.subject,
        body: text.body,
        isOverridden: row !== undefined,
        placeholders: [...MAIL_PLACEHOLDERS],
        updatedAt: row?.updatedAt.toISOString() ?? null,
      });
    }
  }
  return { items };
}
