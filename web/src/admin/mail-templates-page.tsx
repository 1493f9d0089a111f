import type { Language, MailTemplate } from '@loket/contract';
import {
  Badge,
  Button,
  Code,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/resources.ts';
import { PageLoader } from '../ui/page-loader.tsx';
import { QueryError, useErrorMessage } from '../ui/query-error.tsx';
import { ZonedTime } from '../ui/zoned-time.tsx';
import { MAIL_KEYS, mailApi, renderTemplatePreview, unknownPlaceholders } from './mail-api.ts';

function TemplateEditor({ template }: { template: MailTemplate }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [subject, setSubject] = useState(template.subject);
  const [body, setBody] = useState(template.body);
  const refresh = () => queryClient.invalidateQueries({ queryKey: MAIL_KEYS.templates });
  const save = useMutation({
    mutationFn: () => mailApi.setTemplate(template.key, template.language, { subject, body }),
    onSuccess: async () => {
      await refresh();
      notifications.show({
        closeButtonProps: { 'aria-label': t('mail.close') },
        color: 'teal',
        message: t('mail.templates.saved'),
      });
    },
  });
  const reset = useMutation({
    mutationFn: () => mailApi.resetTemplate(template.key, template.language),
    onSuccess: async () => {
      await refresh();
      notifications.show({
        closeButtonProps: { 'aria-label': t('mail.close') },
        color: 'teal',
        message: t('mail.templates.resetDone'),
      });
    },
  });
  const unknown = unknownPlaceholders(`${subject}\n${body}`, template.placeholders);
  const changed = subject !== template.subject || body !== template.body;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <TextInput
            label={t('mail.templates.subject')}
            required
            value={subject}
            onChange={(e) => setSubject(e.currentTarget.value)}
          />
          <Textarea
            label={t('mail.templates.body')}
            required
            autosize
            minRows={8}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
          />
          <div>
            <Text size="sm" fw={500}>
              {t('mail.templates.placeholders')}
            </Text>
            <Group gap={6} mt={4}>
              {template.placeholders.map((name) => (
                <Code key={name}>{`{{${name}}}`}</Code>
              ))}
            </Group>
          </div>
          {unknown.length > 0 && (
            <Text c="red.8" size="sm" role="alert">
              {t('mail.templates.unknown', { names: unknown.join(', ') })}
            </Text>
          )}
          {(save.isError || reset.isError) && (
            <Text c="red.8" size="sm" role="alert">
              {errorMessage(save.error ?? reset.error)}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={save.isPending} disabled={!changed || unknown.length > 0}>
              {t('mail.save')}
            </Button>
            <Button
              variant="default"
              loading={reset.isPending}
              disabled={!template.isOverridden}
              onClick={() => reset.mutate()}
            >
              {t('mail.templates.reset')}
            </Button>
          </Group>
        </Stack>
      </form>
      <Paper withBorder p="md" component="section" aria-labelledby="template-preview-heading">
        <Title order={3} size="h5" id="template-preview-heading">
          {t('mail.templates.preview')}
        </Title>
        <Text size="sm" fw={600} mt="sm" data-testid="preview-subject">
          {renderTemplatePreview(subject, template.placeholders)}
        </Text>
        <Text size="sm" mt="xs" style={{ whiteSpace: 'pre-wrap' }} data-testid="preview-body">
          {renderTemplatePreview(body, template.placeholders)}
        </Text>
      </Paper>
    </SimpleGrid>
  );
}

/** Mail templates per key and language: the wording in effect, editable, with a preview and a way back. */
export function MailTemplatesPage() {
  const { t } = useTranslation();
  const templates = useQuery({ queryKey: MAIL_KEYS.templates, queryFn: mailApi.listTemplates });
  const [key, setKey] = useState<string | null>(null);
  const [language, setLanguage] = useState<Language>('en');
  if (templates.isPending) return <PageLoader />;
  if (templates.isError) return <QueryError error={templates.error} onRetry={() => void templates.refetch()} />;
  const keys = [...new Set(templates.data.items.map((item) => item.key))];
  const selectedKey = key ?? keys[0] ?? null;
  const selected = templates.data.items.find((item) => item.key === selectedKey && item.language === language);
  return (
    <Stack>
      <Title order={2} size="h3">
        {t('mail.templates.title')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('mail.templates.template')}
          allowDeselect={false}
          searchable
          data={keys}
          value={selectedKey}
          onChange={setKey}
          w={320}
        />
        <Select
          label={t('mail.templates.language')}
          allowDeselect={false}
          data={LANGUAGES.map((l) => ({ value: l, label: t(`language.${l}`) }))}
          value={language}
          onChange={(value) => value && setLanguage(value as Language)}
        />
        {selected && (
          <Badge color={selected.isOverridden ? 'orange.4' : 'gray.7'} mb={6}>
            {selected.isOverridden ? t('mail.templates.overridden') : t('mail.templates.builtIn')}
          </Badge>
        )}
      </Group>
      {selected?.updatedAt && selected.isOverridden && (
        <Text size="sm" c="gray.7">
          {t('mail.templates.changedAt')} <ZonedTime at={selected.updatedAt} />
        </Text>
      )}
      {selected && (
        <TemplateEditor
          key={`${selected.key}:${selected.language}:${selected.updatedAt ?? ''}:${selected.isOverridden}`}
          template={selected}
        />
      )}
      <Title order={3} size="h4">
        {t('mail.templates.overview')}
      </Title>
      <Table.ScrollContainer minWidth={500}>
        <Table aria-label={t('mail.templates.overview')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('mail.templates.template')}</Table.Th>
              {LANGUAGES.map((l) => (
                <Table.Th key={l}>{t(`language.${l}`)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {keys.map((k) => (
              <Table.Tr key={k}>
                <Table.Td>
                  <Code>{k}</Code>
                </Table.Td>
                {LANGUAGES.map((l) => {
                  const item = templates.data.items.find((i) => i.key === k && i.language === l);
                  return (
                    <Table.Td key={l}>
                      {item?.isOverridden ? t('mail.templates.overridden') : t('mail.templates.builtIn')}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
