import type { Language } from '@loket/contract';
import i18next from 'i18next';
import LanguageDetector from 'i18next-browser-languagedetector';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, RESOURCES, type Messages } from './resources.ts';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/**
 * Before login the browser's language (navigator.languages, first supported one wins; nothing is remembered), after
 * login the person's own `language` from /auth/me (session.tsx switches to it).
 */
export async function initI18n(): Promise<typeof i18next> {
  await i18next
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: RESOURCES,
      supportedLngs: [...LANGUAGES],
      nonExplicitSupportedLngs: true,
      load: 'languageOnly',
      fallbackLng: 'en',
      detection: { order: ['navigator'], caches: [] },
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  const applyLang = (lng: string) => {
    document.documentElement.lang = toLanguage(lng);
  };
  applyLang(i18next.language);
  i18next.on('languageChanged', applyLang);
  return i18next;
}

/** One of our three languages for an i18next or BCP 47 tag (`nl-BE` → `nl`), English otherwise. */
export function toLanguage(tag: string | undefined): Language {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return (LANGUAGES as readonly string[]).includes(base ?? '') ? (base as Language) : 'en';
}

/** Back to the browser's language (after logging out). */
export const resetToBrowserLanguage = () => i18next.changeLanguage();
