import { CreateGroupInput, Group, GroupList, UpdateGroupInput } from '@loket/contract';
import { createGroup } from '../../services/admin/groups/create-group.ts';
import { getGroup } from '../../services/admin/groups/get-group.ts';
import { listGroups } from '../../services/admin/groups/list-groups.ts';
import { updateGroup } from '../../services/admin/groups/update-group.ts';
import { route } from '../route.ts';

export const groupRoutes = [
  route({
    method: 'GET',
    url: '/groups',
    summary: 'Every group of agents, by name',
    tag: 'Groups',
    access: 'agent',
    response: GroupList,
    handler: ({ ctx }) => listGroups({ ctx }),
  }),
  route({
    method: 'GET',
    url: '/groups/:id',
    summary: 'One group with its members',
    tag: 'Groups',
    access: 'agent',
    params: { id: 'group' },
    response: Group,
    handler: ({ ctx, params }) => getGroup({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/groups',
    summary: 'Create a group',
    description: 'Members and the lead must be active agents or admins. Names are unique (409).',
    tag: 'Groups',
    access: 'admin',
    body: CreateGroupInput,
    example: { name: 'Second line', description: 'Escalations', leadId: '$person', memberIds: ['$person'] },
    response: Group,
    status: 201,
    handler: ({ ctx, body }) => createGroup({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/groups/:id',
    summary: 'Change a group; `memberIds` replaces its members',
    description: 'Members and the lead must be active agents or admins. Names are unique (409).',
    tag: 'Groups',
    access: 'admin',
    params: { id: 'group' },
    body: UpdateGroupInput,
    example: { name: 'Second line', leadId: '$person', memberIds: ['$person'] },
    response: Group,
    handler: ({ ctx, params, body }) => updateGroup({ ctx, id: params.id!, input: body }),
  }),
];
