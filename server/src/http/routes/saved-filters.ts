import { CreateSavedFilterInput, SavedFilter, SavedFilterList, UpdateSavedFilterInput } from '@loket/contract';
import { createSavedFilter } from '../../services/saved-filters/create-saved-filter.ts';
import { deleteSavedFilter } from '../../services/saved-filters/delete-saved-filter.ts';
import { listSavedFilters } from '../../services/saved-filters/list-saved-filters.ts';
import { updateSavedFilter } from '../../services/saved-filters/update-saved-filter.ts';
import { route } from '../route.ts';

export const savedFilterRoutes = [
  route({
    method: 'GET',
    url: '/saved-filters',
    summary: 'Your saved ticket filters',
    tag: 'Saved filters',
    access: 'authenticated',
    response: SavedFilterList,
    handler: ({ ctx }) => listSavedFilters({ ctx }),
  }),
  route({
    method: 'POST',
    url: '/saved-filters',
    summary: 'Save a named ticket filter: a query of GET /tickets',
    description: 'The query is checked as GET /tickets would check it; names are unique per person (409).',
    tag: 'Saved filters',
    access: 'authenticated',
    body: CreateSavedFilterInput,
    example: { name: 'P1 and P2 of my groups', query: { view: 'my_groups_unassigned', priority: 'P1,P2' } },
    response: SavedFilter,
    status: 201,
    handler: ({ ctx, body }) => createSavedFilter({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/saved-filters/:id',
    summary: 'Rename one of your saved filters or change its query',
    tag: 'Saved filters',
    access: 'authenticated',
    params: { id: 'savedFilter' },
    body: UpdateSavedFilterInput,
    example: { name: 'Breaching within the hour', query: { view: 'breaching_soon', dueWithinMinutes: '60' } },
    response: SavedFilter,
    handler: ({ ctx, params, body }) => updateSavedFilter({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'DELETE',
    url: '/saved-filters/:id',
    summary: 'Delete one of your saved filters',
    tag: 'Saved filters',
    access: 'authenticated',
    params: { id: 'savedFilter' },
    status: 204,
    handler: ({ ctx, params }) => deleteSavedFilter({ ctx, id: params.id! }),
  }),
];
