import {
  Category,
  CategoryList,
  CreateCategoryInput,
  CreateStatusInput,
  PriorityMatrix,
  Settings,
  Status,
  StatusList,
  UpdateCategoryInput,
  UpdatePriorityMatrixInput,
  UpdateSettingsInput,
  UpdateStatusInput,
} from '@loket/contract';
import { createCategory } from '../../services/admin/categories/create-category.ts';
import { listCategories } from '../../services/admin/categories/list-categories.ts';
import { updateCategory } from '../../services/admin/categories/update-category.ts';
import { getPriorityMatrix } from '../../services/admin/priority-matrix/get-priority-matrix.ts';
import { updatePriorityMatrix } from '../../services/admin/priority-matrix/update-priority-matrix.ts';
import { getSettings } from '../../services/admin/settings/get-settings.ts';
import { updateSettings } from '../../services/admin/settings/update-settings.ts';
import { createStatus } from '../../services/admin/statuses/create-status.ts';
import { listStatuses } from '../../services/admin/statuses/list-statuses.ts';
import { updateStatus } from '../../services/admin/statuses/update-status.ts';
import { route } from '../route.ts';

export const referenceDataRoutes = [
  route({
    method: 'GET',
    url: '/categories',
    summary: 'Ticket categories in display order',
    description: 'Customers see the active ones only.',
    tag: 'Reference data',
    access: 'authenticated',
    response: CategoryList,
    handler: ({ ctx }) => listCategories({ ctx }),
  }),
  route({
    method: 'POST',
    url: '/categories',
    summary: 'Create a category',
    description: 'Keys are unique (409) and never change.',
    tag: 'Reference data',
    access: 'admin',
    body: CreateCategoryInput,
    example: { key: 'hardware', name: 'Hardware', translations: { nl: 'Hardware', sv: 'Hårdvara' } },
    response: Category,
    status: 201,
    handler: ({ ctx, body }) => createCategory({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/categories/:id',
    summary: 'Change a category',
    description: 'Deactivating the last active category is a conflict (409).',
    tag: 'Reference data',
    access: 'admin',
    params: { id: 'category' },
    body: UpdateCategoryInput,
    example: { name: 'Hardware', position: 15, isActive: true },
    response: Category,
    handler: ({ ctx, params, body }) => updateCategory({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'GET',
    url: '/statuses',
    summary: 'Ticket statuses in display order, each with the statuses it may move to',
    tag: 'Reference data',
    access: 'authenticated',
    response: StatusList,
    handler: ({ ctx }) => listStatuses({ ctx }),
  }),
  route({
    method: 'POST',
    url: '/statuses',
    summary: 'Create a status with its transitions',
    description:
      'The kind is chosen once and never changes. `transitionsTo` lists where a ticket may move from this ' +
      'status, `transitionsFrom` the statuses from which it may move here. Keys are unique (409).',
    tag: 'Reference data',
    access: 'admin',
    body: CreateStatusInput,
    example: { key: 'triage', name: 'Triage', kind: 'new', transitionsTo: ['$status'], transitionsFrom: [] },
    response: Status,
    status: 201,
    handler: ({ ctx, body }) => createStatus({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/statuses/:id',
    summary: 'Change a status; `transitionsTo` replaces its outgoing transitions',
    description:
      'The kind cannot be changed. Deactivating the last active status of kind new, resolved or closed is a ' +
      'conflict (409).',
    tag: 'Reference data',
    access: 'admin',
    params: { id: 'status' },
    body: UpdateStatusInput,
    example: { name: 'Triage', isActive: true, transitionsTo: ['$status'] },
    response: Status,
    handler: ({ ctx, params, body }) => updateStatus({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'GET',
    url: '/priority-matrix',
    summary: 'The default urgency × impact → priority matrix',
    tag: 'Reference data',
    access: 'authenticated',
    response: PriorityMatrix,
    handler: ({ ctx }) => getPriorityMatrix({ ctx }),
  }),
  route({
    method: 'PUT',
    url: '/priority-matrix',
    summary: 'Replace the default priority matrix (all nine cells)',
    description:
      'Existing tickets keep their priority: the matrix is not re-applied to them, only tickets prioritised ' +
      'afterwards use it. (Contracts with their own matrix, and SLA replays of open tickets when terms change, ' +
      'come with the contracts and SLA work.)',
    tag: 'Reference data',
    access: 'admin',
    body: UpdatePriorityMatrixInput,
    example: {
      cells: [
        { urgency: 'high', impact: 'high', priority: 'P1' },
        { urgency: 'high', impact: 'normal', priority: 'P2' },
        { urgency: 'high', impact: 'low', priority: 'P3' },
        { urgency: 'normal', impact: 'high', priority: 'P2' },
        { urgency: 'normal', impact: 'normal', priority: 'P3' },
        { urgency: 'normal', impact: 'low', priority: 'P4' },
        { urgency: 'low', impact: 'high', priority: 'P3' },
        { urgency: 'low', impact: 'normal', priority: 'P4' },
        { urgency: 'low', impact: 'low', priority: 'P4' },
      ],
    },
    response: PriorityMatrix,
    handler: ({ ctx, body }) => updatePriorityMatrix({ ctx, input: body }),
  }),
  route({
    method: 'GET',
    url: '/settings',
    summary: 'Desk-wide settings',
    tag: 'Reference data',
    access: 'agent',
    response: Settings,
    handler: ({ ctx }) => getSettings({ ctx }),
  }),
  route({
    method: 'PATCH',
    url: '/settings',
    summary: 'Change desk-wide settings',
    description: 'A new `ticketPrefix` applies to tickets opened from now on; existing references never change.',
    tag: 'Reference data',
    access: 'admin',
    body: UpdateSettingsInput,
    example: { ticketPrefix: 'HD', reopenWindowDays: 14, defaultLanguage: 'nl' },
    response: Settings,
    handler: ({ ctx, body }) => updateSettings({ ctx, input: body }),
  }),
];
