import { SimpleGrid, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export type TranslationsForm = { en: string; nl: string; sv: string };
export const translationsForm = (t: Partial<Record<'en' | 'nl' | 'sv', string>> = {}): TranslationsForm => ({
  en: t.en ?? '',
  nl: t.nl ?? '',
  sv: t.sv ?? '',
});
/** Only the filled-in languages go to the API; an empty one falls back to the name. */
export const translationsInput = (form: TranslationsForm) =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([, v]) => v.trim())
      .map(([k, v]) => [k, v.trim()]),
  ) as Partial<Record<'en' | 'nl' | 'sv', string>>;

/** The name in English, Dutch and Swedish. */
export function TranslationsFields({
  value,
  onChange,
}: {
  value: TranslationsForm;
  onChange: (v: TranslationsForm) => void;
}) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      {(['en', 'nl', 'sv'] as const).map((language) => (
        <TextInput
          key={language}
          label={t('admin.translationIn', { language: t(`language.${language}`) })}
          value={value[language]}
          onChange={(e) => onChange({ ...value, [language]: e.currentTarget.value })}
        />
      ))}
    </SimpleGrid>
  );
}
