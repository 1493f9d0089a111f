import type { ComponentState, IncidentStatus, Language, MaintenanceStatus } from '@loket/contract';

type Words = {
  title: string;
  mine: string;
  overall: Record<'none' | 'minor' | 'major' | 'critical' | 'maintenance', string>;
  states: Record<ComponentState, string>;
  incident: Record<IncidentStatus, string>;
  maintenance: Record<MaintenanceStatus, string>;
  components: string;
  other: string;
  uptime: (percent: string) => string;
  noData: string;
  active: string;
  scheduled: string;
  history: string;
  noIncidents: string;
  postmortem: string;
  feeds: string;
  window: string;
};

export const STATUS_TEXT: Record<Language, Words> = {
  en: {
    title: 'Service status',
    mine: 'Your services',
    overall: {
      none: 'All systems operational',
      minor: 'Some systems are degraded',
      major: 'Partial outage',
      critical: 'Major outage',
      maintenance: 'Maintenance in progress',
    },
    states: {
      operational: 'Operational',
      degraded_performance: 'Degraded performance',
      partial_outage: 'Partial outage',
      major_outage: 'Major outage',
      under_maintenance: 'Under maintenance',
    },
    incident: {
      investigating: 'Investigating',
      identified: 'Identified',
      monitoring: 'Monitoring',
      resolved: 'Resolved',
    },
    maintenance: { scheduled: 'Scheduled', in_progress: 'In progress', verifying: 'Verifying', completed: 'Completed' },
    components: 'Components',
    other: 'Other',
    uptime: (p) => `${p} uptime over 90 days`,
    noData: 'no data',
    active: 'Current incidents',
    scheduled: 'Maintenance',
    history: 'Past incidents (90 days)',
    noIncidents: 'No incidents reported.',
    postmortem: 'Postmortem',
    feeds: 'Feeds',
    window: 'Window',
  },
  nl: {
    title: 'Status van de dienstverlening',
    mine: 'Uw diensten',
    overall: {
      none: 'Alle systemen werken',
      minor: 'Sommige systemen werken trager',
      major: 'Gedeeltelijke storing',
      critical: 'Grote storing',
      maintenance: 'Onderhoud bezig',
    },
    states: {
      operational: 'Werkt',
      degraded_performance: 'Verminderde prestaties',
      partial_outage: 'Gedeeltelijke storing',
      major_outage: 'Grote storing',
      under_maintenance: 'In onderhoud',
    },
    incident: {
      investigating: 'Onderzoek',
      identified: 'Oorzaak gevonden',
      monitoring: 'Wordt gevolgd',
      resolved: 'Opgelost',
    },
    maintenance: { scheduled: 'Gepland', in_progress: 'Bezig', verifying: 'Controle', completed: 'Afgerond' },
    components: 'Onderdelen',
    other: 'Overig',
    uptime: (p) => `${p} beschikbaar over 90 dagen`,
    noData: 'geen gegevens',
    active: 'Huidige storingen',
    scheduled: 'Onderhoud',
    history: 'Eerdere storingen (90 dagen)',
    noIncidents: 'Geen storingen gemeld.',
    postmortem: 'Nabeschouwing',
    feeds: 'Feeds',
    window: 'Tijdvak',
  },
  sv: {
    title: 'Driftstatus',
    mine: 'Dina tjänster',
    overall: {
      none: 'Alla system fungerar',
      minor: 'Vissa system är långsamma',
      major: 'Delvis avbrott',
      critical: 'Större avbrott',
      maintenance: 'Underhåll pågår',
    },
    states: {
      operational: 'Fungerar',
      degraded_performance: 'Försämrad prestanda',
      partial_outage: 'Delvis avbrott',
      major_outage: 'Större avbrott',
      under_maintenance: 'Under underhåll',
    },
    incident: { investigating: 'Undersöks', identified: 'Orsak funnen', monitoring: 'Övervakas', resolved: 'Löst' },
    maintenance: { scheduled: 'Planerat', in_progress: 'Pågår', verifying: 'Kontrolleras', completed: 'Klart' },
    components: 'Komponenter',
    other: 'Övrigt',
    uptime: (p) => `${p} tillgänglighet under 90 dagar`,
    noData: 'ingen data',
    active: 'Pågående störningar',
    scheduled: 'Underhåll',
    history: 'Tidigare störningar (90 dagar)',
    noIncidents: 'Inga störningar rapporterade.',
    postmortem: 'Efteranalys',
    feeds: 'Flöden',
    window: 'Tidsfönster',
  },
};

/** The best of en, nl, sv by Accept-Language (q-values honoured), English when none is asked for. */
export function pickLanguage(header: string | undefined): Language {
  if (!header) return 'en';
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { lang: (tag ?? '').split('-')[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { lang } of ranked) if (lang === 'en' || lang === 'nl' || lang === 'sv') return lang;
  return 'en';
}
