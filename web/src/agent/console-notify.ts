import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';

/** A short confirmation or failure in the corner, its close button named (axe: button-name). */
export function useNotify() {
  const { t } = useTranslation();
  return (message: string, color: string) =>
    notifications.show({ message, color, closeButtonProps: { 'aria-label': t('console.close') } });
}
