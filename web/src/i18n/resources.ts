import type { Language } from '@loket/contract';
import adminEn from './areas/admin.en.json';
import adminNl from './areas/admin.nl.json';
import adminSv from './areas/admin.sv.json';
import mailEn from './areas/mail.en.json';
import mailNl from './areas/mail.nl.json';
import mailSv from './areas/mail.sv.json';
import consoleEn from './areas/console.en.json';
import consoleNl from './areas/console.nl.json';
import consoleSv from './areas/console.sv.json';
import portalEn from './areas/portal.en.json';
import portalNl from './areas/portal.nl.json';
import portalSv from './areas/portal.sv.json';
import statusEn from './areas/status.en.json';
import statusNl from './areas/status.nl.json';
import statusSv from './areas/status.sv.json';
import ticketEn from './areas/ticket.en.json';
import ticketNl from './areas/ticket.nl.json';
import ticketSv from './areas/ticket.sv.json';
import en from './en.json';
import nl from './nl.json';
import sv from './sv.json';

/**
 * One translation namespace, assembled from the shared texts (`en.json` …) and one file per area of the app
 * (`areas/<area>.<language>.json`, each holding a single top-level key named after its area), so that the console,
 * the ticket page, the portal, the administration, the mail administration and the status and monitoring views keep their texts apart.
 * English is the reference: the other two must have exactly its keys (i18n/resources.test.ts).
 */
const english = { ...en, ...consoleEn, ...ticketEn, ...portalEn, ...adminEn, ...mailEn, ...statusEn };
export type Messages = typeof english;

export const RESOURCES: Record<Language, { translation: Messages }> = {
  en: { translation: english },
  nl: {
    translation: { ...nl, ...consoleNl, ...ticketNl, ...portalNl, ...adminNl, ...mailNl, ...statusNl } as Messages,
  },
  sv: {
    translation: { ...sv, ...consoleSv, ...ticketSv, ...portalSv, ...adminSv, ...mailSv, ...statusSv } as Messages,
  },
};

export const LANGUAGES: readonly Language[] = ['en', 'nl', 'sv'];
