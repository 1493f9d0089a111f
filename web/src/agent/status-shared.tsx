import { COMPONENT_STATES, type IncidentImpact, type IncidentStatus } from '@loket/contract';
import { Button, Group, Modal, type ModalProps, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../ui/query-error.tsx';

const IMPACTS: IncidentImpact[] = ['none', 'minor', 'major', 'critical'];
const INCIDENT_STATUSES: IncidentStatus[] = ['investigating', 'identified', 'monitoring', 'resolved'];

/** The options of the status pages' selects, in their order, each labelled as its badge is. */
export function useStatusOptions() {
  const { t } = useTranslation();
  return {
    componentStates: COMPONENT_STATES.map((s) => ({ value: s, label: t(`status.componentState.${s}`) })),
    impacts: IMPACTS.map((i) => ({ value: i, label: t(`status.impact.${i}`) })),
    incidentStatuses: INCIDENT_STATUSES.map((s) => ({ value: s, label: t(`status.incidentStatus.${s}`) })),
  };
}

/** A notice in the corner: `saved` confirms, `failed` says what went wrong; the close button is named (axe). */
export function useStatusNotify() {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const show = (color: string, message: string) =>
    notifications.show({ closeButtonProps: { 'aria-label': t('status.close') }, color, message });
  return {
    saved: (message: string) => show('teal', message),
    failed: (error: unknown) => show('red', errorMessage(error)),
  };
}

/** Why a form's last submit failed, announced as it appears; nothing while there is no error. */
export function FormError({ error }: { error: unknown }) {
  const errorMessage = useErrorMessage();
  if (!error) return null;
  return (
    <Text c="red.8" size="sm" role="alert">
      {errorMessage(error)}
    </Text>
  );
}

/** Cancel and submit, at the foot of a form in a dialog. */
export function FormActions({
  onCancel,
  pending,
  submitLabel,
}: {
  onCancel: () => void;
  pending: boolean;
  submitLabel: string;
}) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('status.cancel')}
      </Button>
      <Button type="submit" loading={pending}>
        {submitLabel}
      </Button>
    </Group>
  );
}

/** A dialog holding a form, which mounts only while the dialog is open: each opening starts with a fresh form. */
export function FormModal({
  opened,
  onClose,
  title,
  size,
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  size: ModalProps['size'];
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('status.close') }}
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
    >
      {opened && children}
    </Modal>
  );
}
