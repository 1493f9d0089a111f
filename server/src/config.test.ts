import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ConfigError, envExample, parseConfig } from './config.ts';

describe('configuration', () => {
  it('runs the demo with no environment at all', () => {
    const config = parseConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.secureCookies).toBe(false);
  });

  it('lists every problem at once', () => {
    let message = '';
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://nope', RUN_JOBS: 'maybe' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('RUN_JOBS');
  });

  it('takes SECRET_KEY only as 32 bytes in base64', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(parseConfig({ SECRET_KEY: key }).secretKey).toEqual(Buffer.alloc(32, 7));
    expect(parseConfig({}).secretKey).toBeUndefined();
    expect(() => parseConfig({ SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(/SECRET_KEY/);
    expect(() => parseConfig({ SECRET_KEY: 'not base64 at all!' })).toThrow(/SECRET_KEY/);
  });

  it('marks cookies Secure when served over TLS', () => {
    expect(parseConfig({ PUBLIC_URL: 'https://desk.example.com/' }).secureCookies).toBe(true);
  });

  it('keeps .env.example generated from the schema', async () => {
    const committed = await readFile(new URL('../../.env.example', import.meta.url), 'utf8');
    expect(committed, 'run `npm run env:example`').toBe(envExample());
  });
});

describe('the README', () => {
  it('documents every configuration variable', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const { ConfigSchema } = await import('./config.ts');
    const missing = Object.keys(ConfigSchema.shape).filter((key) => !readme.includes(`| \`${key}\` |`));
    expect(missing).toEqual([]);
  });
});
