import type { CreateLinkInput, Ticket, TicketLink } from '@loket/contract';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorMessage } from '../../ui/query-error.tsx';
import { QueryState } from '../../ui/query-state.tsx';
import { ticketApi } from './ticket-api.ts';
import { notify } from './notify.ts';

type NewLinkKind = CreateLinkInput['kind'];
const NEW_KINDS: NewLinkKind[] = ['fixed_by', 'parent_of', 'child_of', 'related'];

/** How a link reads from this ticket's side: "fixed by", "fixes", "parent of", "child of", … */
export const linkLabelKey = (link: Pick<TicketLink, 'kind' | 'direction'>) =>
  `ticket.links.kind.${link.kind}.${link.kind === 'related' ? 'outgoing' : link.direction}` as const;

/** The ticket's links (fixed by a change, parent/child, related, merges) and merging it into another ticket. */
export function LinksPanel({ ticket, basePath }: { ticket: Ticket; basePath: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const links = useQuery({ queryKey: ['ticket', ticket.id, 'links'], queryFn: () => ticketApi.links(ticket.id) });
  const [kind, setKind] = useState<NewLinkKind>('related');
  const [other, setOther] = useState('');
  const [otherError, setOtherError] = useState<string | null>(null);

  const refresh = async () => {
    // The other ticket's links changed too.
    await queryClient.invalidateQueries({ queryKey: ['ticket'] });
  };
  const add = useMutation({
    mutationFn: () => ticketApi.link(ticket.id, { kind, ticket: other.trim() }),
    onSuccess: async () => {
      setOther('');
      notify({ color: 'teal', message: t('ticket.links.added') });
      await refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (linkId: string) => ticketApi.unlink(ticket.id, linkId),
    onSuccess: async () => {
      notify({ color: 'teal', message: t('ticket.links.removed') });
      await refresh();
    },
  });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!other.trim()) {
      setOtherError(t('ticket.links.otherRequired'));
      return;
    }
    setOtherError(null);
    add.mutate();
  };

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('ticket.links.title')}
      </Title>
      <QueryState query={links} empty={<Text size="sm">{t('ticket.links.none')}</Text>}>
        {(data) => (
          <Table.ScrollContainer minWidth={520}>
            <Table fz="sm" data-testid="ticket-links">
              <Table.Caption>{t('ticket.links.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('ticket.links.relation')}</Table.Th>
                  <Table.Th>{t('ticket.links.ticket')}</Table.Th>
                  <Table.Th>{t('ticket.status')}</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>{t('ticket.links.actions')}</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.items.map((link) => (
                  <Table.Tr key={link.id} data-testid="ticket-link">
                    <Table.Td>{t(linkLabelKey(link))}</Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`${basePath}/${link.ticket.id}`}>
                        {link.ticket.reference}
                      </Anchor>{' '}
                      {link.ticket.subject}
                    </Table.Td>
                    <Table.Td>{t(`statusKind.${link.ticket.statusKind}`)}</Table.Td>
                    <Table.Td>
                      {link.kind !== 'merged_into' && link.kind !== 'follow_up_of' && (
                        <Button
                          size="compact-xs"
                          variant="default"
                          loading={remove.isPending && remove.variables === link.id}
                          onClick={() => remove.mutate(link.id)}
                          aria-label={t('ticket.links.removeNamed', { reference: link.ticket.reference })}
                        >
                          {t('ticket.links.remove')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </QueryState>
      {remove.isError && (
        <Alert color="red" role="alert">
          {errorMessage(remove.error)}
        </Alert>
      )}
      <Card withBorder padding="md" component="section" aria-labelledby="add-link-heading">
        <Title order={3} size="h5" id="add-link-heading" mb="sm">
          {t('ticket.links.addTitle')}
        </Title>
        <form onSubmit={submit} aria-label={t('ticket.links.addTitle')}>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <Select
              label={t('ticket.links.relation')}
              value={kind}
              onChange={(v) => v && setKind(v as NewLinkKind)}
              data={NEW_KINDS.map((k) => ({ value: k, label: t(`ticket.links.new.${k}`) }))}
              allowDeselect={false}
              w={220}
            />
            <TextInput
              label={t('ticket.links.otherTicket')}
              description={t('ticket.links.otherHint')}
              value={other}
              onChange={(e) => setOther(e.currentTarget.value)}
              error={otherError}
              w={240}
              withAsterisk
            />
            <Button type="submit" mt={24} loading={add.isPending}>
              {t('ticket.links.add')}
            </Button>
          </Group>
          {add.isError && (
            <Alert color="red" role="alert" mt="sm">
              {errorMessage(add.error)}
            </Alert>
          )}
        </form>
      </Card>
      {!ticket.mergedIntoId && <MergeCard ticket={ticket} basePath={basePath} />}
    </Stack>
  );
}

/** Merging is not undone: the agent names the surviving ticket, then confirms in a dialog that says what happens. */
function MergeCard({ ticket, basePath }: { ticket: Ticket; basePath: string }) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [into, setInto] = useState('');
  const [intoError, setIntoError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const merge = useMutation({
    mutationFn: () => ticketApi.merge(ticket.id, { into: into.trim() }),
    onSuccess: async (survivor) => {
      setConfirming(false);
      notify({
        color: 'teal',
        message: t('ticket.merge.done', { from: ticket.reference, into: survivor.reference }),
      });
      await queryClient.invalidateQueries({ queryKey: ['ticket'] });
      await queryClient.invalidateQueries({ queryKey: ['tickets'] });
      void navigate(`${basePath}/${survivor.id}`);
    },
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="merge-heading">
      <Title order={3} size="h5" id="merge-heading" mb="xs">
        {t('ticket.merge.title')}
      </Title>
      <Text size="sm" c="gray.7" mb="sm">
        {t('ticket.merge.explain')}
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!into.trim()) {
            setIntoError(t('ticket.links.otherRequired'));
            return;
          }
          setIntoError(null);
          merge.reset();
          setConfirming(true);
        }}
        aria-label={t('ticket.merge.title')}
      >
        <Group align="flex-start" gap="sm">
          <TextInput
            label={t('ticket.merge.into')}
            description={t('ticket.links.otherHint')}
            value={into}
            onChange={(e) => setInto(e.currentTarget.value)}
            error={intoError}
            w={240}
            withAsterisk
          />
          <Button type="submit" color="red.9" variant="outline" mt={24}>
            {t('ticket.merge.button')}
          </Button>
        </Group>
      </form>
      <Modal
        opened={confirming}
        onClose={() => setConfirming(false)}
        title={t('ticket.merge.confirmTitle')}
        closeButtonProps={{ 'aria-label': t('ticket.page.close') }}
        centered
      >
        <Stack gap="md">
          <Text size="sm">{t('ticket.merge.confirmText', { from: ticket.reference, into: into.trim() })}</Text>
          {merge.isError && (
            <Alert color="red" role="alert">
              {errorMessage(merge.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t('ticket.page.cancel')}
            </Button>
            <Button color="red.9" loading={merge.isPending} onClick={() => merge.mutate()}>
              {t('ticket.merge.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}
