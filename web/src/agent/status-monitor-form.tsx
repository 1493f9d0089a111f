import { MonitorKind, type Monitor } from '@loket/contract';
import { NumberInput, Select, SimpleGrid, Stack, Switch, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  emptyMonitorForm,
  type MonitorFormState,
  monitorFormFor,
  STATUS_KEYS,
  statusApi,
  TARGET_HINT,
} from './status-api.ts';
import { FormActions, FormError } from './status-shared.tsx';

const LEVELS = ['high', 'normal', 'low'] as const;
const DNS_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'TXT'] as const;

/** Create or change a monitor; the fields shown follow its kind. */
export function MonitorForm({
  monitor,
  onSubmit,
  onCancel,
  pending,
  error,
}: {
  monitor: Monitor | null;
  onSubmit: (form: MonitorFormState) => void;
  onCancel: () => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const components = useQuery({ queryKey: STATUS_KEYS.components, queryFn: statusApi.listComponents });
  const groups = useQuery({ queryKey: STATUS_KEYS.ticketGroups, queryFn: statusApi.listTicketGroups });
  const [form, setForm] = useState<MonitorFormState>(() => (monitor ? monitorFormFor(monitor) : emptyMonitorForm()));
  const set = <K extends keyof MonitorFormState>(key: K, value: MonitorFormState[K]) =>
    setForm((f) => ({ ...f, [key]: value }));
  const num =
    <K extends keyof MonitorFormState>(key: K, fallback: number) =>
    (value: string | number) =>
      set(key, (typeof value === 'number' ? value : fallback) as MonitorFormState[K]);
  const hint = TARGET_HINT[form.kind];
  const levels = LEVELS.map((l) => ({ value: l, label: t(`status.level.${l}`) }));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(form);
      }}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('status.monitors.name')}
            required
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
          />
          <Select
            label={t('status.monitors.kind')}
            allowDeselect={false}
            disabled={monitor !== null}
            value={form.kind}
            onChange={(value) => value && set('kind', value as MonitorKind)}
            data={MonitorKind.options.map((k) => ({ value: k, label: t(`status.monitorKind.${k}`) }))}
          />
        </SimpleGrid>
        {hint ? (
          <TextInput
            label={t('status.monitors.target')}
            description={t(`status.monitors.targetHint.${hint}`)}
            required
            value={form.target}
            onChange={(e) => set('target', e.currentTarget.value)}
          />
        ) : (
          <NumberInput
            label={t('status.monitors.heartbeatPeriod')}
            description={t('status.monitors.heartbeatPeriodHint')}
            min={10}
            value={form.heartbeatPeriodSeconds}
            onChange={num('heartbeatPeriodSeconds', 3600)}
          />
        )}
        {form.kind === 'http' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('status.monitors.expectedStatusCodes')}
              description={t('status.monitors.expectedStatusCodesHint')}
              value={form.expectedStatusCodes}
              onChange={(e) => set('expectedStatusCodes', e.currentTarget.value)}
            />
            <TextInput
              label={t('status.monitors.keyword')}
              value={form.keyword}
              onChange={(e) => set('keyword', e.currentTarget.value)}
            />
            <TextInput
              label={t('status.monitors.jsonPath')}
              placeholder="$.status"
              value={form.jsonPath}
              onChange={(e) => set('jsonPath', e.currentTarget.value)}
            />
            <TextInput
              label={t('status.monitors.jsonExpected')}
              value={form.jsonExpected}
              onChange={(e) => set('jsonExpected', e.currentTarget.value)}
            />
          </SimpleGrid>
        )}
        {(form.kind === 'http' || form.kind === 'tcp') && (
          <NumberInput
            label={t('status.monitors.maxResponseMs')}
            min={1}
            max={120_000}
            value={form.maxResponseMs ?? ''}
            onChange={(value) => set('maxResponseMs', typeof value === 'number' ? value : null)}
          />
        )}
        {form.kind === 'dns' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('status.monitors.dnsRecordType')}
              allowDeselect={false}
              value={form.dnsRecordType}
              onChange={(value) => value && set('dnsRecordType', value as MonitorFormState['dnsRecordType'])}
              data={[...DNS_TYPES]}
            />
            <TextInput
              label={t('status.monitors.dnsExpected')}
              value={form.dnsExpected}
              onChange={(e) => set('dnsExpected', e.currentTarget.value)}
            />
          </SimpleGrid>
        )}
        {form.kind === 'tls' && (
          <NumberInput
            label={t('status.monitors.tlsMinDaysLeft')}
            min={0}
            max={365}
            value={form.tlsMinDaysLeft}
            onChange={num('tlsMinDaysLeft', 14)}
          />
        )}
        <Title order={3} size="h5">
          {t('status.monitors.schedule')}
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <NumberInput
            label={t('status.monitors.interval')}
            min={10}
            max={86_400}
            value={form.intervalSeconds}
            onChange={num('intervalSeconds', 60)}
          />
          <NumberInput
            label={t('status.monitors.timeout')}
            min={100}
            max={60_000}
            step={500}
            value={form.timeoutMs}
            onChange={num('timeoutMs', 10_000)}
          />
          <NumberInput
            label={t('status.monitors.failuresBeforeDown')}
            min={1}
            max={100}
            value={form.failuresBeforeDown}
            onChange={num('failuresBeforeDown', 3)}
          />
          <NumberInput
            label={t('status.monitors.successesBeforeUp')}
            min={1}
            max={100}
            value={form.successesBeforeUp}
            onChange={num('successesBeforeUp', 1)}
          />
        </SimpleGrid>
        <Title order={3} size="h5">
          {t('status.monitors.whenDown')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('status.monitors.component')}
            clearable
            placeholder={t('status.none')}
            value={form.componentId}
            onChange={(value) => set('componentId', value)}
            data={(components.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            label={t('status.monitors.group')}
            clearable
            placeholder={t('status.none')}
            value={form.groupId}
            onChange={(value) => set('groupId', value)}
            data={(groups.data?.items ?? []).map((g) => ({ value: g.id, label: g.name }))}
          />
          <Select
            label={t('status.monitors.urgency')}
            allowDeselect={false}
            value={form.urgency}
            onChange={(value) => value && set('urgency', value as MonitorFormState['urgency'])}
            data={levels}
          />
          <Select
            label={t('status.monitors.impact')}
            allowDeselect={false}
            value={form.impact}
            onChange={(value) => value && set('impact', value as MonitorFormState['impact'])}
            data={levels}
          />
        </SimpleGrid>
        <Switch
          label={t('status.monitors.publishIncident')}
          description={t('status.monitors.publishIncidentHint')}
          checked={form.publishIncident}
          onChange={(e) => set('publishIncident', e.currentTarget.checked)}
        />
        <FormError error={error} />
        <FormActions
          onCancel={onCancel}
          pending={pending}
          submitLabel={monitor ? t('status.save') : t('status.monitors.create')}
        />
      </Stack>
    </form>
  );
}
