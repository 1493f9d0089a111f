import {
  Contract,
  ContractList,
  ContractVersionInput,
  ContractWithVersions,
  CreateContractInput,
  ListContractsQuery,
  UpdateContractInput,
} from '@loket/contract';
import { addContractVersion } from '../../services/sla/add-contract-version.ts';
import { createContract } from '../../services/sla/create-contract.ts';
import { deleteContract } from '../../services/sla/delete-contract.ts';
import { getContract } from '../../services/sla/get-contract.ts';
import { listContracts } from '../../services/sla/list-contracts.ts';
import { updateContract } from '../../services/sla/update-contract.ts';
import { route } from '../route.ts';

const hours = (h: number) => h * 60;
const EXAMPLE_VERSION = {
  calendarId: '$calendar',
  targets: {
    P1: { firstResponseMinutes: hours(2), resolutionMinutes: hours(8), updateMinutes: hours(1) },
    P2: { firstResponseMinutes: hours(4), resolutionMinutes: hours(16) },
    P3: { firstResponseMinutes: hours(8), resolutionMinutes: hours(40) },
    P4: { firstResponseMinutes: hours(16), resolutionMinutes: hours(80) },
  },
  warnings: { percentOfTarget: [75], minutesBeforeDue: [30] },
};
const VERSION_TERMS =
  "Targets are business minutes on the version's calendar, per priority: `firstResponseMinutes`, " +
  '`resolutionMinutes` and an optional `updateMinutes` (next update while open). Left out: `effectiveFrom` is now, ' +
  "`matrix` a copy of the desk's priority matrix, `pausing` `{firstResponse: [waiting_customer], resolution: " +
  '[waiting_customer, scheduled], update: [waiting_customer]}` (resolved stops the resolution clock, it is no ' +
  'pause), `warnings` `{percentOfTarget: [75], minutesBeforeDue: []}`, `effortThresholdMinutes` 240, ' +
  '`autoCloseWorkingDays` 1. An unknown calendar is 400.';

export const contractRoutes = [
  route({
    method: 'GET',
    url: '/contracts',
    summary: "Every contract (or one organisation's), by name, each with the version in force now",
    tag: 'SLA',
    access: 'agent',
    query: ListContractsQuery,
    response: ContractList,
    handler: ({ ctx, query }) => listContracts({ ctx, query }),
  }),
  route({
    method: 'GET',
    url: '/contracts/:id',
    summary: 'One contract with every version, newest first',
    tag: 'SLA',
    access: 'agent',
    params: { id: 'contract' },
    response: ContractWithVersions,
    handler: ({ ctx, params }) => getContract({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/contracts',
    summary: 'Create a contract for a customer organisation, with its first version',
    description:
      'The organisation must be an active customer organisation (400 otherwise); names are unique per ' +
      `organisation (409). ${VERSION_TERMS}`,
    tag: 'SLA',
    access: 'admin',
    body: CreateContractInput,
    example: { organisationId: '$organisation', name: 'Service agreement', version: EXAMPLE_VERSION },
    response: ContractWithVersions,
    status: 201,
    handler: ({ ctx, body }) => createContract({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/contracts/:id',
    summary: 'Rename a contract',
    description: 'Terms change only by adding a version. Names are unique per organisation (409).',
    tag: 'SLA',
    access: 'admin',
    params: { id: 'contract' },
    body: UpdateContractInput,
    example: { name: 'Service agreement 2027' },
    response: Contract,
    handler: ({ ctx, params, body }) => updateContract({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'DELETE',
    url: '/contracts/:id',
    summary: 'Delete a contract no ticket runs under',
    description:
      'For a contract entered by mistake: it goes with its versions. Once tickets run under it, it is kept (409); ' +
      'change its terms with a new version instead.',
    tag: 'SLA',
    access: 'admin',
    params: { id: 'contract' },
    status: 204,
    handler: ({ ctx, params }) => deleteContract({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/contracts/:id/versions',
    summary: 'Add a version: new terms from its effective instant on',
    description:
      'Versions are append-only and numbered one after the latest. They only move forward: an `effectiveFrom` ' +
      `before the latest version's is a conflict (409); the same instant supersedes it. ${VERSION_TERMS}`,
    tag: 'SLA',
    access: 'admin',
    params: { id: 'contract' },
    body: ContractVersionInput,
    example: EXAMPLE_VERSION,
    response: ContractWithVersions,
    status: 201,
    handler: ({ ctx, params, body }) => addContractVersion({ ctx, id: params.id!, input: body }),
  }),
];
