import { PortalStatus, ServiceTerms } from '@loket/contract';
import { getPortalStatus } from '../../services/portal/get-portal-status.ts';
import { getServiceTerms } from '../../services/portal/get-service-terms.ts';
import { route } from '../route.ts';

export const portalRoutes = [
  route({
    method: 'GET',
    url: '/portal/service-terms',
    summary: "Your organisation's priority matrix and response and resolution targets in force now",
    description:
      'For the new-ticket form: the priority urgency × impact gives and its targets in business minutes on the ' +
      "contract's calendar. Without a contract in force, the desk's default matrix and `targets` null.",
    tag: 'Portal',
    access: 'authenticated',
    response: ServiceTerms,
    handler: ({ ctx }) => getServiceTerms({ ctx }),
  }),
  route({
    method: 'GET',
    url: '/portal/status',
    summary: 'The status page as you may see it, as JSON',
    description:
      "The components of your organisation's contracts and the public ones, unresolved incidents and maintenance " +
      'not yet completed: the data of `/status/mine`.',
    tag: 'Portal',
    access: 'authenticated',
    response: PortalStatus,
    handler: ({ ctx }) => getPortalStatus({ ctx }),
  }),
];
