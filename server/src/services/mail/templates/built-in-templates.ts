import type { Language } from '@loket/contract';

/**
 * The mail Loket writes: to customers (acknowledgement, agent_reply, resolved, closed, login_link) and to agents (one per
 * notification kind). The key is also the outbox row's kind.
 */
export const MAIL_TEMPLATE_KEYS = [
  'acknowledgement',
  'agent_reply',
  'resolved',
  'closed',
  'ticket_created',
  'ticket_assigned',
  'customer_replied',
  'customer_confirmed',
  'customer_reopened',
  'customer_follow_up_opened',
  'sla_warning',
  'sla_breached',
  'effort_threshold_reached',
  'login_link',
  // the status page: subscription confirmation, incident and maintenance notices, resolution told to ticket requesters
  'status_subscription_confirm',
  'status_incident_update',
  'status_maintenance_update',
  'status_incident_resolved',
] as const;
export type MailTemplateKey = (typeof MAIL_TEMPLATE_KEYS)[number];

export const isMailTemplateKey = (value: string): value is MailTemplateKey =>
  (MAIL_TEMPLATE_KEYS as readonly string[]).includes(value);

/** Every value a template may name as `{{name}}`; all are plain text, filled in by the sender. */
export const MAIL_PLACEHOLDERS = [
  'reference',
  'subject',
  'requesterName',
  'recipientName',
  'organisationName',
  'body',
  'status',
  'dueAt',
  'clock',
  'portalUrl',
  'confirmUrl',
  'reopenUrl',
  'ticketUrl',
  'loginUrl',
  'unsubscribeUrl',
] as const;
export type MailPlaceholder = (typeof MAIL_PLACEHOLDERS)[number];
export type MailValues = Partial<Record<MailPlaceholder, string>>;

export type MailText = { subject: string; body: string };

const en: Record<MailTemplateKey, MailText> = {
  acknowledgement: {
    subject: '[{{reference}}] We received your request: {{subject}}',
    body:
      'Dear {{requesterName}},\n\nThank you for your message. We registered it as ticket {{reference}} and will get ' +
      'back to you as soon as possible.\n\nPlease keep {{reference}} in the subject when you reply to this ticket.\n' +
      'You can follow it at {{portalUrl}}\n',
  },
  agent_reply: {
    subject: '[{{reference}}] {{subject}}',
    body: '{{body}}\n\n--\nTicket {{reference}}: {{portalUrl}}\nReply to this e-mail to add to your ticket.\n',
  },
  resolved: {
    subject: '[{{reference}}] Resolved: {{subject}}',
    body:
      'Dear {{requesterName}},\n\nWe have resolved your ticket {{reference}}.\n\n{{body}}\n\n' +
      'Is the problem solved? Confirm it here: {{confirmUrl}}\nNot solved yet? Reopen the ticket here: {{reopenUrl}}\n',
  },
  closed: {
    subject: '[{{reference}}] Closed: {{subject}}',
    body:
      'Dear {{requesterName}},\n\nYour ticket {{reference}} is now closed. Thank you for contacting us.\n' +
      'You can still read it at {{portalUrl}}\n',
  },
  ticket_created: {
    subject: '[{{reference}}] New ticket: {{subject}}',
    body: 'A new ticket from {{requesterName}} ({{organisationName}}) is waiting for your group.\n\n{{ticketUrl}}\n',
  },
  ticket_assigned: {
    subject: '[{{reference}}] Assigned to you: {{subject}}',
    body: 'Ticket {{reference}} from {{requesterName}} ({{organisationName}}) is now yours.\n\n{{ticketUrl}}\n',
  },
  customer_replied: {
    subject: '[{{reference}}] Customer replied: {{subject}}',
    body: '{{requesterName}} replied on ticket {{reference}}.\n\n{{ticketUrl}}\n',
  },
  customer_confirmed: {
    subject: '[{{reference}}] Solution confirmed: {{subject}}',
    body: '{{requesterName}} confirmed the solution of ticket {{reference}}.\n\n{{ticketUrl}}\n',
  },
  customer_reopened: {
    subject: '[{{reference}}] Reopened: {{subject}}',
    body: '{{requesterName}} reopened ticket {{reference}}.\n\n{{ticketUrl}}\n',
  },
  customer_follow_up_opened: {
    subject: '[{{reference}}] Follow-up ticket: {{subject}}',
    body: '{{requesterName}} opened a follow-up ticket {{reference}} to a closed one.\n\n{{ticketUrl}}\n',
  },
  sla_warning: {
    subject: '[{{reference}}] SLA warning: {{subject}}',
    body: 'The {{clock}} target of ticket {{reference}} is due at {{dueAt}}.\n\n{{ticketUrl}}\n',
  },
  sla_breached: {
    subject: '[{{reference}}] SLA breached: {{subject}}',
    body: 'The {{clock}} target of ticket {{reference}} was due at {{dueAt}} and has been breached.\n\n{{ticketUrl}}\n',
  },
  effort_threshold_reached: {
    subject: '[{{reference}}] Effort threshold reached: {{subject}}',
    body: 'The time logged on ticket {{reference}} has reached the threshold: please call the customer.\n\n{{ticketUrl}}\n',
  },
  login_link: {
    subject: 'Your login link',
    body:
      'Dear {{recipientName}},\n\nUse this link to log in to the service desk. It works once, for 15 minutes:\n' +
      '{{loginUrl}}\n\nDid you not ask for it? Then you can ignore this e-mail.\n',
  },
  status_subscription_confirm: {
    subject: 'Confirm your subscription to {{organisationName}}',
    body:
      'Someone (we hope you) subscribed this address to status updates of {{organisationName}}.\n\n' +
      'Confirm it here: {{confirmUrl}}\n\nDid you not ask for it? Then ignore this e-mail; nothing will be sent.\n',
  },
  status_incident_update: {
    subject: '[{{status}}] {{subject}}',
    body: '{{subject}}: {{status}}\n\n{{body}}\n\nStatus page: {{portalUrl}}\nUnsubscribe: {{unsubscribeUrl}}\n',
  },
  status_maintenance_update: {
    subject: '[Maintenance: {{status}}] {{subject}}',
    body: '{{subject}}: {{status}} ({{dueAt}})\n\n{{body}}\n\nStatus page: {{portalUrl}}\nUnsubscribe: {{unsubscribeUrl}}\n',
  },
  status_incident_resolved: {
    subject: '[{{reference}}] Resolved: {{subject}}',
    body:
      'Dear {{requesterName}},\n\nThe incident behind your ticket {{reference}} has been resolved.\n\n{{body}}\n\n' +
      'Status page: {{portalUrl}}\n',
  },
};

