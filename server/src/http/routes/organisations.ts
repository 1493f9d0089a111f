import {
  CreateOrganisationInput,
  ListOrganisationsQuery,
  Organisation,
  Page,
  UpdateOrganisationInput,
} from '@loket/contract';
import { createOrganisation } from '../../services/admin/organisations/create-organisation.ts';
import { getOrganisation } from '../../services/admin/organisations/get-organisation.ts';
import { listOrganisations } from '../../services/admin/organisations/list-organisations.ts';
import { updateOrganisation } from '../../services/admin/organisations/update-organisation.ts';
import { route } from '../route.ts';

export const organisationRoutes = [
  route({
    method: 'GET',
    url: '/organisations',
    summary: 'List organisations by name, with cursor pagination',
    description: 'Agents see every organisation (`q` matches the name or a domain); customers only their own.',
    tag: 'Organisations',
    access: 'authenticated',
    query: ListOrganisationsQuery,
    response: Page(Organisation),
    handler: ({ ctx, query }) => listOrganisations({ ctx, query }),
  }),
  route({
    method: 'GET',
    url: '/organisations/:id',
    summary: 'One organisation',
    description: 'Customers may only see their own organisation; any other is not found.',
    tag: 'Organisations',
    access: 'authenticated',
    params: { id: 'organisation' },
    response: Organisation,
    handler: ({ ctx, params }) => getOrganisation({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/organisations',
    summary: 'Create a customer organisation',
    description: 'A domain belonging to another organisation is a conflict (409).',
    tag: 'Organisations',
    access: 'admin',
    body: CreateOrganisationInput,
    example: { name: 'Acme B.V.', domains: ['acme.example', 'acme-mail.example'], language: 'nl' },
    response: Organisation,
    status: 201,
    handler: ({ ctx, body }) => createOrganisation({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/organisations/:id',
    summary: 'Change an organisation; `domains` replaces its set of domains',
    description:
      'A domain belonging to another organisation is a conflict (409). Deactivating an organisation stops its ' +
      'people from logging in; their sessions and API tokens stop working at once.',
    tag: 'Organisations',
    access: 'admin',
    params: { id: 'organisation' },
    body: UpdateOrganisationInput,
    example: { name: 'Acme Holding B.V.', domains: ['acme.example'], isActive: true },
    response: Organisation,
    handler: ({ ctx, params, body }) => updateOrganisation({ ctx, id: params.id!, input: body }),
  }),
];
