import { notifications } from '@mantine/notifications';
import i18next from 'i18next';

/** A short confirmation; its close button is named, as every button must be (axe: button-name). */
export function notify({ color, message }: { color: string; message: string }) {
  notifications.show({
    color,
    message,
    closeButtonProps: { 'aria-label': i18next.t('ticket.page.closeMessage') },
  });
}
