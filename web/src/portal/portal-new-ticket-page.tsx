import type { Level } from '@loket/contract';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { toLanguage } from '../i18n/i18n.ts';
import { useFormat } from '../i18n/use-format.ts';
import { useErrorMessage } from '../ui/query-error.tsx';
import { PriorityBadge } from '../ui/ticket-badges.tsx';
import { portalApi } from './portal-api.ts';
import { priorityFor, targetsFor } from './service-terms.ts';

const LEVELS: readonly Level[] = ['high', 'normal', 'low'];
const URGENCY_TEXT = {
  high: 'portal.new.urgencyHigh',
  normal: 'portal.new.urgencyNormal',
  low: 'portal.new.urgencyLow',
} as const;
const IMPACT_TEXT = {
  high: 'portal.new.impactHigh',
  normal: 'portal.new.impactNormal',
  low: 'portal.new.impactLow',
} as const;

/**
 * A customer reports something: urgency and impact asked in plain words, and before sending, the priority their
 * contract's matrix gives with its response and resolution targets (GET /portal/service-terms), live.
 */
export function PortalNewTicketPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const language = toLanguage(i18n.language);
  const terms = useQuery({ queryKey: ['portal', 'service-terms'], queryFn: portalApi.serviceTerms });
  const categories = useQuery({ queryKey: ['categories'], queryFn: portalApi.categories, staleTime: 5 * 60_000 });
  const [subject, setSubject] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [urgency, setUrgency] = useState<Level>('normal');
  const [impact, setImpact] = useState<Level>('low');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [showErrors, setShowErrors] = useState(false);

  const submit = useMutation({
    mutationFn: async () => {
      const attachmentIds = files.length ? await portalApi.uploadAll(files) : undefined;
      return portalApi.createTicket({
        subject: subject.trim(),
        body: body.trim(),
        urgency,
        impact,
        ...(category ? { category } : {}),
        ...(attachmentIds ? { attachmentIds } : {}),
      });
    },
    onSuccess: async (ticket) => {
      queryClient.setQueryData(['ticket', ticket.id], ticket);
      await queryClient.invalidateQueries({ queryKey: ['tickets'] });
      notifications.show({
        closeButtonProps: { 'aria-label': t('portal.common.closeNotice') },
        color: 'teal',
        message: t('portal.new.created', { reference: ticket.reference }),
      });
      void navigate(`/portal/tickets/${ticket.id}`);
    },
  });

  const categoryOptions = (categories.data?.items ?? [])
    .filter((c) => c.isActive)
    .map((c) => ({ value: c.id, label: c.translations[language] ?? c.name }));
  const priority = terms.data ? priorityFor(terms.data, urgency, impact) : undefined;
  const targets = terms.data ? targetsFor(terms.data, priority) : null;
  const subjectError = showErrors && !subject.trim() ? t('errors.invalid') : undefined;
  const bodyError = showErrors && !body.trim() ? t('errors.invalid') : undefined;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setShowErrors(true);
    if (!subject.trim() || !body.trim()) return;
    submit.mutate();
  };

  return (
    <Stack maw={760}>
      <Title order={1} size="h2">
        {t('portal.new.title')}
      </Title>
      <Text>{t('portal.new.intro')}</Text>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {submit.isError && (
            <Alert color="red" role="alert">
              {errorMessage(submit.error)}
            </Alert>
          )}
          <TextInput
            label={t('portal.new.subject')}
            description={t('portal.new.subjectHint')}
            required
            maxLength={250}
            value={subject}
            error={subjectError}
            onChange={(event) => setSubject(event.currentTarget.value)}
          />
          <Select
            label={t('portal.new.category')}
            data={categoryOptions}
            value={category}
            onChange={setCategory}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
          <Radio.Group label={t('portal.new.urgency')} value={urgency} onChange={(value) => setUrgency(value as Level)}>
            <Stack gap="xs" mt="xs">
              {LEVELS.map((level) => (
                <Radio key={level} value={level} label={t(URGENCY_TEXT[level])} />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group label={t('portal.new.impact')} value={impact} onChange={(value) => setImpact(value as Level)}>
            <Stack gap="xs" mt="xs">
              {LEVELS.map((level) => (
                <Radio key={level} value={level} label={t(IMPACT_TEXT[level])} />
              ))}
            </Stack>
          </Radio.Group>
          <Paper withBorder p="md" bg="blue.0" aria-live="polite" data-testid="outcome">
            <Title order={2} size="h4" mb="xs">
              {t('portal.new.outcomeTitle')}
            </Title>
            {terms.isError ? (
              <Text size="sm">{t('portal.new.termsUnavailable')}</Text>
            ) : terms.data ? (
              <Stack gap={4}>
                {priority && (
                  <Group gap="xs">
                    <PriorityBadge priority={priority} />
                    <Text fw={600}>{t('portal.new.priority', { priority })}</Text>
                  </Group>
                )}
                {targets ? (
                  <>
                    <Text size="sm" data-testid="response-target">
                      {t('portal.new.responseTarget', {
                        duration: format.workingDuration(targets.firstResponseMinutes),
                      })}
                    </Text>
                    <Text size="sm">
                      {t('portal.new.resolutionTarget', {
                        duration: format.workingDuration(targets.resolutionMinutes),
                      })}
                    </Text>
                    {terms.data.contract && terms.data.contract.timeZone !== format.timeZone && (
                      <Text size="xs" c="gray.7">
                        {t('portal.new.termsZone', { zone: terms.data.contract.timeZone })}
                      </Text>
                    )}
                  </>
                ) : (
                  <Text size="sm">{t('portal.new.noTargets')}</Text>
                )}
              </Stack>
            ) : (
              <Badge variant="light" color="gray.8">
                {t('app.loading')}
              </Badge>
            )}
          </Paper>
          <Textarea
            label={t('portal.new.description')}
            description={t('portal.new.descriptionHint')}
            required
            autosize
            minRows={5}
            value={body}
            error={bodyError}
            onChange={(event) => setBody(event.currentTarget.value)}
          />
          <FileInput
            label={t('portal.new.attachments')}
            description={t('portal.new.attachmentsHint')}
            placeholder={t('portal.new.attachmentsPlaceholder')}
            multiple
            clearable
            // Mantine's placeholder grey is below 4.5:1 on white; this one reads.
            styles={{ placeholder: { color: 'var(--mantine-color-gray-7)' } }}
            clearButtonProps={{ 'aria-label': t('portal.common.clearFiles') }}
            value={files}
            onChange={(value) => setFiles((value ?? []).slice(0, 20))}
          />
          <Group>
            <Button type="submit" loading={submit.isPending}>
              {t('portal.new.submit')}
            </Button>
            <Anchor component={Link} to="/portal">
              {t('portal.new.cancel')}
            </Anchor>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
