import type { Ticket } from '@loket/contract';
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../i18n/use-format.ts';
import { responseDue } from './service-terms.ts';

/** "Response due by …" for a ticket in the list: the first response while awaited, else the resolution. */
export function DueText({ ticket, now }: { ticket: Ticket; now: Date }) {
  const { t } = useTranslation();
  const format = useFormat();
  const due = responseDue(ticket.sla, now);
  if (!due) {
    return (
      <Text size="sm" c="gray.7">
        {t('portal.list.noDeadline')}
      </Text>
    );
  }
  const time = format.dateTime(due.at);
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" data-testid="due">
        {due.kind === 'response' ? t('portal.list.responseDue', { time }) : t('portal.list.resolutionDue', { time })}
      </Text>
      {due.overdue && (
        <Badge color="red.9" variant="filled" size="sm">
          {t('portal.list.overdue')}
        </Badge>
      )}
    </Group>
  );
}
