import type { ServiceTerms } from '@loket/contract';
import { requirePermission } from '../authorize.ts';
import type { ServiceContext } from '../context.ts';
import { loadMatrix } from '../admin/priority-matrix/get-priority-matrix.ts';
import { loadTermsOfVersion, versionInForce } from '../sla/ticket-sla-inputs.ts';

/**
 * The caller's own organisation's terms in force now: the matrix a new ticket is prioritised with and the targets
 * per priority (the portal shows "P2 — a response within 4 hours" before the ticket is sent). Only ever the caller's
 * organisation, so it needs no id and reveals nothing of another's; pausing, warnings and the like stay internal.
 */
export async function getServiceTerms({ ctx }: { ctx: ServiceContext }): Promise<ServiceTerms> {
  const actor = requirePermission(ctx, 'reference:read');
  const inForce = await loadTermsOfVersion(ctx.db, await versionInForce(ctx.db, actor.organisationId, ctx.clock.now()));
  if (!inForce) return { contract: null, matrix: (await loadMatrix(ctx.db)).cells, targets: null };
  const { terms } = inForce;
  const target = (p: 'P1' | 'P2' | 'P3' | 'P4') => ({
    firstResponseMinutes: terms.targets[p].firstResponseMinutes,
    resolutionMinutes: terms.targets[p].resolutionMinutes,
  });
  return {
    contract: { timeZone: inForce.calendar.definition.timezone },
    matrix: terms.matrix.map(({ urgency, impact, priority }) => ({ urgency, impact, priority })),
    targets: { P1: target('P1'), P2: target('P2'), P3: target('P3'), P4: target('P4') },
  };
}
