import type { Channel, Level, NonBillableReason, WorkType } from '@loket/contract';

/**
 * The demo tickets: a fixed list of scenarios, replayed by seed-demo.ts into tickets, articles, time entries, links
 * and history. Times are minutes after the ticket was opened, the opening itself is `daysAgo` before the clock's now.
 * Conversations are in the customer's language (Dutch for Acme, Swedish for Nordic, English for Hosting); internal
 * notes are in English, the provider's language. Every name and address here is fictional.
 */

export type DemoCustomer = 'acme' | 'nordic' | 'hosting';
/** Provider staff by key; customer people relative to the ticket's organisation; `system` is nobody (auto-close). */
export type DemoStaff = 'admin' | 'agent' | 'agent2' | 'expert1' | 'expert2' | 'monitoring';
export type DemoCustomerRole = 'contact' | 'manager' | 'extra';
export type DemoActor = DemoStaff | DemoCustomerRole | 'system';
export type DemoGroupKey = 'first_line' | 'experts';
export type DemoStatusKey =
  | 'open'
  | 'in_progress'
  | 'awaiting_reply'
  | 'on_hold'
  | 'planned'
  | 'acceptance'
  | 'waiting_for_deploy'
  | 'resolved'
  | 'closed';
export type DemoCategoryKey = 'incident' | 'service_request' | 'change' | 'server_management' | 'maintenance';

export type DemoStep = { at: number; by: DemoActor } & (
  | { reply: string; status?: DemoStatusKey }
  | { note: string }
  | { status: DemoStatusKey }
  | { assign: { group: DemoGroupKey; to: DemoStaff | null } }
  | {
      time: { minutes: number; workType: WorkType; billable: boolean; reason?: NonBillableReason; description: string };
    }
  | { reopen: string }
  | { link: { kind: 'fixed_by' | 'parent_of' | 'related'; to: string } }
  | { mergeInto: string }
  | { update: { urgency?: Level; impact?: Level; reason: string } }
);

export type DemoTicket = {
  key: string;
  org: DemoCustomer;
  requester: DemoCustomerRole;
  /** Who wrote the first message when it is not the requester: an agent logging a call, the monitoring. */
  openedBy?: DemoStaff;
  channel: Channel;
  category: DemoCategoryKey;
  urgency: Level;
  impact: Level;
  daysAgo: number;
  /** Minutes after `daysAgo`, to place a ticket just after another one. */
  plusMinutes?: number;
  subject: string;
  body: string;
  steps: DemoStep[];
};

const H = 60;
const D = 24 * H;

const reply = (at: number, by: DemoActor, text: string, status?: DemoStatusKey): DemoStep =>
  status ? { at, by, reply: text, status } : { at, by, reply: text };
const note = (at: number, by: DemoActor, text: string): DemoStep => ({ at, by, note: text });
const status = (at: number, by: DemoActor, to: DemoStatusKey): DemoStep => ({ at, by, status: to });
const assign = (at: number, by: DemoActor, group: DemoGroupKey, to: DemoStaff | null): DemoStep => ({
  at,
  by,
  assign: { group, to },
});
const billable = (at: number, by: DemoActor, minutes: number, workType: WorkType, description: string): DemoStep => ({
  at,
  by,
  time: { minutes, workType, billable: true, description },
});
const nonBillable = (
  at: number,
  by: DemoActor,
  minutes: number,
  workType: WorkType,
  reason: NonBillableReason,
  description: string,
): DemoStep => ({ at, by, time: { minutes, workType, billable: false, reason, description } });
const autoClose = (at: number): DemoStep => status(at, 'system', 'closed');

