import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Language } from '@loket/contract';
import type { Logger } from 'pino';
import {
  statusComponents,
  statusIncidentComponents,
  statusIncidentUpdates,
  statusIncidents,
  statusMaintenanceComponents,
  statusMaintenanceUpdates,
  statusMaintenances,
  statusSubscriptions,
  statusWebhookDeliveries,
} from '../../db/schema.ts';
import type { ServiceDeps } from '../context.ts';
import { newSecret, sha256 } from '../auth/secrets.ts';
import { queueMail } from '../mail/outbound/queue-mail.ts';
import type { MailText } from '../mail/templates/built-in-templates.ts';
import { loadMailTemplate, renderMailTemplate } from '../mail/templates/render-mail-template.ts';
import { enqueue } from '../queue-catalog.ts';
import { loadStatusPageSettings } from './get-status-page-settings.ts';

/**
 * An e-mail subscription's one-click unsubscribe token is stable, so every mail's link keeps working: it is derived
 * (HMAC-SHA256) from a random per-subscription key kept in the row's `secret` column (unused by e-mail rows; for
 * webhooks it is the signing key), and only the token's hash is stored, as before, for the lookup in unsubscribe.ts.
 * The key lets the token be put in every mail without storing the token itself; it is sealed under the secret key
 * (adapters/secret-box.ts), so the table alone gives no tokens away.
 */
export const newUnsubscribeKey = (): string => newSecret('unsubkey_');
export const unsubscribeTokenOf = (key: string): string =>
  `unsub_${createHmac('sha256', key).update('status-unsubscribe').digest('base64url')}`;

type Notice = {
  key: string;
  kind: 'incident' | 'maintenance';
  id: string;
  name: string;
  status: string;
  body: string;
  at: Date;
  window?: string;
  componentIds: string[];
  /** Whether every component it names is private: then only its organisations' own views show it, no subscriber. */
  privateOnly: boolean;
};

async function loadNotice(deps: ServiceDeps, input: { incidentUpdateId: string } | { maintenanceUpdateId: string }) {
  const db = deps.db;
  if ('incidentUpdateId' in input) {
    const [row] = await db
      .select({ u: statusIncidentUpdates, i: statusIncidents })
      .from(statusIncidentUpdates)
      .innerJoin(statusIncidents, eq(statusIncidents.id, statusIncidentUpdates.incidentId))
      .where(eq(statusIncidentUpdates.id, input.incidentUpdateId));
    if (!row || !row.i.isPublished) return undefined;
    const components = await db
      .select({ id: statusIncidentComponents.componentId, isPublic: statusComponents.isPublic })
      .from(statusIncidentComponents)
      .innerJoin(statusComponents, eq(statusComponents.id, statusIncidentComponents.componentId))
      .where(eq(statusIncidentComponents.incidentId, row.i.id));
    return {
      key: `incident-update:${row.u.id}`,
      kind: 'incident',
      id: row.i.id,
      name: row.i.name,
      status: row.u.status,
      body: row.u.body,
      at: row.u.createdAt,
      componentIds: components.filter((c) => c.isPublic).map((c) => c.id),
      privateOnly: components.length > 0 && components.every((c) => !c.isPublic),
    } satisfies Notice;
  }
  const [row] = await db
    .select({ u: statusMaintenanceUpdates, m: statusMaintenances })
    .from(statusMaintenanceUpdates)
    .innerJoin(statusMaintenances, eq(statusMaintenances.id, statusMaintenanceUpdates.maintenanceId))
    .where(eq(statusMaintenanceUpdates.id, input.maintenanceUpdateId));
  if (!row || !row.m.isPublished) return undefined;
  const components = await db
    .select({ id: statusMaintenanceComponents.componentId, isPublic: statusComponents.isPublic })
    .from(statusMaintenanceComponents)
    .innerJoin(statusComponents, eq(statusComponents.id, statusMaintenanceComponents.componentId))
    .where(eq(statusMaintenanceComponents.maintenanceId, row.m.id));
  return {
    key: `maintenance-update:${row.u.id}`,
    kind: 'maintenance',
    id: row.m.id,
    name: row.m.name,
    status: row.u.status,
    body: row.u.body || row.m.body,
    at: row.u.createdAt,
    window: `${row.m.scheduledFor.toISOString()} – ${row.m.scheduledUntil.toISOString()}`,
    componentIds: components.filter((c) => c.isPublic).map((c) => c.id),
    privateOnly: components.length > 0 && components.every((c) => !c.isPublic),
  } satisfies Notice;
}

