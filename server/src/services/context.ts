import type { Role } from '@loket/contract';
import type { BlobStore } from '../adapters/blob-store.ts';
import type { MailTransport } from '../adapters/mail-transport.ts';
import type { SecretBox } from '../adapters/secret-box.ts';
import type { JobQueue } from '../adapters/queue.ts';
import type { TicketFeed } from '../adapters/ticket-feed.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Clock } from '../domain/clock.ts';

export type PersonActor = {
  kind: 'person';
  personId: string;
  organisationId: string;
  role: Role;
  name: string;
  /** How the request authenticated; API tokens cannot manage tokens or sessions. */
  via: 'session' | 'token';
  sessionTokenHash?: string;
};
export type Actor = PersonActor | { kind: 'anonymous' } | { kind: 'system' };

/** What every service verb needs and nothing else; built once in main.ts, the actor per request or job. */
export type ServiceDeps = {
  db: Db;
  clock: Clock;
  config: Config;
  queue: JobQueue;
  blobs: BlobStore;
  /** Outgoing mail (SMTP_URL), one transport per process. */
  mailer: MailTransport;
  /** Ticket events as they commit, in any process (LISTEN/NOTIFY): what GET /events/stream pushes. */
  feed: TicketFeed;
  /** Seals the secrets stored for later use (IMAP passwords, webhook keys) under a key kept out of the database. */
  secrets: SecretBox;
};
export type ServiceContext = ServiceDeps & { actor: Actor };

export const withActor = (deps: ServiceDeps, actor: Actor): ServiceContext => ({ ...deps, actor });
