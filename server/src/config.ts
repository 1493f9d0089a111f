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