/**
 * Fans one incident or maintenance update out to the confirmed subscribers whose components it touches (or who
 * follow everything): an outbox mail each (with the subscription's stable one-click unsubscribe link) and a webhook delivery row plus
 * a `status.webhook` job each. Subscriptions are public, so an update that touches only private components goes to
 * nobody. Idempotent: mails and deliveries are keyed by update and subscription.
 */
export async function notifyStatusSubscribers(
  deps: ServiceDeps,
  input: { incidentUpdateId: string } | { maintenanceUpdateId: string },
  log?: Logger,
): Promise<number> {
  const notice = await loadNotice(deps, input);
  if (!notice || notice.privateOnly) return 0;
  const touched = `{${notice.componentIds.join(',')}}`;
  const subscribers = await deps.db
    .select()
    .from(statusSubscriptions)
    .where(
      sql`${statusSubscriptions.confirmedAt} IS NOT NULL AND (cardinality(${statusSubscriptions.componentIds}) = 0
        OR ${statusSubscriptions.componentIds} && ${touched}::uuid[])`,
    );
  if (subscribers.length === 0) return 0;
  const settings = await loadStatusPageSettings(deps.db);
  const pageUrl = `${deps.config.publicUrl}/status`;
  const templateKey = notice.kind === 'incident' ? 'status_incident_update' : 'status_maintenance_update';
  const templates = new Map<Language, MailText>(); // one read per language, not per subscriber
  let sent = 0;
  await deps.db.transaction(async (tx) => {
    for (const subscriber of subscribers) {
      if (subscriber.kind === 'email' && subscriber.email) {
        // The subscription's stable token. A row from before keys existed gets its key now, once; so does one whose
        // key was sealed under another SECRET_KEY (its earlier mails' links stop working, the new ones work).
        const stored = subscriber.secret ? deps.secrets.tryOpen('status_subscription.secret', subscriber.secret) : null;
        let key = stored?.ok ? stored.plain : null;
        if (stored && !stored.ok) {
          // Said out loud: it happens only when this process's SECRET_KEY is not the one the key was sealed under
          // (a restored database, or processes configured with different keys, which would keep replacing it).
          log?.warn(
            { subscriptionId: subscriber.id },
            'status subscription key sealed under another SECRET_KEY: a new one replaces it, earlier unsubscribe links stop working',
          );
        }
        if (!key) {
          key = newUnsubscribeKey();
          await tx
            .update(statusSubscriptions)
            .set({
              secret: deps.secrets.seal('status_subscription.secret', key),
              unsubscribeTokenHash: sha256(unsubscribeTokenOf(key)),
            })
            .where(eq(statusSubscriptions.id, subscriber.id));
        }
        const token = unsubscribeTokenOf(key);
        const unsubscribeUrl = `${pageUrl}/unsubscribe?token=${token}`;
        const template =
          templates.get(subscriber.language) ?? (await loadMailTemplate(tx, templateKey, subscriber.language));
        templates.set(subscriber.language, template);
        const mail = renderMailTemplate(template, {
          subject: notice.name,
          status: notice.status,
          body: notice.body,
          dueAt: notice.window ?? '',
          organisationName: settings.name,
          portalUrl: pageUrl,
          unsubscribeUrl,
        });
        const id = await queueMail(deps, tx, {
          dedupeKey: `status:${notice.key}:${subscriber.id}`,
          kind: templateKey,
          to: subscriber.email,
          language: subscriber.language,
          subject: mail.subject,
          textBody: mail.body,
          automatic: true,
          sender: 'system',
          listUnsubscribeUrl: unsubscribeUrl,
        });
        if (id) sent++;
      } else if (subscriber.kind === 'webhook') {
        const payload = {
          type: notice.kind === 'incident' ? 'incident.updated' : 'maintenance.updated',
          page: { name: settings.name, url: pageUrl },
          [notice.kind]: {
            id: notice.id,
            name: notice.name,
            status: notice.status,
            body: notice.body,
            ...(notice.window ? { window: notice.window } : {}),
          },
          componentIds: notice.componentIds,
          createdAt: notice.at.toISOString(),
        };
        const [delivery] = await tx
          .insert(statusWebhookDeliveries)
          .values({
            subscriptionId: subscriber.id,
            dedupeKey: `${notice.key}:${subscriber.id}`,
            payload,
            status: 'pending',
            createdAt: deps.clock.now(),
          })
          .onConflictDoNothing({ target: statusWebhookDeliveries.dedupeKey })
          .returning({ id: statusWebhookDeliveries.id });
        if (delivery) {
          await enqueue(deps, tx, 'status.webhook', { deliveryId: delivery.id });
          sent++;
        }
      }
    }
  });
  return sent;
}
