import type { ComponentState, IncidentImpact, IncidentStatus, MaintenanceStatus, MonitorState } from '@loket/contract';
import { Badge, type MantineSpacing } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { COMPONENT_STATE_COLOR, IMPACT_COLOR, MONITOR_STATE_COLOR } from './status-api.ts';

export function ComponentStateBadge({ state }: { state: ComponentState }) {
  const { t } = useTranslation();
  return <Badge color={COMPONENT_STATE_COLOR[state]}>{t(`status.componentState.${state}`)}</Badge>;
}

export function ImpactBadge({ impact }: { impact: IncidentImpact }) {
  const { t } = useTranslation();
  return <Badge color={IMPACT_COLOR[impact]}>{t(`status.impact.${impact}`)}</Badge>;
}

export function IncidentStatusBadge({ status }: { status: IncidentStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'resolved' ? 'teal.9' : 'orange.4'} variant="filled">
      {t(`status.incidentStatus.${status}`)}
    </Badge>
  );
}

export function MaintenanceStatusBadge({ status }: { status: MaintenanceStatus }) {
  const { t } = useTranslation();
  const color = { scheduled: 'blue.8', in_progress: 'orange.4', verifying: 'grape.8', completed: 'teal.9' }[status];
  return <Badge color={color}>{t(`status.maintenanceStatus.${status}`)}</Badge>;
}

export function MonitorStateBadge({ state }: { state: MonitorState }) {
  const { t } = useTranslation();
  return <Badge color={MONITOR_STATE_COLOR[state]}>{t(`status.monitorState.${state}`)}</Badge>;
}

/** An incident or maintenance that is not yet published on the status page. */
export function DraftBadge({ ml }: { ml?: MantineSpacing }) {
  const { t } = useTranslation();
  return (
    <Badge ml={ml} color="gray.7" variant="outline">
      {t('status.incidents.draft')}
    </Badge>
  );
}
