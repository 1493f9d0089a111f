import {
  CreatePersonInput,
  ListPeopleQuery,
  Page,
  Person,
  RegisterContactInput,
  UpdatePersonInput,
} from '@loket/contract';
import { createPerson } from '../../services/admin/people/create-person.ts';
import { getPerson } from '../../services/admin/people/get-person.ts';
import { listPeople } from '../../services/admin/people/list-people.ts';
import { registerContact } from '../../services/admin/people/register-contact.ts';
import { updatePerson } from '../../services/admin/people/update-person.ts';
import { Answer, route } from '../route.ts';

export const peopleRoutes = [
  route({
    method: 'GET',
    url: '/people',
    summary: 'List people by name, filtered, with cursor pagination',
    description:
      'Agents see everyone; a manager sees the people of their own organisation; contacts may not list people.',
    tag: 'People',
    access: 'authenticated',
    query: ListPeopleQuery,
    response: Page(Person),
    handler: ({ ctx, query }) => listPeople({ ctx, query }),
  }),
  route({
    method: 'GET',
    url: '/people/:id',
    summary: 'One person',
    description: 'A manager may only see people of their own organisation; anyone else is not found.',
    tag: 'People',
    access: 'authenticated',
    params: { id: 'person' },
    response: Person,
    handler: ({ ctx, params }) => getPerson({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/people',
    summary: 'Create a person',
    description:
      'Agents and admins belong to the provider organisation, managers and contacts to a customer organisation. ' +
      'Without `organisationId` a customer role joins the organisation owning the e-mail domain. ' +
      'E-mail addresses are unique whatever their case (409).',
    tag: 'People',
    access: 'admin',
    body: CreatePersonInput,
    example: {
      email: 'jane.doe@acme.example',
      name: 'Jane Doe',
      role: 'contact',
      organisationId: '$organisation',
      language: 'nl',
    },
    response: Person,
    status: 201,
    handler: ({ ctx, body }) => createPerson({ ctx, input: body }),
  }),
  route({
    method: 'POST',
    url: '/people/register',
    summary: 'Register a contact from an e-mail address, or find the person who has it',
    description:
      'The contact joins the organisation owning the domain, or the organisation for unmatched senders. ' +
      'Answers 201 with a newly registered contact, or 200 with the person who already has the address.',
    tag: 'People',
    access: 'agent',
    body: RegisterContactInput,
    example: { email: 'pat.caller@acme.example', name: 'Pat Caller' },
    response: Person,
    status: 201,
    handler: async ({ ctx, body }) => {
      const { person, registered } = await registerContact({ ctx, input: body });
      return registered ? person : new Answer(200, person);
    },
  }),
  route({
    method: 'PATCH',
    url: '/people/:id',
    summary: 'Change a person',
    description:
      'A new role must fit the organisation (provider: agent/admin; customer: manager/contact). Admins cannot ' +
      'demote or deactivate themselves. A new password or a deactivation ends the person’s sessions.',
    tag: 'People',
    access: 'admin',
    params: { id: 'person' },
    body: UpdatePersonInput,
    example: { name: 'Jane Doe', role: 'manager', phone: '+31 20 123 4567' },
    response: Person,
    handler: ({ ctx, params, body }) => updatePerson({ ctx, id: params.id!, input: body }),
  }),
];
