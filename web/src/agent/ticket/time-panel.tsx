import type { NonBillableReason, Ticket, WorkType } from '@loket/contract';
import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format.ts';
import { PageLoader } from '../../ui/page-loader.tsx';
import { QueryError, useErrorMessage } from '../../ui/query-error.tsx';
import { ticketApi } from './ticket-api.ts';
import { timeTotals } from './ticket-logic.ts';
import { clockFace, timerMinutes } from './timer.ts';
import { useTicketTimer } from './use-ticket-timer.ts';
import { notify } from './notify.ts';

const WORK_TYPES: WorkType[] = ['remote', 'on_site', 'phone', 'travel', 'development', 'consultancy', 'other'];
const REASONS: NonBillableReason[] = [
  'own_defect',
  'goodwill',
  'warranty',
  'internal',
  'included_in_contract',
  'other',
];

/** Logged time against the estimate, a running timer kept per ticket, and the form to log time. */
export function TimePanel({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation();
  const format = useFormat();
  const entries = useQuery({
    queryKey: ['ticket', ticket.id, 'time'],
    queryFn: () => ticketApi.timeEntries(ticket.id),
  });
  if (entries.isPending) return <PageLoader />;
  if (entries.isError) return <QueryError error={entries.error} onRetry={() => void entries.refetch()} />;
  const totals = timeTotals({
    totalMinutes: entries.data.totalMinutes,
    billableMinutes: entries.data.billableMinutes,
    estimateMinutes: ticket.estimateMinutes,
  });
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('ticket.time.title')}
      </Title>
      <Card withBorder padding="md" data-testid="time-totals">
        <SimpleGrid cols={{ base: 2, sm: 4 }} component="dl" m={0}>
          <Total label={t('ticket.time.billable')} value={format.workingDuration(totals.billableMinutes)} />
          <Total label={t('ticket.time.nonBillable')} value={format.workingDuration(totals.nonBillableMinutes)} />
          <Total label={t('ticket.time.total')} value={format.workingDuration(totals.totalMinutes)} />
          <Total
            label={t('ticket.time.estimate')}
            value={
              totals.estimateMinutes !== null
                ? format.workingDuration(totals.estimateMinutes)
                : t('ticket.page.noEstimate')
            }
          />
        </SimpleGrid>
        {totals.percentOfEstimate !== null && (
          <Stack gap={4} mt="sm">
            <Progress
              value={Math.min(100, totals.percentOfEstimate)}
              color={totals.overEstimate ? 'red.9' : 'blue.8'}
              aria-label={t('ticket.time.ofEstimate', { percent: totals.percentOfEstimate })}
            />
            <Text size="xs" c={totals.overEstimate ? 'red.9' : 'gray.7'}>
              {t('ticket.time.ofEstimate', { percent: totals.percentOfEstimate })}
            </Text>
          </Stack>
        )}
      </Card>
      <LogTimeForm ticketId={ticket.id} />
      {entries.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table striped fz="sm">
            <Table.Caption>{t('ticket.time.entries')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ticket.time.when')}</Table.Th>
                <Table.Th>{t('ticket.time.who')}</Table.Th>
                <Table.Th>{t('ticket.time.minutes')}</Table.Th>
                <Table.Th>{t('ticket.time.workType')}</Table.Th>
                <Table.Th>{t('ticket.time.billing')}</Table.Th>
                <Table.Th>{t('ticket.time.description')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.data.items.map((entry) => (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    <time dateTime={entry.performedAt}>{format.dateTime(entry.performedAt)}</time>
                  </Table.Td>
                  <Table.Td>{entry.person.name}</Table.Td>
                  <Table.Td>{format.workingDuration(entry.minutes)}</Table.Td>
                  <Table.Td>{t(`ticket.time.workTypes.${entry.workType}`)}</Table.Td>
                  <Table.Td>
                    {entry.isBillable
                      ? t('ticket.time.billableYes')
                      : t('ticket.time.billableNo', {
                          reason: t(`ticket.time.reasons.${entry.nonBillableReason ?? 'other'}`),
                        })}
                  </Table.Td>
                  <Table.Td>{entry.description ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Total({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" size="xs" c="gray.7" fw={500}>
        {label}
      </Text>
      <Text component="dd" m={0} fw={600}>
        {value}
      </Text>
    </div>
  );
}

function LogTimeForm({ ticketId }: { ticketId: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const timer = useTicketTimer(ticketId);
  const [minutes, setMinutes] = useState<number | string>('');
  const [workType, setWorkType] = useState<WorkType>('remote');
  const [isBillable, setIsBillable] = useState(true);
  const [reason, setReason] = useState<NonBillableReason | null>(null);
  const [description, setDescription] = useState('');
  const [errors, setErrors] = useState<{ minutes?: string; reason?: string }>({});

  const log = useMutation({
    mutationFn: (value: number) =>
      ticketApi.logTime(ticketId, {
        minutes: value,
        workType,
        isBillable,
        ...(!isBillable && reason ? { nonBillableReason: reason } : {}),
        ...(description.trim() ? { description: description.trim() } : {}),
      }),
    onSuccess: async () => {
      setMinutes('');
      setDescription('');
      timer.reset();
      notify({ color: 'teal', message: t('ticket.time.logged') });
      await queryClient.invalidateQueries({ queryKey: ['ticket', ticketId] });
    },
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (typeof minutes !== 'number' || minutes < 1 || minutes > 1440) next.minutes = t('ticket.time.minutesInvalid');
    if (!isBillable && !reason) next.reason = t('ticket.time.reasonRequired');
    setErrors(next);
    if (Object.keys(next).length === 0 && typeof minutes === 'number') log.mutate(minutes);
  };

  const fillFromTimer = () => {
    if (timer.isRunning) timer.pause();
    setMinutes(timerMinutes(timer.state, Date.now()));
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="log-time-heading">
      <Title order={3} size="h5" id="log-time-heading" mb="sm">
        {t('ticket.time.logTitle')}
      </Title>
      <Group gap="sm" mb="md" align="center">
        <Text ff="monospace" size="lg" fw={600} aria-live="off" data-testid="timer-face">
          {clockFace(timer.elapsedMs)}
        </Text>
        {timer.isRunning ? (
          <Button size="xs" variant="light" onClick={timer.pause}>
            {t('ticket.time.pauseTimer')}
          </Button>
        ) : (
          <Button size="xs" variant="light" onClick={timer.start}>
            {timer.elapsedMs > 0 ? t('ticket.time.resumeTimer') : t('ticket.time.startTimer')}
          </Button>
        )}
        <Button size="xs" variant="default" onClick={fillFromTimer} disabled={timer.elapsedMs === 0}>
          {t('ticket.time.useTimer')}
        </Button>
        <Button size="xs" variant="subtle" color="gray.8" onClick={timer.reset} disabled={timer.elapsedMs === 0}>
          {t('ticket.time.resetTimer')}
        </Button>
      </Group>
      <form onSubmit={submit} aria-label={t('ticket.time.logTitle')}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('ticket.time.minutes')}
              value={minutes}
              onChange={setMinutes}
              min={1}
              max={1440}
              allowDecimal={false}
              error={errors.minutes}
              withAsterisk
            />
            <Select
              label={t('ticket.time.workType')}
              value={workType}
              onChange={(v) => v && setWorkType(v as WorkType)}
              data={WORK_TYPES.map((w) => ({ value: w, label: t(`ticket.time.workTypes.${w}`) }))}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Switch
            label={t('ticket.time.isBillable')}
            checked={isBillable}
            onChange={(e) => setIsBillable(e.currentTarget.checked)}
          />
          {!isBillable && (
            <Select
              label={t('ticket.time.nonBillableReason')}
              value={reason}
              onChange={(v) => setReason(v as NonBillableReason | null)}
              data={REASONS.map((r) => ({ value: r, label: t(`ticket.time.reasons.${r}`) }))}
              error={errors.reason}
              withAsterisk
            />
          )}
          <TextInput
            label={t('ticket.time.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            maxLength={2000}
          />
          {log.isError && (
            <Alert color="red" role="alert">
              {errorMessage(log.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={log.isPending}>
              {t('ticket.time.logButton')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
