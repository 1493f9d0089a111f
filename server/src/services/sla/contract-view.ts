import type { Contract, ContractVersion, ContractVersionInput, ContractWithVersions } from '@loket/contract';
import { desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { type ContractRow, type ContractVersionRow, calendars, contractVersions, contracts } from '../../db/schema.ts';
import { invalid, notFound } from '../../domain/app-error.ts';
import { ContractTerms, nextVersion, versionAt } from '../../domain/sla/contracts.ts';
import { isUuid } from '../admin/list-helpers.ts';
import type { ServiceContext } from '../context.ts';
import { enqueue } from '../queue-catalog.ts';
import { loadPriorityMatrix } from '../shared/reference-lookup.ts';

export const toContractVersion = (row: ContractVersionRow): ContractVersion => ({
  id: row.id as ContractVersion['id'],
  version: row.version,
  effectiveFrom: row.effectiveFrom.toISOString(),
  calendarId: row.calendarId as ContractVersion['calendarId'],
  matrix: row.matrix,
  targets: row.targets,
  pausing: row.pausing,
  warnings: row.warnings,
  effortThresholdMinutes: row.effortThresholdMinutes,
  autoCloseWorkingDays: row.autoCloseWorkingDays,
  createdAt: row.createdAt.toISOString(),
});

/** A contract with the version in force at `now`; `versions` are that contract's, in any order. */
export function toContract(row: ContractRow, versions: readonly ContractVersionRow[], now: Date): Contract {
  const current = versionAt(versions, now);
  return {
    id: row.id as Contract['id'],
    organisationId: row.organisationId as Contract['organisationId'],
    name: row.name,
    currentVersion: current ? toContractVersion(current) : null,
    latestVersion: Math.max(0, ...versions.map((v) => v.version)),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const toContractWithVersions = (
  row: ContractRow,
  versions: readonly ContractVersionRow[],
  now: Date,
): ContractWithVersions => ({
  ...toContract(row, versions, now),
  versions: [...versions].sort((a, b) => b.version - a.version).map(toContractVersion),
});

export const CONTRACT_CONFLICTS = (name: string) => ({
  contracts_organisation_name_unique: `This organisation already has a contract named ${name}`,
  contract_versions_contract_version_unique: 'Another version was added at the same time; try again',
});

export async function loadContractRow(tx: Executor, id: string, forUpdate = false): Promise<ContractRow> {
  if (!isUuid(id)) throw notFound('Contract not found');
  const query = tx.select().from(contracts).where(eq(contracts.id, id.toLowerCase()));
  const [row] = forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Contract not found');
  return row;
}

export async function loadVersions(tx: Executor, contractIds: readonly string[]): Promise<ContractVersionRow[]> {
  if (contractIds.length === 0) return [];
  return tx
    .select()
    .from(contractVersions)
    .where(inArray(contractVersions.contractId, [...contractIds]))
    .orderBy(desc(contractVersions.version));
}

/**
 * Inserts the next version of a contract: its terms with the defaults filled in (the desk's priority matrix when
 * none is given), on a calendar that exists, numbered after `versions` and not taking effect before the latest.
 */
export async function appendVersion(
  tx: Executor,
  input: {
    contractId: string;
    versions: readonly ContractVersionRow[];
    data: ContractVersionInput;
    now: Date;
    /** Where the version's terms are in the request body ('' at its root), for the paths of problems. */
    field: string;
  },
): Promise<ContractVersionRow> {
  const { data, now, field } = input;
  const [calendar] = await tx.select({ id: calendars.id }).from(calendars).where(eq(calendars.id, data.calendarId));
  if (!calendar) {
    throw invalid('Unknown calendar', [
      { path: field ? `${field}.calendarId` : 'calendarId', message: 'no calendar has this id' },
    ]);
  }
  const matrix =
    data.matrix ??
    (await loadPriorityMatrix(tx)).map(({ urgency, impact, priority }) => ({ urgency, impact, priority }));
  const terms = ContractTerms.parse({ ...data, matrix });
  const latest = input.versions.reduce<ContractVersionRow | undefined>(
    (a, v) => (a === undefined || v.version > a.version ? v : a),
    undefined,
  );
  const next = nextVersion(latest, data.effectiveFrom ? new Date(data.effectiveFrom) : now);
  const [row] = await tx
    .insert(contractVersions)
    .values({
      contractId: input.contractId,
      version: next.version,
      effectiveFrom: next.effectiveFrom,
      calendarId: terms.calendarId,
      matrix: terms.matrix,
      targets: terms.targets,
      pausing: terms.pausing,
      warnings: terms.warnings,
      effortThresholdMinutes: terms.effortThresholdMinutes,
      autoCloseWorkingDays: terms.autoCloseWorkingDays,
      createdAt: now,
    })
    .returning();
  return row!;
}

/**
 * Moves the organisation's open tickets to the contract's terms once a version takes effect: a replay job enqueued
 * in the caller's transaction, waiting for `effectiveFrom` when that lies ahead.
 */
export async function enqueueReplayAt(
  ctx: ServiceContext,
  tx: Executor,
  contractId: string,
  effectiveFrom: Date,
): Promise<void> {
  const ahead = effectiveFrom.getTime() > ctx.clock.now().getTime();
  await enqueue(ctx, tx, 'sla.replay', { contractId }, ahead ? { startAfter: effectiveFrom } : {});
}
