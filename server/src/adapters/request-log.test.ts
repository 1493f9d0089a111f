import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { maskUrl, serializeRequest } from './request-log.ts';

describe('request log masking', () => {
  it('masks heartbeat secrets and token query values, and nothing else', () => {
    expect(maskUrl('/api/v1/heartbeats/s3cr3t-value')).toBe('/api/v1/heartbeats/***');
    expect(maskUrl('/api/v1/heartbeats/s3cr3t?x=1')).toBe('/api/v1/heartbeats/***?x=1');
    expect(maskUrl('/status/confirm?token=abc123')).toBe('/status/confirm?token=***');
    expect(maskUrl('/status/unsubscribe?lang=nl&token=abc123&x=2')).toBe('/status/unsubscribe?lang=nl&token=***&x=2');
    expect(maskUrl('/api/v1/tickets?status=open')).toBe('/api/v1/tickets?status=open');
    expect(serializeRequest({ method: 'GET', url: '/status/confirm?token=abc', ip: '10.0.0.1' })).toMatchObject({
      method: 'GET',
      url: '/status/confirm?token=***',
      remoteAddress: '10.0.0.1',
    });
  });

  it('is what fastify logs for an incoming request, given a logger built with it', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = pino({ level: 'info', serializers: { req: serializeRequest } }, sink);
    const app = Fastify({ loggerInstance: logger });
    app.get('/api/v1/heartbeats/:secret', async () => ({ ok: true }));
    app.get('/status/confirm', async () => ({ ok: true }));
    await app.inject({ method: 'GET', url: '/api/v1/heartbeats/very-secret-ping' });
    await app.inject({ method: 'GET', url: '/status/confirm?token=very-secret-token' });
    await app.close();
    const log = lines.join('');
    expect(log).toContain('/api/v1/heartbeats/***');
    expect(log).toContain('/status/confirm?token=***');
    expect(log).not.toContain('very-secret');
  });
});
