import { type CreateTicketInput, Level, type Person } from '@loket/contract';
import {
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { toLanguage } from '../i18n/i18n.ts';
import { api } from '../lib/api-client.ts';
import { useErrorMessage } from '../ui/query-error.tsx';
import { consoleApi } from './console-api.ts';
import { useNotify } from './console-notify.ts';

const CUSTOMER_ROLES = new Set(['manager', 'contact']);

/**
 * Log a phone call as a new ticket for the caller: an existing customer found by name or address, or a new caller
 * registered from their address (they join the organisation owning its domain). The ticket is opened on the
 * caller's behalf with channel `phone` (the call is the first response), then shown.
 */
export function PhoneCallPage() {
  const { t, i18n } = useTranslation();
  const language = toLanguage(i18n.language);
  const navigate = useNavigate();
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const notify = useNotify();

  const [mode, setMode] = useState<'existing' | 'new'>('existing');
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [callerSearch, setCallerSearch] = useState('');
  const [q] = useDebouncedValue(callerSearch.trim(), 250);
  const [caller, setCaller] = useState<Person | null>(null);
  const [newName, setNewName] = useState('');
  const [newEmail, setNewEmail] = useState('');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [urgency, setUrgency] = useState<Level>('normal');
  const [impact, setImpact] = useState<Level>('normal');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);

  const organisations = useQuery({
    queryKey: ['organisations', 'all'],
    queryFn: () => api.listOrganisations({ limit: 200 }),
    staleTime: 5 * 60_000,
  });
  const categories = useQuery({ queryKey: ['categories'], queryFn: consoleApi.listCategories, staleTime: 5 * 60_000 });
  const orgName = new Map((organisations.data?.items ?? []).map((o) => [o.id as string, o.name]));
  const personLabel = (p: Person) => `${p.name} <${p.email}> · ${orgName.get(p.organisationId) ?? ''}`;
  // Once a caller is chosen the field shows their label; that is no search.
  const searchText = caller && q === personLabel(caller).trim() ? '' : q;
  const people = useQuery({
    queryKey: ['people', 'callers', { searchText, organisationId }],
    queryFn: () =>
      consoleApi.listPeople({
        q: searchText || undefined,
        organisationId: (organisationId ?? undefined) as CreateTicketInput['organisationId'],
        limit: 25,
      }),
    enabled: mode === 'existing',
  });
  const callers = (people.data?.items ?? []).filter((p) => CUSTOMER_ROLES.has(p.role) && p.isActive);
  if (caller && !callers.some((p) => p.id === caller.id)) callers.unshift(caller);

  const chooseCaller = (person: Person | null) => {
    setCaller(person);
    setCallerSearch(person ? personLabel(person) : '');
    if (person) setOrganisationId(person.organisationId);
    setErrors((e) => ({ ...e, caller: '' }));
  };

  const register = useMutation({
    mutationFn: () => consoleApi.registerContact({ email: newEmail.trim(), name: newName.trim() || undefined }),
    onSuccess: (person) => {
      notify(t('console.phone.registered', { name: person.name }), 'teal.9');
      chooseCaller(person);
      setMode('existing');
    },
    onError: (e) => setErrors((prev) => ({ ...prev, newEmail: errorMessage(e) })),
  });

  const create = useMutation({
    mutationFn: () =>
      consoleApi.createTicket({
        subject: subject.trim(),
        body: body.trim(),
        category: category ?? undefined,
        urgency,
        impact,
        organisationId: caller?.organisationId as CreateTicketInput['organisationId'],
        requesterEmail: caller!.email,
        channel: 'phone',
      }),
    onSuccess: async (ticket) => {
      await client.invalidateQueries({ queryKey: ['tickets'] });
      notify(t('console.phone.created', { reference: ticket.reference }), 'teal.9');
      void navigate(`/agent/tickets/${ticket.id}`);
    },
    onError: (e) => setFailure(errorMessage(e)),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!caller) found.caller = t('console.phone.callerRequired');
    if (!subject.trim()) found.subject = t('console.phone.required');
    if (!body.trim()) found.body = t('console.phone.required');
    setErrors(found);
    setFailure(null);
    if (Object.values(found).some(Boolean)) return;
    create.mutate();
  };
  const levels = Level.options.map((level) => ({ value: level, label: t(`console.phone.level.${level}`) }));

  return (
    <Stack maw={760}>
      <Anchor component={Link} to="/agent/tickets" size="sm">
        {t('console.phone.back')}
      </Anchor>
      <Title order={1} size="h2">
        {t('console.phone.title')}
      </Title>
      <Text size="sm" c="gray.7">
        {t('console.phone.intro')}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Paper withBorder p="md" component="section" aria-labelledby="caller-heading">
            <Stack>
              <Title order={2} size="h4" id="caller-heading">
                {t('console.phone.callerTitle')}
              </Title>
              <Radio.Group
                label={t('console.phone.callerKind')}
                value={mode}
                onChange={(value) => setMode(value as 'existing' | 'new')}
              >
                <Group mt={4}>
                  <Radio value="existing" label={t('console.phone.existing')} />
                  <Radio value="new" label={t('console.phone.newCaller')} />
                </Group>
              </Radio.Group>
              <Select
                label={t('console.phone.organisation')}
                description={t('console.phone.organisationHint')}
                placeholder={t('console.phone.anyOrganisation')}
                data={(organisations.data?.items ?? [])
                  .filter((o) => o.kind !== 'provider')
                  .map((o) => ({ value: o.id, label: o.name }))}
                value={organisationId}
                onChange={(value) => {
                  setOrganisationId(value);
                  if (caller && caller.organisationId !== value) setCaller(null);
                }}
                searchable
                clearable
                clearButtonProps={{ 'aria-label': t('console.clearField') }}
                disabled={mode === 'new'}
              />
              {mode === 'existing' ? (
                <Select
                  label={t('console.phone.caller')}
                  placeholder={t('console.phone.callerSearch')}
                  data={callers.map((p) => ({ value: p.id, label: personLabel(p) }))}
                  value={caller?.id ?? null}
                  onChange={(value) => chooseCaller(callers.find((p) => p.id === value) ?? null)}
                  searchValue={callerSearch}
                  onSearchChange={setCallerSearch}
                  filter={({ options }) => options}
                  nothingFoundMessage={people.isFetching ? t('console.phone.searching') : t('console.phone.noCaller')}
                  error={errors.caller || undefined}
                  searchable
                  clearable
                  clearButtonProps={{ 'aria-label': t('console.clearField') }}
                  required
                />
              ) : (
                <Stack gap="xs">
                  <Group align="flex-start" grow>
                    <TextInput
                      label={t('console.phone.newName')}
                      value={newName}
                      onChange={(event) => setNewName(event.currentTarget.value)}
                      autoComplete="off"
                    />
                    <TextInput
                      label={t('console.phone.newEmail')}
                      type="email"
                      value={newEmail}
                      onChange={(event) => setNewEmail(event.currentTarget.value)}
                      error={errors.newEmail || undefined}
                      autoComplete="off"
                      required
                    />
                  </Group>
                  <Group>
                    <Button
                      variant="default"
                      loading={register.isPending}
                      disabled={!newEmail.trim()}
                      onClick={() => register.mutate()}
                    >
                      {t('console.phone.register')}
                    </Button>
                  </Group>
                  {errors.caller && (
                    <Text size="sm" c="red.9">
                      {errors.caller}
                    </Text>
                  )}
                </Stack>
              )}
            </Stack>
          </Paper>
          <TextInput
            label={t('console.phone.subject')}
            value={subject}
            onChange={(event) => setSubject(event.currentTarget.value)}
            error={errors.subject || undefined}
            maxLength={250}
            required
          />
          <Textarea
            label={t('console.phone.body')}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            error={errors.body || undefined}
            autosize
            minRows={5}
            required
          />
          <Group grow align="flex-start">
            <Select
              label={t('console.phone.category')}
              placeholder={t('console.phone.defaultCategory')}
              data={(categories.data?.items ?? [])
                .filter((c) => c.isActive)
                .map((c) => ({ value: c.id, label: c.translations[language] ?? c.name }))}
              value={category}
              onChange={setCategory}
              clearable
              clearButtonProps={{ 'aria-label': t('console.clearField') }}
            />
            <Select
              label={t('console.phone.urgency')}
              data={levels}
              value={urgency}
              onChange={(value) => value && setUrgency(value as Level)}
              allowDeselect={false}
            />
            <Select
              label={t('console.phone.impact')}
              data={levels}
              value={impact}
              onChange={(value) => value && setImpact(value as Level)}
              allowDeselect={false}
            />
          </Group>
          <Text size="sm" c="gray.7">
            {t('console.phone.channel')}
          </Text>
          {failure && (
            <Alert color="red" role="alert" title={t('console.phone.failed')}>
              {failure}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('console.phone.submit')}
            </Button>
            <Button variant="default" component={Link} to="/agent/tickets">
              {t('console.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