const nl: Record<MailTemplateKey, MailText> = {
  acknowledgement: {
    subject: '[{{reference}}] We hebben uw melding ontvangen: {{subject}}',
    body:
      'Beste {{requesterName}},\n\nDank u voor uw bericht. We hebben het geregistreerd als melding {{reference}} en ' +
      'nemen zo snel mogelijk contact met u op.\n\nHoud {{reference}} in het onderwerp als u op deze melding ' +
      'antwoordt.\nU kunt de melding volgen op {{portalUrl}}\n',
  },
  agent_reply: {
    subject: '[{{reference}}] {{subject}}',
    body: '{{body}}\n\n--\nMelding {{reference}}: {{portalUrl}}\nBeantwoord deze e-mail om iets aan uw melding toe te voegen.\n',
  },
  resolved: {
    subject: '[{{reference}}] Opgelost: {{subject}}',
    body:
      'Beste {{requesterName}},\n\nWe hebben uw melding {{reference}} opgelost.\n\n{{body}}\n\n' +
      'Is het probleem verholpen? Bevestig het hier: {{confirmUrl}}\n' +
      'Nog niet opgelost? Heropen de melding hier: {{reopenUrl}}\n',
  },
  closed: {
    subject: '[{{reference}}] Gesloten: {{subject}}',
    body:
      'Beste {{requesterName}},\n\nUw melding {{reference}} is gesloten. Dank u voor uw bericht.\n' +
      'U kunt de melding nog lezen op {{portalUrl}}\n',
  },
  ticket_created: {
    subject: '[{{reference}}] Nieuwe melding: {{subject}}',
    body: 'Een nieuwe melding van {{requesterName}} ({{organisationName}}) wacht op uw groep.\n\n{{ticketUrl}}\n',
  },
  ticket_assigned: {
    subject: '[{{reference}}] Aan u toegewezen: {{subject}}',
    body: 'Melding {{reference}} van {{requesterName}} ({{organisationName}}) is aan u toegewezen.\n\n{{ticketUrl}}\n',
  },
  customer_replied: {
    subject: '[{{reference}}] Klant heeft gereageerd: {{subject}}',
    body: '{{requesterName}} heeft gereageerd op melding {{reference}}.\n\n{{ticketUrl}}\n',
  },
  customer_confirmed: {
    subject: '[{{reference}}] Oplossing bevestigd: {{subject}}',
    body: '{{requesterName}} heeft de oplossing van melding {{reference}} bevestigd.\n\n{{ticketUrl}}\n',
  },
  customer_reopened: {
    subject: '[{{reference}}] Heropend: {{subject}}',
    body: '{{requesterName}} heeft melding {{reference}} heropend.\n\n{{ticketUrl}}\n',
  },
  customer_follow_up_opened: {
    subject: '[{{reference}}] Vervolgmelding: {{subject}}',
    body: '{{requesterName}} heeft vervolgmelding {{reference}} op een gesloten melding geopend.\n\n{{ticketUrl}}\n',
  },
  sla_warning: {
    subject: '[{{reference}}] SLA-waarschuwing: {{subject}}',
    body: 'De termijn voor {{clock}} van melding {{reference}} verloopt op {{dueAt}}.\n\n{{ticketUrl}}\n',
  },
  sla_breached: {
    subject: '[{{reference}}] SLA overschreden: {{subject}}',
    body: 'De termijn voor {{clock}} van melding {{reference}} verliep op {{dueAt}} en is overschreden.\n\n{{ticketUrl}}\n',
  },
  effort_threshold_reached: {
    subject: '[{{reference}}] Urengrens bereikt: {{subject}}',
    body: 'De geschreven tijd op melding {{reference}} heeft de grens bereikt: bel de klant.\n\n{{ticketUrl}}\n',
  },
  login_link: {
    subject: 'Uw inloglink',
    body:
      'Beste {{recipientName}},\n\nMet deze link logt u in bij de servicedesk. Hij werkt één keer, 15 minuten lang:\n' +
      '{{loginUrl}}\n\nHeeft u hier niet om gevraagd? Dan kunt u deze e-mail negeren.\n',
  },
  status_subscription_confirm: {
    subject: 'Bevestig uw abonnement op {{organisationName}}',
    body:
      'Iemand (hopelijk u) heeft dit adres aangemeld voor statusberichten van {{organisationName}}.\n\n' +
      'Bevestig het hier: {{confirmUrl}}\n\nHeeft u hier niet om gevraagd? Negeer dan dit bericht; u ontvangt niets.\n',
  },
  status_incident_update: {
    subject: '[{{status}}] {{subject}}',
    body: '{{subject}}: {{status}}\n\n{{body}}\n\nStatuspagina: {{portalUrl}}\nAfmelden: {{unsubscribeUrl}}\n',
  },
  status_maintenance_update: {
    subject: '[Onderhoud: {{status}}] {{subject}}',
    body: '{{subject}}: {{status}} ({{dueAt}})\n\n{{body}}\n\nStatuspagina: {{portalUrl}}\nAfmelden: {{unsubscribeUrl}}\n',
  },
  status_incident_resolved: {
    subject: '[{{reference}}] Opgelost: {{subject}}',
    body:
      'Beste {{requesterName}},\n\nDe storing achter uw melding {{reference}} is opgelost.\n\n{{body}}\n\n' +
      'Statuspagina: {{portalUrl}}\n',
  },
};

