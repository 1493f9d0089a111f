import {
  Calendar,
  CalendarList,
  CreateCalendarInput,
  SimulateSlaInput,
  SimulateSlaResult,
  UpdateCalendarInput,
} from '@loket/contract';
import { createCalendar } from '../../services/sla/create-calendar.ts';
import { deleteCalendar } from '../../services/sla/delete-calendar.ts';
import { getCalendar } from '../../services/sla/get-calendar.ts';
import { listCalendars } from '../../services/sla/list-calendars.ts';
import { simulateSla } from '../../services/sla/simulate-sla.ts';
import { updateCalendar } from '../../services/sla/update-calendar.ts';
import { route } from '../route.ts';

const officeHours = [['08:00', '17:00']];
const EXAMPLE_DEFINITION = {
  timezone: 'Europe/Stockholm',
  weekly: {
    mon: officeHours,
    tue: officeHours,
    wed: officeHours,
    thu: officeHours,
    fri: officeHours,
    sat: [],
    sun: [],
  },
  holidaySource: { country: 'SE', types: ['public', 'bank'] },
  rules: [{ kind: 'day-before-holiday', hours: [['08:30', '14:00']] }],
};

export const slaRoutes = [
  route({
    method: 'GET',
    url: '/calendars',
    summary: 'Every business-hours calendar, by name',
    tag: 'SLA',
    access: 'agent',
    response: CalendarList,
    handler: ({ ctx }) => listCalendars({ ctx }),
  }),
  route({
    method: 'GET',
    url: '/calendars/:id',
    summary: 'One business-hours calendar',
    tag: 'SLA',
    access: 'agent',
    params: { id: 'calendar' },
    response: Calendar,
    handler: ({ ctx, params }) => getCalendar({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/calendars',
    summary: 'Create a business-hours calendar',
    description:
      'An invalid definition is 400 with every problem and its path (`definition.weekly.mon.0`). Names are unique (409).',
    tag: 'SLA',
    access: 'admin',
    body: CreateCalendarInput,
    example: { name: 'Sweden office hours', definition: EXAMPLE_DEFINITION },
    response: Calendar,
    status: 201,
    handler: ({ ctx, body }) => createCalendar({ ctx, input: body }),
  }),
  route({
    method: 'PATCH',
    url: '/calendars/:id',
    summary: 'Rename a calendar or replace its definition',
    description: 'The definition is validated as on create. Names are unique (409).',
    tag: 'SLA',
    access: 'admin',
    params: { id: 'calendar' },
    body: UpdateCalendarInput,
    example: { name: 'Sweden office hours', definition: EXAMPLE_DEFINITION },
    response: Calendar,
    handler: ({ ctx, params, body }) => updateCalendar({ ctx, id: params.id!, input: body }),
  }),
  route({
    method: 'DELETE',
    url: '/calendars/:id',
    summary: 'Delete a calendar no contract version runs on',
    description: 'A calendar a contract version names is kept (409), so measured clocks can always be replayed.',
    tag: 'SLA',
    access: 'admin',
    params: { id: 'calendar' },
    status: 204,
    handler: ({ ctx, params }) => deleteCalendar({ ctx, id: params.id! }),
  }),
  route({
    method: 'POST',
    url: '/sla/simulate',
    summary: 'Answer due and elapsed questions on a calendar, one result per case in order',
    description:
      '`calendar` is a stored calendar id (404 when unknown) or an inline definition. Up to 10,000 cases: ' +
      '`{"op":"due","start","minutes","pauses"?}` → `{"due"}` (UTC) or `{"op":"elapsed","start","end","pauses"?}` → ' +
      '`{"minutes"}` (business minutes in [start, end)); `pauses` are `[from, to]` instants not counted. A case that ' +
      'cannot be answered (no business time within ten years) is 400 naming the case. Bodies up to 8 MiB.',
    tag: 'SLA',
    access: 'agent',
    body: SimulateSlaInput,
    // 10,000 cases with a pause each are about 1.4 MB, past the app's 1 MiB default.
    bodyLimit: 8 * 1024 * 1024,
    example: {
      calendar: EXAMPLE_DEFINITION,
      cases: [
        { op: 'due', start: '2026-11-23T15:00:00+01:00', minutes: 480 },
        {
          op: 'elapsed',
          start: '2026-11-23T08:00:00+01:00',
          end: '2026-11-24T17:00:00+01:00',
          pauses: [['2026-11-23T12:00:00+01:00', '2026-11-23T13:00:00+01:00']],
        },
      ],
    },
    response: SimulateSlaResult,
    handler: ({ ctx, body }) => simulateSla({ ctx, input: body }),
  }),
];
