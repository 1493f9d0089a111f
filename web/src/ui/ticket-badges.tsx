import type { Priority, StatusKind, Ticket } from '@loket/contract';
import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toLanguage } from '../i18n/i18n.ts';
import { api } from '../lib/api-client.ts';

// Filled, with text colour chosen by contrast (autoContrast): dark shades under white text, light ones (orange) under
// black, each keeping at least 4.5:1 (WCAG AA, checked by the axe scan of the e2e journeys).
const KIND_COLOR: Record<StatusKind, string> = {
  new: 'blue.8',
  open: 'cyan.9',
  waiting_customer: 'orange.4',
  waiting_provider: 'grape.8',
  scheduled: 'indigo.8',
  resolved: 'teal.9',
  closed: 'gray.7',
};

const PRIORITY_COLOR: Record<Priority, string> = { P1: 'red.9', P2: 'orange.4', P3: 'blue.8', P4: 'gray.7' };

/**
 * Status names are data (admins add statuses and name them per language): the name in the viewer's language from
 * GET /statuses, else the status's own name. Its kind gives the colour and the accessible description.
 */
export function StatusBadge({ status }: { status: Ticket['status'] }) {
  const { t, i18n } = useTranslation();
  const statuses = useQuery({ queryKey: ['statuses'], queryFn: api.listStatuses, staleTime: 5 * 60_000 });
  const language = toLanguage(i18n.language);
  const translated = statuses.data?.items.find((s) => s.id === status.id)?.translations[language];
  const name = translated ?? status.name;
  const kind = t(`statusKind.${status.kind}`);
  return (
    <Badge color={KIND_COLOR[status.kind]} variant="filled" autoContrast title={kind === name ? undefined : kind}>
      {name}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  return (
    <Badge color={PRIORITY_COLOR[priority]} variant="filled" autoContrast>
      {priority}
    </Badge>
  );
}