const sv: Record<MailTemplateKey, MailText> = {
  acknowledgement: {
    subject: '[{{reference}}] Vi har tagit emot ditt ärende: {{subject}}',
    body:
      'Hej {{requesterName}},\n\nTack för ditt meddelande. Vi har registrerat det som ärende {{reference}} och ' +
      'återkommer så snart vi kan.\n\nBehåll {{reference}} i ämnesraden när du svarar på detta ärende.\n' +
      'Du kan följa ärendet på {{portalUrl}}\n',
  },
  agent_reply: {
    subject: '[{{reference}}] {{subject}}',
    body: '{{body}}\n\n--\nÄrende {{reference}}: {{portalUrl}}\nSvara på detta e-postmeddelande för att lägga till i ditt ärende.\n',
  },
  resolved: {
    subject: '[{{reference}}] Löst: {{subject}}',
    body:
      'Hej {{requesterName}},\n\nVi har löst ditt ärende {{reference}}.\n\n{{body}}\n\n' +
      'Är problemet löst? Bekräfta här: {{confirmUrl}}\nInte löst ännu? Öppna ärendet igen här: {{reopenUrl}}\n',
  },
  closed: {
    subject: '[{{reference}}] Stängt: {{subject}}',
    body:
      'Hej {{requesterName}},\n\nDitt ärende {{reference}} är nu stängt. Tack för att du kontaktade oss.\n' +
      'Du kan fortfarande läsa det på {{portalUrl}}\n',
  },
  ticket_created: {
    subject: '[{{reference}}] Nytt ärende: {{subject}}',
    body: 'Ett nytt ärende från {{requesterName}} ({{organisationName}}) väntar på din grupp.\n\n{{ticketUrl}}\n',
  },
  ticket_assigned: {
    subject: '[{{reference}}] Tilldelat dig: {{subject}}',
    body: 'Ärende {{reference}} från {{requesterName}} ({{organisationName}}) är nu ditt.\n\n{{ticketUrl}}\n',
  },
  customer_replied: {
    subject: '[{{reference}}] Kunden har svarat: {{subject}}',
    body: '{{requesterName}} har svarat på ärende {{reference}}.\n\n{{ticketUrl}}\n',
  },
  customer_confirmed: {
    subject: '[{{reference}}] Lösning bekräftad: {{subject}}',
    body: '{{requesterName}} har bekräftat lösningen på ärende {{reference}}.\n\n{{ticketUrl}}\n',
  },
  customer_reopened: {
    subject: '[{{reference}}] Återöppnat: {{subject}}',
    body: '{{requesterName}} har öppnat ärende {{reference}} igen.\n\n{{ticketUrl}}\n',
  },
  customer_follow_up_opened: {
    subject: '[{{reference}}] Uppföljningsärende: {{subject}}',
    body: '{{requesterName}} har öppnat uppföljningsärende {{reference}} till ett stängt ärende.\n\n{{ticketUrl}}\n',
  },
  sla_warning: {
    subject: '[{{reference}}] SLA-varning: {{subject}}',
    body: 'Målet för {{clock}} i ärende {{reference}} förfaller {{dueAt}}.\n\n{{ticketUrl}}\n',
  },
  sla_breached: {
    subject: '[{{reference}}] SLA överskridet: {{subject}}',
    body: 'Målet för {{clock}} i ärende {{reference}} förföll {{dueAt}} och har överskridits.\n\n{{ticketUrl}}\n',
  },
  effort_threshold_reached: {
    subject: '[{{reference}}] Tidsgräns nådd: {{subject}}',
    body: 'Den loggade tiden på ärende {{reference}} har nått gränsen: ring kunden.\n\n{{ticketUrl}}\n',
  },
  login_link: {
    subject: 'Din inloggningslänk',
    body:
      'Hej {{recipientName}},\n\nAnvänd den här länken för att logga in i kundtjänsten. Den fungerar en gång, i 15 minuter:\n' +
      '{{loginUrl}}\n\nHar du inte bett om den? Då kan du bortse från det här e-postmeddelandet.\n',
  },
  status_subscription_confirm: {
    subject: 'Bekräfta din prenumeration på {{organisationName}}',
    body:
      'Någon (förhoppningsvis du) har anmält den här adressen till statusmeddelanden från {{organisationName}}.\n\n' +
      'Bekräfta här: {{confirmUrl}}\n\nHar du inte bett om det? Bortse då från meddelandet; inget skickas.\n',
  },
  status_incident_update: {
    subject: '[{{status}}] {{subject}}',
    body: '{{subject}}: {{status}}\n\n{{body}}\n\nStatussida: {{portalUrl}}\nAvsluta: {{unsubscribeUrl}}\n',
  },
  status_maintenance_update: {
    subject: '[Underhåll: {{status}}] {{subject}}',
    body: '{{subject}}: {{status}} ({{dueAt}})\n\n{{body}}\n\nStatussida: {{portalUrl}}\nAvsluta: {{unsubscribeUrl}}\n',
  },
  status_incident_resolved: {
    subject: '[{{reference}}] Löst: {{subject}}',
    body:
      'Hej {{requesterName}},\n\nStörningen bakom ditt ärende {{reference}} är löst.\n\n{{body}}\n\n' +
      'Statussida: {{portalUrl}}\n',
  },
};

export const BUILT_IN_TEMPLATES: Record<Language, Record<MailTemplateKey, MailText>> = { en, nl, sv };
