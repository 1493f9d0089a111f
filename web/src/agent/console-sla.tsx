import type { Ticket } from '@loket/contract';
import { Badge, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';
import { slaState } from './console-logic.ts';

/** The current time, renewed every `intervalMs` so "due in …" keeps counting down. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/**
 * A ticket's SLA in words and colour (never colour alone): "Due in 2 hrs, 10 mins" with the clock's name, red
 * "Breached" or "Overdue by …", orange within the hour. The due instant itself is the tooltip and the `<time>`.
 */
export function SlaSummary({ sla, now }: { sla: Ticket['sla']; now: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const state = slaState(sla, now);
  if (state.state === 'none' || state.state === 'paused' || state.state === 'met') {
    return (
      <Text size="sm" c="gray.7">
        {t(`console.sla.${state.state}`)}
      </Text>
    );
  }
  if (state.state === 'breached') {
    return (
      <Badge color="red.9" variant="filled" autoContrast>
        {t('console.sla.breached')}
      </Badge>
    );
  }
  const dueAt = sla?.dueAt ?? '';
  const clock = state.clock ? t(`console.sla.clock.${state.clock}`) : null;
  const text =
    state.state === 'overdue'
      ? t('console.sla.overdue', { duration: format.duration(state.minutes) })
      : t('console.sla.due', { duration: format.duration(state.minutes) });
  const color = state.state === 'overdue' ? 'red.9' : state.soon ? 'orange.4' : undefined;
  return (
    <Stack gap={0}>
      {color ? (
        <Badge color={color} variant="filled" autoContrast style={{ textTransform: 'none' }}>
          <time dateTime={dueAt} title={format.dateTime(dueAt)}>
            {text}
          </time>
        </Badge>
      ) : (
        <Text size="sm">
          <time dateTime={dueAt} title={format.dateTime(dueAt)}>
            {text}
          </time>
        </Text>
      )}
      {clock && (
        <Text size="xs" c="gray.7">
          {clock}
        </Text>
      )}
    </Stack>
  );
}
