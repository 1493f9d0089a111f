import path from 'node:path';
import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

/** Every option Loket reads from the environment: parsed once at start, every problem listed at once. */
export const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port'),
  HOST: z.string().default('localhost').describe('Address to listen on; 0.0.0.0 for every interface'),
  PUBLIC_URL: z.url().optional().describe('The address people reach Loket at; defaults to http://localhost:PORT'),
  DATA_DIR: z.string().default('./data').describe('Folder for the embedded database and attachments'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional()
    .describe('PostgreSQL server (15 or newer); without it Loket uses PGlite in DATA_DIR'),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10).describe('Connections per process'),
  DEMO_DATA: z
    .enum(['auto', 'true', 'false'])
    .default('auto')
    .describe('Load demo data on first start: auto = only on the embedded database when it is empty'),
  RUN_JOBS: bool
    .default(true)
    .describe('Whether `serve` also runs background jobs; set false when separate `loket worker` processes do'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('Log level'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 90)
    .default(24 * 14)
    .describe('Login session lifetime'),
  ATTACHMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(25 * 1024 * 1024)
    .describe('Largest attachment accepted'),
  LOGIN_MAX_FAILURES: z.coerce
    .number()
    .int()
    .min(1)
    .default(10)
    .describe('Failed logins per e-mail address per 15 minutes'),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce
    .number()
    .int()
    .min(1)
    .default(50)
    .describe('Failed logins per client IP address per 15 minutes'),
  TRUST_PROXY: bool.default(false).describe('Trust X-Forwarded-* headers from a reverse proxy'),
  INBOUND_SMTP_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .optional()
    .describe('Port of the built-in SMTP receiver an MTA relays mail to; unset: no receiver'),
  INBOUND_SMTP_HOST: z.string().default('localhost').describe('Address the SMTP receiver listens on'),
  INBOUND_SMTP_TLS_CERT: z.string().optional().describe('PEM certificate file: the SMTP receiver offers STARTTLS'),
  INBOUND_SMTP_TLS_KEY: z.string().optional().describe('PEM private key file for INBOUND_SMTP_TLS_CERT'),
  INBOUND_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(26_214_400)
    .describe('Largest message accepted by SMTP or imported by IMAP; larger ones are refused or quarantined'),
  INBOUND_PARSE_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .default(10_000)
    .describe('Longest a message may take to parse before it is quarantined'),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be smtp://… or smtps://…')
    .optional()
    .describe('Outgoing mail server, e.g. smtp://127.0.0.1:2526; unset: mail is kept in the outbox for admins'),
  MAIL_FROM: z
    .string()
    .default('loket@localhost')
    .describe('Sender of mail not tied to a mailbox (agent notifications); customers get mail from the mailbox'),
  AUTO_REPLIES_PER_SENDER_PER_DAY: z.coerce
    .number()
    .int()
    .min(0)
    .default(3)
    .describe('Automatic replies (acknowledgements) one address gets per 24 hours at most'),
  SECRET_KEY: z
    .string()
    .refine(
      (value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value.trim()) && Buffer.from(value.trim(), 'base64').length === 32,
      'must be 32 random bytes in base64, e.g. from `openssl rand -base64 32`',
    )
    .optional()
    .describe(
      'Key that seals stored IMAP passwords and webhook keys (32 bytes, base64); unset: DATA_DIR/secret.key, made on first start',
    ),
  TIMEZONE: z
    .string()
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Amsterdam')
    .default('UTC')
    .describe("The desk's own time zone: working days of customers without a contract (auto-close) count in it"),
});

export type Config = {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | undefined;
  databasePoolSize: number;
  demoData: 'auto' | 'true' | 'false';
  runJobs: boolean;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  sessionTtlHours: number;
  attachmentMaxBytes: number;
  loginMaxFailures: number;
  loginMaxFailuresPerIp: number;
  trustProxy: boolean;
  secureCookies: boolean;
  timezone: string;
  inboundSmtp: { port: number; host: string; tlsCert: string | undefined; tlsKey: string | undefined } | undefined;
  inboundMaxBytes: number;
  inboundParseTimeoutMs: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  autoRepliesPerSenderPerDay: number;
  /** SECRET_KEY decoded; undefined: the key file in DATA_DIR (adapters/secret-box.ts). */
  secretKey: Buffer | undefined;
};

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ConfigSchema.safeParse(present);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  const publicUrl = (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, '');
  return {
    port: c.PORT,
    host: c.HOST,
    publicUrl,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    databasePoolSize: c.DATABASE_POOL_SIZE,
    demoData: c.DEMO_DATA,
    runJobs: c.RUN_JOBS,
    logLevel: c.LOG_LEVEL,
    sessionTtlHours: c.SESSION_TTL_HOURS,
    attachmentMaxBytes: c.ATTACHMENT_MAX_BYTES,
    loginMaxFailures: c.LOGIN_MAX_FAILURES,
    loginMaxFailuresPerIp: c.LOGIN_MAX_FAILURES_PER_IP,
    trustProxy: c.TRUST_PROXY,
    timezone: c.TIMEZONE,
    inboundSmtp:
      c.INBOUND_SMTP_PORT === undefined
        ? undefined
        : {
            port: c.INBOUND_SMTP_PORT,
            host: c.INBOUND_SMTP_HOST,
            tlsCert: c.INBOUND_SMTP_TLS_CERT,
            tlsKey: c.INBOUND_SMTP_TLS_KEY,
          },
    inboundMaxBytes: c.INBOUND_MAX_BYTES,
    inboundParseTimeoutMs: c.INBOUND_PARSE_TIMEOUT_MS,
    smtpUrl: c.SMTP_URL,
    mailFrom: c.MAIL_FROM,
    autoRepliesPerSenderPerDay: c.AUTO_REPLIES_PER_SENDER_PER_DAY,
    secretKey: c.SECRET_KEY === undefined ? undefined : Buffer.from(c.SECRET_KEY.trim(), 'base64'),
    secureCookies: publicUrl.startsWith('https://'),
  };
}

/** `.env.example`, generated from the schema so it cannot drift. */
export function envExample(): string {
  const lines = ['# Loket configuration. Every option is optional; the defaults run the demo.', ''];
  for (const [key, schema] of Object.entries(ConfigSchema.shape)) {
    const description = (schema as z.ZodType).description ?? '';
    const parsed = (schema as z.ZodType).safeParse(undefined);
    const fallback = parsed.success && parsed.data !== undefined ? String(parsed.data) : '';
    lines.push(`# ${description}`, `# ${key}=${fallback}`, '');
  }
  return lines.join('\n');
}
