import { and, eq } from 'drizzle-orm';
import { mailTemplates } from '../../../db/schema.ts';
import { requirePermission } from '../../authorize.ts';
import type { ServiceContext } from '../../context.ts';
import { parseTemplateName } from './set-mail-template.ts';

/** Back to the built-in wording of one template in one language. Idempotent. */
export async function resetMailTemplate({
  ctx,
  key,
  language,
}: {
  ctx: ServiceContext;
  key: string;
  language: string;
}): Promise<void> {
  requirePermission(ctx, 'mail_template:write');
  const name = parseTemplateName(key, language);
  await ctx.db
    .delete(mailTemplates)
    .where(and(eq(mailTemplates.key, name.key), eq(mailTemplates.language, name.language)));
}