export const DEMO_TICKETS: readonly DemoTicket[] = [
  // ── Acme Manufacturing (Dutch) ──────────────────────────────────────────────────────────────────────────────
  {
    key: 'acme-vpn',
    org: 'acme',
    requester: 'contact',
    channel: 'email',
    category: 'incident',
    urgency: 'high',
    impact: 'high',
    daysAgo: 38,
    subject: 'VPN-verbinding met het datacenter valt steeds weg',
    body:
      'Goedemorgen,\n\nSinds ongeveer 08:15 valt de VPN-verbinding tussen onze fabriek en het datacenter om de paar ' +
      'minuten weg. De planning kan daardoor niet in het ERP-systeem werken en de productie ligt deels stil.\n\n' +
      'Kunnen jullie hier met spoed naar kijken?\n\nMet vriendelijke groet,\nJeroen Smit',
    steps: [
      assign(4, 'agent', 'first_line', 'agent'),
      reply(
        9,
        'agent',
        'Hallo Jeroen,\n\nDank voor je melding. We zien in onze monitoring dat de tunnel inderdaad steeds opnieuw ' +
          'wordt opgebouwd. We zijn ermee bezig en houden je elk half uur op de hoogte.\n\nGroet,\nSam',
        'in_progress',
      ),
      note(
        25,
        'agent',
        'Tunnel drops every ~4 minutes; IKE rekey fails since the firewall auto-updated last night. Handing over to Experts.',
      ),
      assign(27, 'agent', 'experts', 'expert1'),
      note(
        70,
        'expert1',
        'Cause: known IKEv2 rekey bug in the firmware installed last night. Workaround: longer rekey interval on this ' +
          'tunnel. The permanent fix is the next firmware release, proposed as a change.',
      ),
      reply(
        78,
        'expert1',
        'Hallo Jeroen,\n\nWe hebben een tijdelijke oplossing doorgevoerd: de verbinding is sinds 09:35 stabiel. De ' +
          'oorzaak zit in de firmware van de firewall; de structurele oplossing is een update, die we als aparte ' +
          'wijziging met Ingrid inplannen.\n\nGroet,\nNoor',
      ),
      billable(80, 'expert1', 75, 'remote', 'Analyse VPN-storing en tijdelijke oplossing'),
      { at: 105, by: 'expert1', link: { kind: 'fixed_by', to: 'acme-fw-change' } },
      reply(130, 'contact', 'Top, iedereen kan weer werken. Bedankt voor de snelle actie!'),
      reply(
        5 * D,
        'expert1',
        'Hallo Jeroen,\n\nDe firmware-update is gisteravond uitgevoerd en de tunnel is sindsdien stabiel, ook nu de ' +
          'tijdelijke instelling is teruggedraaid. We zetten deze melding op opgelost.\n\nGroet,\nNoor',
        'resolved',
      ),
      autoClose(8 * D),
    ],
  },
  {
    key: 'acme-vpn-duplicate',
    org: 'acme',
    requester: 'extra',
    channel: 'email',
    category: 'incident',
    urgency: 'high',
    impact: 'high',
    daysAgo: 38,
    plusMinutes: 20,
    subject: 'VPN doet het niet',
    body: 'Hoi,\n\nBij Inkoop werkt de VPN ook niet, we kunnen niet bij de bestellingen. Weten jullie hiervan?\n\nLisa',
    steps: [
      reply(
        15,
        'agent',
        'Hallo Lisa,\n\nJa, we weten ervan: Jeroen heeft het vanochtend al gemeld en we werken eraan. We voegen jouw ' +
          'melding samen met die van hem; de updates volgen daar.\n\nGroet,\nSam',
      ),
      { at: 16, by: 'agent', mergeInto: 'acme-vpn' },
    ],
  },
  {
    key: 'acme-fw-change',
    org: 'acme',
    requester: 'manager',
    openedBy: 'expert1',
    channel: 'api',
    category: 'change',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 38,
    plusMinutes: 100,
    subject: 'Firmware-update firewall (structurele oplossing VPN-storing)',
    body:
      'Naar aanleiding van de VPN-storing van vandaag stellen we voor de firewall bij te werken naar de nieuwste ' +
      'firmware, waarin de fout in de sleutelvernieuwing is opgelost.\n\nVerwachte onderbreking: circa 10 minuten.\n' +
      'Voorstel: morgenavond 20:00.\nTerugvalplan: de vorige firmware staat klaar op de tweede partitie.\n\n' +
      'Graag je akkoord, Ingrid.',
    steps: [
      assign(1, 'expert1', 'experts', 'expert1'),
      status(2, 'expert1', 'awaiting_reply'),
      reply(
        6 * H,
        'manager',
        'Akkoord, maar liever over vier dagen: morgen hebben we een grote order. Laat je even weten als het klaar is?',
      ),
      reply(
        6 * H + 10,
        'expert1',
        'Dank je, Ingrid. Ingepland over vier dagen om 20:00; je krijgt een bericht zodra het klaar is.',
        'planned',
      ),
      billable(4 * D, 'expert1', 40, 'remote', 'Firmware-update firewall uitgevoerd, tunnels gecontroleerd'),
      reply(
        4 * D + 5,
        'expert1',
        'Ingrid, de update is uitgevoerd. De onderbreking duurde 6 minuten en alle verbindingen zijn weer op. Wil je ' +
          'morgen laten controleren of alles naar wens werkt?',
        'acceptance',
      ),
      reply(5 * D - 2 * H, 'manager', 'Alles werkt, de VPN is de hele dag stabiel geweest. Akkoord!'),
      status(5 * D - H, 'expert1', 'resolved'),
      autoClose(8 * D),
    ],
  },
  {
    key: 'acme-onboarding',
    org: 'acme',
    requester: 'manager',
    channel: 'portal',
    category: 'service_request',
    urgency: 'normal',
    impact: 'low',
    daysAgo: 30,
    subject: 'Nieuwe medewerker per de 1e: Sanne Kok',
    body:
      'Hallo,\n\nPer de 1e begint Sanne Kok als werkvoorbereider. Graag een account, mailbox, laptop en toegang tot ' +
      'de mappen Werkvoorbereiding en Planning.\n\nGroet,\nIngrid Mulder',
    steps: [
      assign(40, 'agent', 'first_line', 'agent2'),
      reply(
        55,
        'agent2',
        'Hallo Ingrid,\n\nWe gaan het regelen. Heeft Sanne ook een telefoon en toegang tot het ERP-systeem nodig?\n\nGroet,\nMila',
        'awaiting_reply',
      ),
      reply(3 * H, 'manager', 'ERP graag met dezelfde rechten als Peter de Graaf. Een telefoon is niet nodig.'),
      status(3 * H + 5, 'agent2', 'in_progress'),
      billable(2 * D, 'agent2', 60, 'remote', 'Account, mailbox en ERP-rechten aangemaakt; laptop ingericht'),
      reply(
        2 * D + 10,
        'agent2',
        'Hallo Ingrid,\n\nAlles staat klaar: account en mailbox zijn aangemaakt, de laptop ligt bij de receptie en ' +
          'Sanne krijgt haar tijdelijke inloggegevens op haar eerste dag.\n\nGroet,\nMila',
        'resolved',
      ),
      autoClose(6 * D),
    ],
  },
  {
    key: 'acme-printer',
    org: 'acme',
    requester: 'extra',
    channel: 'email',
    category: 'incident',
    urgency: 'normal',
    impact: 'low',
    daysAgo: 3,
    subject: "Printer op de 2e verdieping print lege pagina's",
    body: "Hoi,\n\nDe printer bij Inkoop (2e verdieping) print sinds gisteren alleen lege pagina's. De toner is net vervangen.\n\nLisa",
    steps: [
      assign(30, 'agent', 'first_line', 'agent'),
      reply(
        45,
        'agent',
        'Hallo Lisa,\n\nWaarschijnlijk zit de beschermstrip nog op de nieuwe tonercartridge. Wil je de cartridge eruit ' +
          'halen en controleren of het gele lipje helemaal is verwijderd?\n\nGroet,\nSam',
        'awaiting_reply',
      ),
      reply(2 * H, 'extra', 'Dat was het inderdaad. Hij print weer, dank je!'),
      reply(2 * H + 10, 'agent', 'Fijn om te horen! We zetten de melding op opgelost.', 'resolved'),
    ],
  },
  {
    key: 'acme-outlook',
    org: 'acme',
    requester: 'contact',
    channel: 'portal',
    category: 'incident',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 1.5,
    subject: 'Outlook vraagt steeds opnieuw om mijn wachtwoord',
    body: 'Sinds de laptop-update van dit weekend vraagt Outlook elk uur om mijn wachtwoord, ook na opnieuw opstarten.',
    steps: [
      assign(20, 'agent', 'first_line', 'agent'),
      reply(
        35,
        'agent',
        'Hallo Jeroen,\n\nKun je een schermafdruk van de melding sturen, en laten weten of het in de webversie van ' +
          'Outlook ook gebeurt?\n\nGroet,\nSam',
        'awaiting_reply',
      ),
      note(
        40,
        'agent',
        'Probably stale cached credentials after the feature update: clear the Credential Manager entries if the screenshot shows the modern sign-in prompt.',
      ),
    ],
  },
  {
    key: 'acme-disk',
    org: 'acme',
    requester: 'contact',
    openedBy: 'monitoring',
    channel: 'monitoring',
    category: 'server_management',
    urgency: 'high',
    impact: 'low',
    daysAgo: 0.8,
    subject: 'FS01: schijf D: 92% vol',
    body: 'Alert: disk D: on FS01 at 92% (threshold 90%). Free: 38 GB of 500 GB.',
    steps: [
      assign(10, 'agent', 'experts', 'expert1'),
      note(
        35,
        'expert1',
        'Growth comes from the Scans folder (+60 GB this month). Asking whether old scans may move to the archive share.',
      ),
      reply(
        40,
        'expert1',
        'Hallo Jeroen,\n\nDe schijf met gedeelde mappen op FS01 is voor 92% gevuld. De groei komt vooral uit de map ' +
          'Scans (60 GB erbij deze maand). Mogen scans ouder dan twee jaar naar de archiefschijf? Tot die tijd houden ' +
          'we de schijf in de gaten.\n\nGroet,\nNoor',
        'in_progress',
      ),
    ],
  },
  {
    key: 'acme-patching',
    org: 'acme',
    requester: 'manager',
    openedBy: 'agent2',
    channel: 'api',
    category: 'maintenance',
    urgency: 'low',
    impact: 'normal',
    daysAgo: 5,
    subject: 'Maandelijkse patchronde servers',
    body:
      'Geplande installatie van de maandelijkse beveiligingsupdates op FS01, APP01 en de terminalserver. ' +
      'Onderhoudsvenster: 19:00–21:00. Herstart per server circa 10 minuten.',
    steps: [
      assign(5, 'agent2', 'first_line', 'agent2'),
      reply(
        10,
        'agent2',
        'Hallo Ingrid,\n\nTer informatie: over een week installeren we tussen 19:00 en 21:00 de maandelijkse updates. ' +
          'De servers zijn dan elk ongeveer 10 minuten niet bereikbaar.\n\nGroet,\nMila',
        'planned',
      ),
    ],
  },
  {
    key: 'acme-wifi',
    org: 'acme',
    requester: 'manager',
    channel: 'portal',
    category: 'change',
    urgency: 'normal',
    impact: 'low',
    daysAgo: 20,
    subject: 'Wifi-dekking in het magazijn uitbreiden',
    body: 'In het nieuwe deel van het magazijn hebben de handscanners geen bereik. Kunnen jullie een voorstel doen voor extra accesspoints?',
    steps: [
      assign(2 * H, 'agent', 'experts', 'expert1'),
      note(
        D,
        'expert1',
        'Survey from the floor plan: 3 extra access points needed, cabling by a subcontractor. Quote sent by account management.',
      ),
      billable(D, 'expert1', 90, 'consultancy', 'Inventarisatie en voorstel wifi-uitbreiding'),
      reply(
        D + 20,
        'expert1',
        'Hallo Ingrid,\n\nOp basis van de plattegrond adviseren we drie extra accesspoints in het nieuwe magazijndeel. ' +
          'De offerte is vandaag per mail naar je verstuurd. We zetten de melding in de wacht tot jullie akkoord.\n\nGroet,\nNoor',
        'on_hold',
      ),
      reply(6 * D, 'manager', 'Dank je. De offerte ligt bij de directie; ik verwacht over twee weken een besluit.'),
    ],
  },
  {
    key: 'acme-move',
    org: 'acme',
    requester: 'manager',
    channel: 'email',
    category: 'change',
    urgency: 'high',
    impact: 'normal',
    daysAgo: 16,
    subject: 'Verhuizing afdeling Engineering naar hal 3',
    body:
      'Hallo,\n\nOver drie weken verhuist de afdeling Engineering (12 werkplekken) naar hal 3. Daar moeten netwerk, ' +
      'wifi en de plotter werken. Kunnen jullie dit begeleiden?\n\nIngrid',
    steps: [
      assign(H, 'agent', 'experts', 'expert1'),
      reply(
        2 * H,
        'expert1',
        'Hallo Ingrid,\n\nDat pakken we op. We splitsen het werk: eerst de netwerkaansluitingen in hal 3 (aparte ' +
          'melding), daarna het verhuizen van de werkplekken. Ik kom volgende week langs om de ruimte te bekijken.\n\nGroet,\nNoor',
        'in_progress',
      ),
      { at: 2 * H + 5, by: 'expert1', link: { kind: 'parent_of', to: 'acme-move-network' } },
      billable(5 * D, 'expert1', 120, 'on_site', 'Locatiebezoek hal 3, inventarisatie werkplekken'),
      note(
        5 * D + 10,
        'expert1',
        'Hall 3 has no switch yet; the patch cabinet has room. Ordered a 24-port switch. The plotter needs a fixed IP address.',
      ),
    ],
  },
  {
    key: 'acme-move-network',
    org: 'acme',
    requester: 'manager',
    openedBy: 'expert1',
    channel: 'api',
    category: 'service_request',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 16,
    plusMinutes: 2 * H + 2,
    subject: 'Netwerkaansluitingen hal 3 aanleggen',
    body: 'Deeltaak van de verhuizing van Engineering: switch plaatsen in de patchkast van hal 3, 12 werkplekken en de plotter aansluiten en testen.',
    steps: [
      assign(1, 'expert1', 'experts', 'expert2'),
      note(4 * D, 'expert2', 'Switch delivered. Installation planned two days before the move.'),
      status(4 * D + 5, 'expert2', 'planned'),
    ],
  },
  {
    key: 'acme-erp-webshop',
    org: 'acme',
    requester: 'contact',
    channel: 'email',
    category: 'incident',
    urgency: 'high',
    impact: 'normal',
    daysAgo: 9,
    subject: 'Koppeling webshop–ERP geeft foutmelding 500',
    body:
      'Sinds gisteravond komen de webshop-orders niet meer in het ERP. In het logboek van de koppeling staat steeds ' +
      "'HTTP 500'. Er staan nu 43 orders in de wachtrij.",
    steps: [
      assign(30, 'agent', 'experts', 'expert1'),
      reply(
        50,
        'expert1',
        'Hallo Jeroen,\n\nWe hebben het gevonden: het exportscript dat wij vorige week hebben aangepast verwerkt ' +
          'orders met een kortingscode niet goed. We zetten de orders nu handmatig door en maken een correctie.\n\nGroet,\nNoor',
        'in_progress',
      ),
      note(
        55,
        'expert1',
        'Our own regression in the export script (discount lines with an empty VAT code). Time spent on the fix is non-billable.',
      ),
      nonBillable(
        3 * H,
        'expert1',
        90,
        'development',
        'own_defect',
        'Correctie exportscript kortingsregels en orders handmatig doorgezet',
      ),
      reply(
        3 * H + 10,
        'expert1',
        'Alle 43 orders staan inmiddels in het ERP. De correctie is getest op de testomgeving; we zetten hem ' +
          'morgenavond live.',
        'waiting_for_deploy',
      ),
      reply(4 * H, 'contact', 'Dank jullie wel. Morgenavond is prima.'),
    ],
  },
  {
    key: 'acme-share-access',
    org: 'acme',
    requester: 'extra',
    channel: 'portal',
    category: 'service_request',
    urgency: 'low',
    impact: 'low',
    daysAgo: 0.2,
    subject: 'Toegang tot de map Inkoop/Contracten',
    body: 'Kan ik schrijfrechten krijgen op de map Inkoop/Contracten? Ingrid weet ervan.',
    steps: [assign(5, 'agent', 'first_line', null)],
  },
  {
    key: 'acme-phone-forward',
    org: 'acme',
    requester: 'contact',
    openedBy: 'agent2',
    channel: 'phone',
    category: 'incident',
    urgency: 'normal',
    impact: 'high',
    daysAgo: 2,
    subject: 'Doorschakeling verkoopnummer werkt niet',
    body:
      'Jeroen belt: het algemene nummer van Verkoop schakelt sinds vanochtend niet meer door naar de mobiele ' +
      'telefoons van de buitendienst. Bellers krijgen een bezettoon.',
    steps: [
      assign(2, 'agent2', 'first_line', 'agent2'),
      note(
        20,
        'agent2',
        "The forwarding rule on the hunt group was removed by last night's PBX configuration sync. Restored it from backup.",
      ),
      billable(25, 'agent2', 20, 'phone', 'Doorschakeling hersteld via de telefooncentrale'),
      reply(
        30,
        'agent2',
        'Hallo Jeroen,\n\nDe doorschakeling is hersteld; een testgesprek kwam door op de mobiel van de buitendienst. ' +
          'Laat je het weten als het nog ergens misgaat?\n\nGroet,\nMila',
        'resolved',
      ),
    ],
  },
  {
    key: 'acme-backup',
    org: 'acme',
    requester: 'contact',
    openedBy: 'monitoring',
    channel: 'monitoring',
    category: 'server_management',
    urgency: 'high',
    impact: 'normal',
    daysAgo: 25,
    subject: 'Back-up APP01 mislukt',
    body: "Alert: backup job 'APP01-nightly' failed (exit code 23: snapshot could not be created).",
    steps: [
      assign(6 * H, 'agent', 'experts', 'expert1'),
      note(
        6 * H + 20,
        'expert1',
        'The database VSS writer was stuck. Restarted the service and ran the backup by hand: OK.',
      ),
      reply(
        6 * H + 30,
        'expert1',
        'Hallo Jeroen,\n\nDe back-up van APP01 is vannacht mislukt doordat een Windows-component vastzat. We hebben ' +
          'dat verholpen en de back-up opnieuw gedraaid; die is geslaagd. Er is geen actie van jullie nodig.\n\nGroet,\nNoor',
        'resolved',
      ),
      autoClose(4 * D),
    ],
  },
  {
    key: 'acme-visio',
    org: 'acme',
    requester: 'manager',
    channel: 'portal',
    category: 'service_request',
    urgency: 'low',
    impact: 'normal',
    daysAgo: 7,
    subject: 'Visio-licenties voor Engineering (3 stuks)',
    body: 'Graag drie Visio-licenties voor Engineering: voor Pieter, Anouk en Rik.',
    steps: [
      assign(H, 'agent', 'first_line', 'agent'),
      billable(2 * H, 'agent', 15, 'remote', 'Licenties besteld en toegewezen'),
      reply(
        2 * H + 2,
        'agent',
        'Hallo Ingrid,\n\nDe drie licenties zijn besteld en toegewezen. Na opnieuw inloggen staat Visio in het ' +
          'startmenu. Wil je laten weten of het bij alle drie werkt? Dan sluiten we de melding.\n\nGroet,\nSam',
        'acceptance',
      ),
    ],
  },
  {
    key: 'acme-terminal-server',
    org: 'acme',
    requester: 'manager',
    openedBy: 'agent',
    channel: 'phone',
    category: 'incident',
    urgency: 'high',
    impact: 'high',
    daysAgo: 33,
    subject: 'Niemand kan inloggen op de terminalserver',
    body:
      "Ingrid belt: sinds 07:45 krijgt niemand op kantoor verbinding met de terminalserver (melding 'De externe " +
      "computer kan niet worden gevonden'). Circa 30 medewerkers kunnen niet werken.",
    steps: [
      assign(1, 'agent', 'experts', 'expert1'),
      note(
        15,
        'expert1',
        'TS01 hung on a pending update reboot. Forced a restart from the hypervisor; users can connect again.',
      ),
      billable(20, 'expert1', 25, 'remote', 'Terminalserver herstart en gecontroleerd'),
      reply(
        22,
        'expert1',
        'Hallo Ingrid,\n\nDe terminalserver is herstart en iedereen kan weer inloggen. De oorzaak was een update die ' +
          'bleef hangen bij het herstarten. We controleren vanavond of alle updates goed zijn geïnstalleerd.\n\nGroet,\nNoor',
        'resolved',
      ),
      reply(40, 'manager', 'Iedereen is weer aan het werk, dank!'),
      autoClose(5 * D),
    ],
  },

  // ── Nordic Logistics (Swedish) ──────────────────────────────────────────────────────────────────────────────
  {
    key: 'nordic-scanners',
    org: 'nordic',
    requester: 'contact',
    channel: 'email',
    category: 'incident',
    urgency: 'high',
    impact: 'normal',
    daysAgo: 1,
    subject: 'Handskannrarna på lagret tappar anslutningen',
    body:
      'Hej,\n\nSedan i morse tappar handskannrarna i lagerhall B anslutningen till WMS var tionde minut. Plockarna ' +
      'måste logga in igen varje gång, och det går långsamt.\n\nMvh\nKarin Andersson',
    steps: [
      assign(20, 'agent', 'experts', 'expert2'),
      reply(
        40,
        'expert2',
        'Hej Karin,\n\nTack för ärendet. Vi ser att accesspunkten i hall B startar om med jämna mellanrum. Vi ' +
          'undersöker orsaken och återkommer inom en timme.\n\nHälsningar\nErik',
        'in_progress',
      ),
      note(
        90,
        'expert2',
        'AP-B2 reboots every ~10 min: the PoE budget of the switch is exceeded since the new label printers were connected. Moving the printers to another switch tomorrow morning.',
      ),
      reply(
        100,
        'expert2',
        'Orsaken är att switchen i hall B inte räcker till för både accesspunkten och de nya etikettskrivarna. Vi ' +
          'flyttar skrivarna till en annan switch i morgon bitti. Tills dess kan ni stänga av skrivare 3 om det blir ' +
          'för störande.',
      ),
      reply(2 * H, 'contact', 'Tack! Vi stänger av skrivare 3 så länge.'),
    ],
  },
  {
    key: 'nordic-new-user',
    org: 'nordic',
    requester: 'manager',
    channel: 'portal',
    category: 'service_request',
    urgency: 'normal',
    impact: 'low',
    daysAgo: 27,
    subject: 'Ny användare: Elin Holm',
    body:
      'Hej,\n\nElin Holm börjar som transportplanerare nästa vecka. Hon behöver konto, e-post och behörighet till TMS ' +
      'och mappen Planering.\n\nLars Nilsson',
    steps: [
      assign(H, 'agent', 'first_line', 'agent2'),
      billable(D, 'agent2', 45, 'remote', 'Konto, e-post och behörigheter skapade'),
      reply(
        D + 5,
        'agent2',
        'Hej Lars,\n\nElins konto är klart. Användarnamn och ett tillfälligt lösenord skickas till dig i ett separat ' +
          'meddelande. Behörighet till TMS och mappen Planering är tilldelad.\n\nHälsningar\nMila',
        'resolved',
      ),
      reply(D + 3 * H, 'manager', 'Perfekt, tack!'),
      status(D + 3 * H + 5, 'agent2', 'closed'),
    ],
  },
  {
    key: 'nordic-certificate',
    org: 'nordic',
    requester: 'contact',
    openedBy: 'monitoring',
    channel: 'monitoring',
    category: 'server_management',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 4,
    subject: 'Certifikatet för kundportal.nordic.example går ut om 14 dagar',
    body: 'Alert: TLS certificate for kundportal.nordic.example expires in 14 days.',
    steps: [
      assign(2 * H, 'agent', 'experts', 'expert2'),
      reply(
        3 * H,
        'expert2',
        'Hej Karin,\n\nCertifikatet för kundportalen går ut om två veckor. Vi förnyar det om en vecka kl. 07:00; ' +
          'portalen kan vara otillgänglig någon minut vid bytet.\n\nHälsningar\nErik',
        'planned',
      ),
    ],
  },
  {
    key: 'nordic-wms-address',
    org: 'nordic',
    requester: 'manager',
    channel: 'email',
    category: 'change',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 12,
    subject: 'Ny leveransadress i WMS-exporten',
    body:
      'Hej,\n\nVi öppnar ett nytt utlämningsställe i Jönköping. Exporten från WMS till fraktsystemet måste kunna ' +
      'hantera den nya adressen (lagerkod JKP).\n\nLars',
    steps: [
      assign(2 * H, 'agent', 'experts', 'expert2'),
      reply(
        3 * H,
        'expert2',
        'Hej Lars,\n\nVi lägger till lagerkod JKP i exportmappningen. Uppskattad tid: två timmar. Vi återkommer när ' +
          'det finns i testmiljön.\n\nHälsningar\nErik',
        'in_progress',
      ),
      billable(3 * D, 'expert2', 120, 'development', 'Exportmappning för lagerkod JKP'),
      reply(
        3 * D + 10,
        'expert2',
        'Ändringen finns nu i testmiljön. Kan ni göra en testbokning till JKP och bekräfta att fraktsedeln blir rätt?',
        'acceptance',
      ),
    ],
  },
  {
    key: 'nordic-db-slow',
    org: 'nordic',
    requester: 'contact',
    openedBy: 'monitoring',
    channel: 'monitoring',
    category: 'incident',
    urgency: 'high',
    impact: 'high',
    daysAgo: 22,
    subject: 'Databasservern svarar långsamt (svarstid > 2 s)',
    body: 'Alert: query response time on DB02 above 2000 ms for 5 minutes (current: 3480 ms).',
    steps: [
      assign(5, 'agent', 'experts', 'expert2'),
      reply(
        15,
        'expert2',
        'Hej Karin,\n\nVår övervakning visar att databasservern svarar mycket långsamt. Vi undersöker det nu. Märker ' +
          'ni det i WMS?\n\nHälsningar\nErik',
        'in_progress',
      ),
      reply(25, 'contact', 'Ja, allt går väldigt trögt i WMS, plockningen har nästan stannat.'),
      note(
        60,
        'expert2',
        'A report query without an index on shipments(created_at) ran every minute after the report server update. Added the index; response times back to 40 ms.',
      ),
      billable(70, 'expert2', 120, 'remote', 'Felsökning och nytt index på DB02'),
      reply(
        75,
        'expert2',
        'Nu är svarstiderna normala igen. Orsaken var en rapport som belastade databasen hårt; vi har optimerat den. ' +
          'Vi följer upp under dagen.',
        'resolved',
      ),
      reply(3 * H, 'contact', 'Allt fungerar igen, tack för snabb hjälp!'),
      autoClose(5 * D),
    ],
  },
  {
    key: 'nordic-db-upgrade',
    org: 'nordic',
    requester: 'manager',
    openedBy: 'expert2',
    channel: 'api',
    category: 'maintenance',
    urgency: 'low',
    impact: 'normal',
    daysAgo: 10,
    subject: 'Uppgradering av databasen på rapportservern',
    body:
      'Databasen på rapportservern RPT01 närmar sig slutet av sin supportperiod. Vi uppgraderar till den senaste ' +
      'versionen. Testat i testmiljön; driftsättning sker i nästa servicefönster.',
    steps: [
      assign(1, 'expert2', 'experts', 'expert2'),
      nonBillable(2 * D, 'expert2', 180, 'development', 'included_in_contract', 'Uppgradering testad i testmiljön'),
      reply(
        2 * D + 10,
        'expert2',
        'Hej Lars,\n\nUppgraderingen är testad och klar. Vi driftsätter den i nästa servicefönster, söndag ' +
          '06:00–08:00. Rapporterna är inte tillgängliga under den tiden.\n\nHälsningar\nErik',
        'waiting_for_deploy',
      ),
    ],
  },
  {
    key: 'nordic-password',
    org: 'nordic',
    requester: 'extra',
    openedBy: 'agent2',
    channel: 'phone',
    category: 'service_request',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 18,
    subject: 'Lösenordsåterställning för Johan Berg',
    body: 'Johan ringer: han har glömt sitt lösenord efter semestern och är utelåst.',
    steps: [
      nonBillable(5, 'agent2', 10, 'phone', 'included_in_contract', 'Lösenord återställt per telefon'),
      reply(
        6,
        'agent2',
        'Hej Johan,\n\nSom vi pratade om i telefon: ditt lösenord är återställt och du väljer ett nytt vid nästa ' +
          'inloggning.\n\nHälsningar\nMila',
        'resolved',
      ),
      autoClose(4 * D),
    ],
  },
  {
    key: 'nordic-printing',
    org: 'nordic',
    requester: 'extra',
    channel: 'portal',
    category: 'incident',
    urgency: 'high',
    impact: 'low',
    daysAgo: 2.5,
    subject: 'Fraktsedlar skrivs ut på fel skrivare',
    body: 'Fraktsedlar från fraktsystemet hamnar på skrivaren på kontoret i stället för lagerskrivaren. Det gäller bara min dator.',
    steps: [
      assign(30, 'agent', 'first_line', 'agent'),
      {
        at: 32,
        by: 'agent',
        update: { urgency: 'normal', reason: 'One workstation; printing to the office printer works meanwhile.' },
      },
      reply(
        40,
        'agent',
        'Hej Johan,\n\nStandardskrivaren på din dator ändrades troligen av den senaste uppdateringen. Kan du öppna ' +
          'Inställningar > Skrivare och kontrollera vilken skrivare som är standard? Skicka gärna en skärmbild.\n\nHälsningar\nSam',
        'awaiting_reply',
      ),
    ],
  },
  {
    key: 'nordic-switch-quote',
    org: 'nordic',
    requester: 'manager',
    channel: 'email',
    category: 'service_request',
    urgency: 'low',
    impact: 'low',
    daysAgo: 14,
    subject: 'Offert på ny switch till kontoret i Göteborg',
    body: 'Hej,\n\nVi behöver fler nätverksportar på Göteborgskontoret. Kan ni ta fram en offert på en ny switch inklusive installation?\n\nLars',
    steps: [
      assign(3 * H, 'agent', 'experts', 'expert2'),
      reply(
        D,
        'expert2',
        'Hej Lars,\n\nOfferten är skickad via e-post. Vi pausar ärendet tills ni har bestämt er.\n\nHälsningar\nErik',
        'on_hold',
      ),
    ],
  },
  {
    key: 'nordic-mail-outbox',
    org: 'nordic',
    requester: 'contact',
    channel: 'email',
    category: 'incident',
    urgency: 'high',
    impact: 'normal',
    daysAgo: 24,
    subject: 'E-post till kunder fastnar i utkorgen',
    body: 'Hej,\n\nMejl med bifogade fraktsedlar till våra kunder fastnar i utkorgen. Det gäller alla på kundtjänst.\n\nKarin',
    steps: [
      assign(20, 'agent', 'first_line', 'agent'),
      reply(
        35,
        'agent',
        'Hej Karin,\n\nVi tittar på det. Hur stora är bilagorna ungefär?\n\nHälsningar\nSam',
        'awaiting_reply',
      ),
      reply(50, 'contact', 'Oftast 15–25 MB, fraktsedlarna är inskannade PDF:er.'),
      status(52, 'agent', 'in_progress'),
      note(80, 'agent', 'Send limit on the mail gateway is 10 MB. Raised it to 35 MB for the customer service group.'),
      reply(
        85,
        'agent',
        'Gränsen för bilagor var 10 MB. Vi har höjt den till 35 MB för kundtjänst, så nu ska mejlen gå iväg.',
        'resolved',
      ),
      {
        at: 2 * D,
        by: 'contact',
        reopen: 'Det händer igen: mejl till två kunder ligger kvar i utkorgen sedan i morse.',
      },
      assign(2 * D + 20, 'agent', 'experts', 'expert2'),
      note(
        2 * D + 60,
        'expert2',
        'The first fix only raised the gateway limit; the mailbox policy still capped messages at 20 MB. Adjusted the policy as well.',
      ),
      nonBillable(
        2 * D + 65,
        'expert2',
        30,
        'remote',
        'own_defect',
        'Kompletterande ändring av bilagegränsen (första ändringen var ofullständig)',
      ),
      reply(
        2 * D + 70,
        'expert2',
        'Hej Karin,\n\nFörlåt för besväret. Den förra ändringen var inte fullständig: även brevlådans egen gräns ' +
          'behövde höjas. Nu är båda ändrade och mejlen i utkorgen har gått iväg.\n\nHälsningar\nErik',
        'resolved',
      ),
      reply(3 * D, 'contact', 'Nu fungerar det, tack!'),
      status(3 * D + 10, 'expert2', 'closed'),
    ],
  },
  {
    key: 'nordic-firewall-review',
    org: 'nordic',
    requester: 'manager',
    openedBy: 'expert2',
    channel: 'api',
    category: 'maintenance',
    urgency: 'normal',
    impact: 'low',
    daysAgo: 0.5,
    subject: 'Kvartalsvis genomgång av brandväggsregler',
    body: 'Återkommande kvartalsgenomgång: kontrollera regler som inte använts på 90 dagar och föreslå vilka som kan tas bort.',
    steps: [assign(2, 'expert2', 'experts', null)],
  },
  {
    key: 'nordic-camera-vlan',
    org: 'nordic',
    requester: 'manager',
    channel: 'portal',
    category: 'change',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 6,
    subject: 'Separat VLAN för övervakningskameror',
    body: 'Vi installerar tolv nya kameror på lagret. De ska ligga i ett eget nätverk, skilt från kontorsnätet.',
    steps: [
      assign(2 * H, 'agent', 'experts', 'expert2'),
      reply(
        3 * H,
        'expert2',
        'Hej Lars,\n\nVi skapar VLAN 40 för kamerorna och öppnar bara trafik till inspelningsservern. Vilka portar på ' +
          'switcharna ska kamerorna anslutas till?\n\nHälsningar\nErik',
        'awaiting_reply',
      ),
      reply(D, 'manager', 'Portarna 13–24 på switch B i lagret.'),
      status(D + 30, 'expert2', 'in_progress'),
      billable(D + 2 * H, 'expert2', 60, 'remote', 'VLAN 40 konfigurerat på switch B'),
    ],
  },
  {
    key: 'nordic-finance-share',
    org: 'nordic',
    requester: 'extra',
    channel: 'portal',
    category: 'service_request',
    urgency: 'low',
    impact: 'normal',
    daysAgo: 0.1,
    subject: 'Behörighet till mappen Ekonomi',
    body: 'Hej! Jag behöver läsbehörighet till mappen Ekonomi/Fakturor för att stämma av fraktfakturor. Lars har godkänt.',
    steps: [],
  },
  {
    key: 'nordic-backup-duration',
    org: 'nordic',
    requester: 'contact',
    openedBy: 'monitoring',
    channel: 'monitoring',
    category: 'server_management',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 3,
    subject: 'Säkerhetskopieringen tar över 8 timmar',
    body: "Alert: backup job 'FS-NORDIC-nightly' ran 8 h 12 min (threshold 6 h).",
    steps: [
      assign(H, 'agent', 'experts', 'expert2'),
      note(
        4 * H,
        'expert2',
        'Incrementals turned into full backups after the storage migration (change tracking was reset). The next incremental should be normal; watching two more nights.',
      ),
      status(4 * H + 5, 'expert2', 'in_progress'),
    ],
  },
  {
    key: 'nordic-laptop',
    org: 'nordic',
    requester: 'contact',
    openedBy: 'agent',
    channel: 'phone',
    category: 'incident',
    urgency: 'normal',
    impact: 'low',
    daysAgo: 1.2,
    subject: 'Bärbar dator startar inte efter uppdatering',
    body: 'Karin ringer: hennes bärbara dator fastnar på en blå skärm efter nattens uppdatering.',
    steps: [
      assign(1, 'agent', 'first_line', 'agent'),
      note(
        20,
        'agent',
        'Walked the user through startup repair and rolled back the last quality update. The laptop boots again.',
      ),
      reply(
        25,
        'agent',
        'Hej Karin,\n\nSom vi pratade om: den senaste uppdateringen är avinstallerad och datorn startar igen. Vi ' +
          'pausar den uppdateringen för din dator tills tillverkaren har åtgärdat felet.\n\nHälsningar\nSam',
        'resolved',
      ),
    ],
  },
  {
    key: 'nordic-mfa',
    org: 'nordic',
    requester: 'manager',
    channel: 'email',
    category: 'change',
    urgency: 'high',
    impact: 'low',
    daysAgo: 8,
    subject: 'Tvåfaktorsautentisering för alla användare',
    body:
      'Hej,\n\nEfter ett nätfiskeförsök förra veckan vill ledningen att alla använder tvåfaktorsautentisering. Kan ni ' +
      'planera införandet?\n\nLars',
    steps: [
      assign(H, 'agent', 'experts', 'expert2'),
      reply(
        3 * H,
        'expert2',
        'Hej Lars,\n\nVi föreslår att införa det i två steg: först kontoret (15 användare), en vecka senare lagret. ' +
          'Vi skickar instruktioner till alla användare dagen innan.\n\nHälsningar\nErik',
        'awaiting_reply',
      ),
      reply(D, 'manager', 'Bra plan, kör på det.'),
      billable(D + H, 'expert2', 45, 'consultancy', 'Plan för införande av tvåfaktorsautentisering'),
      status(D + H + 5, 'expert2', 'planned'),
    ],
  },
  {
    key: 'nordic-vpn-laptops',
    org: 'nordic',
    requester: 'contact',
    channel: 'portal',
    category: 'service_request',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 35,
    subject: 'VPN-klient på nya bärbara datorer',
    body: 'Vi har fått fem nya bärbara datorer till säljarna. Kan ni installera VPN-klienten på dem?',
    steps: [
      assign(H, 'agent', 'first_line', 'agent2'),
      reply(
        2 * H,
        'agent2',
        'Hej Karin,\n\nVi installerar VPN-klienten med fjärrstyrning. Säljarna behöver bara vara inloggade och ' +
          'anslutna till kontorsnätet i morgon förmiddag.\n\nHälsningar\nMila',
        'in_progress',
      ),
      billable(D, 'agent2', 50, 'remote', 'VPN-klient installerad på fem datorer'),
      reply(D + 10, 'agent2', 'Klart! VPN-klienten är installerad och testad på alla fem datorer.', 'resolved'),
      autoClose(6 * D),
    ],
  },

  // ── Hosting Customer Ltd (English) ──────────────────────────────────────────────────────────────────────────
  {
    key: 'hosting-502',
    org: 'hosting',
    requester: 'contact',
    openedBy: 'monitoring',
    channel: 'monitoring',
    category: 'incident',
    urgency: 'high',
    impact: 'high',
    daysAgo: 29,
    subject: 'www.hosting.example returns 502 Bad Gateway',
    body: 'Alert: HTTP check https://www.hosting.example/ failed from 3 locations: 502 Bad Gateway.',
    steps: [
      assign(3, 'agent', 'experts', 'expert1'),
      reply(
        8,
        'expert1',
        "Hi Emily,\n\nOur monitoring shows your website is returning errors. We're on it and will update you within " +
          '30 minutes.\n\nBest regards,\nNoor',
        'in_progress',
      ),
      note(
        20,
        'expert1',
        'Caused by our own change this morning: the new PHP-FPM pool configuration had a typo in the socket path. Reverted; the site is back.',
      ),
      reply(
        25,
        'expert1',
        'The website is back. The outage was caused by a configuration change we made earlier this morning; we have ' +
          'reverted it and will add a check so it cannot happen again. Our apologies.',
        'resolved',
      ),
      nonBillable(
        30,
        'expert1',
        40,
        'remote',
        'own_defect',
        'Reverted faulty PHP-FPM configuration, post-incident check',
      ),
      reply(2 * H, 'contact', 'Thanks for the quick fix, and for being upfront about it.'),
      autoClose(5 * D),
    ],
  },
  {
    key: 'hosting-dns',
    org: 'hosting',
    requester: 'contact',
    channel: 'email',
    category: 'service_request',
    urgency: 'normal',
    impact: 'low',
    daysAgo: 40,
    subject: 'Please add DNS records for our new newsletter service',
    body:
      "Hi,\n\nWe're moving our newsletter to a new service. Could you add these records to hosting.example?\n\n" +
      'news  CNAME  mailing.newsletter-service.example\n@     TXT    "v=spf1 include:spf.newsletter-service.example ~all"\n\nThanks,\nEmily',
    steps: [
      assign(H, 'agent', 'first_line', 'agent'),
      billable(2 * H, 'agent', 15, 'remote', 'DNS records added and verified'),
      reply(
        2 * H + 5,
        'agent',
        'Hi Emily,\n\nBoth records are in place and resolve correctly. The SPF change can take up to an hour to be ' +
          'visible everywhere.\n\nBest regards,\nSam',
        'resolved',
      ),
      autoClose(5 * D),
    ],
  },
  {
    key: 'hosting-php',
    org: 'hosting',
    requester: 'manager',
    channel: 'portal',
    category: 'change',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 11,
    subject: 'Upgrade PHP to 8.3 on our hosting plan',
    body: 'Our developers want to move to PHP 8.3. Can you upgrade the shop environment? Staging first, please.',
    steps: [
      assign(2 * H, 'agent', 'experts', 'expert1'),
      reply(
        3 * H,
        'expert1',
        "Hi Oliver,\n\nWe'll upgrade staging first and let you know when your developers can test.\n\nBest regards,\nNoor",
        'in_progress',
      ),
      billable(2 * D, 'expert1', 45, 'remote', 'PHP 8.3 on staging, extensions checked'),
      reply(
        2 * D + 10,
        'expert1',
        "Staging now runs PHP 8.3. Please ask your developers to test the shop; when they're happy we'll schedule production.",
        'acceptance',
      ),
    ],
  },
  {
    key: 'hosting-certificate',
    org: 'hosting',
    requester: 'contact',
    openedBy: 'monitoring',
    channel: 'monitoring',
    category: 'server_management',
    urgency: 'high',
    impact: 'normal',
    daysAgo: 1.8,
    subject: 'Automatic certificate renewal failed for shop.hosting.example',
    body: 'Alert: certificate renewal for shop.hosting.example failed (challenge response 404). The current certificate expires in 6 days.',
    steps: [
      assign(H, 'agent', 'experts', 'expert1'),
      note(
        2 * H,
        'expert1',
        'A new rewrite rule in the shop sent /.well-known/ to the application. Added an exception and renewed the certificate.',
      ),
      reply(
        2 * H + 5,
        'expert1',
        "Hi Emily,\n\nThe automatic renewal of the shop's certificate failed because a new redirect rule caught the " +
          "verification request. We've added an exception and renewed the certificate; it is valid for another 90 days. " +
          'No action needed from you.\n\nBest regards,\nNoor',
        'resolved',
      ),
    ],
  },
  {
    key: 'hosting-patching',
    org: 'hosting',
    requester: 'manager',
    openedBy: 'agent2',
    channel: 'api',
    category: 'maintenance',
    urgency: 'low',
    impact: 'normal',
    daysAgo: 36,
    subject: 'Monthly OS patching of the web cluster',
    body: 'Scheduled: security updates on web01–web03, one node at a time behind the load balancer. No downtime expected.',
    steps: [
      assign(1, 'agent2', 'first_line', 'agent2'),
      status(2, 'agent2', 'planned'),
      nonBillable(2 * D, 'agent2', 60, 'remote', 'included_in_contract', 'Patched web01–web03'),
      reply(
        2 * D + 5,
        'agent2',
        'Hi Oliver,\n\nAll three web servers are patched and back in the pool. There was no downtime.\n\nBest regards,\nMila',
        'resolved',
      ),
      autoClose(6 * D),
    ],
  },
  {
    key: 'hosting-db-quota',
    org: 'hosting',
    requester: 'contact',
    channel: 'api',
    category: 'service_request',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 2,
    subject: 'Increase disk quota for the shop database',
    body: 'Our monitoring shows the shop database at 85% of its 20 GB quota. Please increase it to 40 GB. (Sent from our deployment tooling.)',
    steps: [
      assign(H, 'agent', 'first_line', 'agent'),
      reply(
        90,
        'agent',
        "Hi Emily,\n\nDoubling the quota changes the monthly price from the next invoice on. I've asked our Experts " +
          'team to carry it out this afternoon.\n\nBest regards,\nSam',
        'in_progress',
      ),
      assign(95, 'agent', 'experts', 'expert1'),
    ],
  },
  {
    key: 'hosting-slow-admin',
    org: 'hosting',
    requester: 'contact',
    channel: 'email',
    category: 'incident',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 4,
    subject: 'Admin panel very slow since the weekend',
    body: "Hi,\n\nThe shop's admin panel has been very slow since the weekend: the order list takes 20–30 seconds to load. The storefront seems fine.\n\nEmily",
    steps: [
      assign(H, 'agent', 'experts', 'expert1'),
      note(
        3 * H,
        'expert1',
        'Server load is normal. The slow query log shows the order list query scanning 1.2M rows; probably the new order export plugin.',
      ),
      reply(
        3 * H + 10,
        'expert1',
        'Hi Emily,\n\nThe server itself is not busy, but one database query from the admin panel is very heavy. Did ' +
          'your developers install or update a plugin last week, for instance for order exports?\n\nBest regards,\nNoor',
        'awaiting_reply',
      ),
    ],
  },
  {
    key: 'hosting-staging-copy',
    org: 'hosting',
    requester: 'manager',
    channel: 'portal',
    category: 'service_request',
    urgency: 'low',
    impact: 'normal',
    daysAgo: 10,
    subject: 'Fresh copy of production for staging',
    body: 'Could you refresh staging with a copy of production? Please anonymise customer e-mail addresses.',
    steps: [
      assign(H, 'agent', 'experts', 'expert1'),
      reply(
        2 * H,
        'expert1',
        "Hi Oliver,\n\nHappy to. Your developers are testing PHP 8.3 on staging right now: shall we wait until they're " +
          "done so we don't overwrite their work? We'll put this on hold until you give the go-ahead.\n\nBest regards,\nNoor",
        'on_hold',
      ),
      reply(4 * H, 'manager', "Good point, let's wait. I'll let you know."),
    ],
  },
  {
    key: 'hosting-cron',
    org: 'hosting',
    requester: 'contact',
    channel: 'api',
    category: 'incident',
    urgency: 'high',
    impact: 'normal',
    daysAgo: 6,
    subject: 'Nightly export cron job stopped running',
    body: 'The nightly product feed export has not run for two nights. Partners are getting stale prices.',
    steps: [
      assign(30, 'agent', 'experts', 'expert1'),
      reply(
        60,
        'expert1',
        "Hi Emily,\n\nThe job stopped after the server migration: it was not carried over to the new server. I've run " +
          "the export by hand, so partners have today's prices.\n\nBest regards,\nNoor",
        'in_progress',
      ),
      billable(70, 'expert1', 30, 'remote', 'Manual export run and cause analysis'),
      note(
        75,
        'expert1',
        'The migration checklist missed user crontabs. The fix (crontab in configuration management) is merged and rolls out in the next deployment window.',
      ),
      reply(
        80,
        'expert1',
        "We've added the job to our configuration management so it can't get lost again. It goes live in the next " +
          'deployment window; until then we run the export by hand every night.',
        'waiting_for_deploy',
      ),
    ],
  },
  {
    key: 'hosting-support-mailbox',
    org: 'hosting',
    requester: 'manager',
    openedBy: 'agent2',
    channel: 'phone',
    category: 'incident',
    urgency: 'normal',
    impact: 'high',
    daysAgo: 19,
    subject: 'Mail to support@hosting.example bounces',
    body: "Oliver calls: customers report that mail to support@hosting.example bounces with 'mailbox full'.",
    steps: [
      assign(1, 'agent2', 'first_line', 'agent2'),
      billable(15, 'agent2', 20, 'phone', 'Mailbox quota raised, archive policy set'),
      reply(
        16,
        'agent2',
        "Hi Oliver,\n\nAs discussed on the phone: the support mailbox had reached its 50 GB limit. We've raised it to " +
          '100 GB and set up automatic archiving of mail older than a year. Incoming mail is delivered again.\n\nBest regards,\nMila',
        'resolved',
      ),
      autoClose(4 * D),
    ],
  },
  {
    key: 'hosting-sftp',
    org: 'hosting',
    requester: 'contact',
    channel: 'portal',
    category: 'service_request',
    urgency: 'low',
    impact: 'low',
    daysAgo: 0.3,
    subject: 'SFTP account for our accounting partner',
    body: 'Our accountant needs an SFTP login to drop monthly reports into /reports. Read/write to that folder only, please.',
    steps: [assign(10, 'agent', 'first_line', null)],
  },
  {
    key: 'hosting-load-balancer',
    org: 'hosting',
    requester: 'contact',
    openedBy: 'monitoring',
    channel: 'monitoring',
    category: 'server_management',
    urgency: 'normal',
    impact: 'normal',
    daysAgo: 0.05,
    subject: 'Load balancer health checks flapping for web02',
    body: 'Alert: web02 marked down/up 6 times in 15 minutes by the load balancer health check.',
    steps: [],
  },
  {
    key: 'hosting-restore-test',
    org: 'hosting',
    requester: 'manager',
    openedBy: 'expert1',
    channel: 'api',
    category: 'maintenance',
    urgency: 'normal',
    impact: 'low',
    daysAgo: 5,
    subject: 'Quarterly restore test',
    body: "Quarterly test: restore last night's backup of the shop database and files to an isolated server and check that the shop starts.",
    steps: [
      assign(1, 'expert1', 'experts', 'expert1'),
      nonBillable(
        2 * D,
        'expert1',
        90,
        'remote',
        'included_in_contract',
        'Restore test: database and files restored, shop started',
      ),
      reply(
        2 * D + 10,
        'expert1',
        "Hi Oliver,\n\nThis quarter's restore test succeeded: the database and files were restored in 42 minutes and " +
          'the shop started without errors.\n\nBest regards,\nNoor',
        'resolved',
      ),
    ],
  },
  {
    key: 'hosting-memory',
    org: 'hosting',
    requester: 'contact',
    openedBy: 'monitoring',
    channel: 'monitoring',
    category: 'server_management',
    urgency: 'high',
    impact: 'low',
    daysAgo: 17,
    subject: 'Memory usage on web03 above 90%',
    body: 'Alert: memory usage on web03 at 93% for 15 minutes (threshold 90%).',
    steps: [
      assign(20, 'agent', 'experts', 'expert1'),
      note(
        40,
        'expert1',
        'The image resize worker leaks memory; restarted it and limited its worker count. Reported the bug upstream.',
      ),
      reply(
        45,
        'expert1',
        "Hi Emily,\n\nOne of the background processes on web03 was using too much memory. We've restarted and limited " +
          'it; memory usage is back to 55%. Visitors were not affected.\n\nBest regards,\nNoor',
        'resolved',
      ),
      autoClose(4 * D),
    ],
  },
  {
    key: 'hosting-payment-firewall',
    org: 'hosting',
    requester: 'manager',
    channel: 'email',
    category: 'change',
    urgency: 'high',
    impact: 'normal',
    daysAgo: 0.9,
    subject: 'Firewall rule for the new payment provider IP range',
    body:
      'Hi,\n\nOur payment provider is moving its callbacks to a new IP range next week: 198.51.100.0/24. Please allow ' +
      'HTTPS from that range to the shop.\n\nOliver',
    steps: [
      assign(30, 'agent', 'experts', 'expert1'),
      reply(
        60,
        'expert1',
        "Hi Oliver,\n\nWe'll add the rule today and keep the old range open until the provider confirms the switch. " +
          "I'll let you know when it's in place.\n\nBest regards,\nNoor",
        'in_progress',
      ),
    ],
  },
  {
    key: 'hosting-billing-question',
    org: 'hosting',
    requester: 'manager',
    channel: 'email',
    category: 'service_request',
    urgency: 'low',
    impact: 'low',
    daysAgo: 20,
    subject: 'Will we be charged for the outage work?',
    body: 'Hi,\n\nQuick question: will we be charged for the time spent on the website outage last week? I understood it was caused by a change on your side.\n\nOliver',
    steps: [
      assign(H, 'agent', 'first_line', 'admin'),
      reply(
        3 * H,
        'admin',
        "Hi Oliver,\n\nNo, you won't be: the time on that outage is registered as non-billable, because it was our own " +
          "mistake. It won't appear on your invoice.\n\nBest regards,\nRobin",
        'resolved',
      ),
      autoClose(5 * D),
    ],
  },
];
