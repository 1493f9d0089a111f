import type { Language } from '@loket/contract';
import { Select } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { toLanguage } from '../i18n/i18n.ts';
import { LANGUAGES } from '../i18n/resources.ts';
import { api } from '../lib/api-client.ts';
import { ME_KEY, useMe } from '../lib/session.tsx';

/** Logged in: saves the choice on the person (PATCH /auth/me), so mail and every device follow. Before: this page only. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const { data: me } = useMe();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (language: Language) => api.updateMe({ language }),
    onSuccess: (updated) => queryClient.setQueryData(ME_KEY, updated),
    onError: () => notifications.show({ color: 'red', message: t('language.saveFailed') }),
  });
  const change = (value: string | null) => {
    if (!value) return;
    const language = toLanguage(value);
    void i18n.changeLanguage(language);
    if (me) save.mutate(language);
  };
  return (
    <Select
      aria-label={t('language.label')}
      size="xs"
      w={130}
      allowDeselect={false}
      value={toLanguage(i18n.language)}
      onChange={change}
      data={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
