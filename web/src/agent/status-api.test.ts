import { describe, expect, it } from 'vitest';
import { emptyMonitorForm, formatUptime, localInputToInstant, monitorInput } from './status-api.ts';

describe('monitor form input', () => {
  it('sends only the settings of the HTTP kind, with status codes parsed from text', () => {
    const input = monitorInput({
      ...emptyMonitorForm(),
      name: ' Portal ',
      kind: 'http',
      target: ' https://portal.example/health ',
      expectedStatusCodes: '200, 204 x',
      keyword: 'ok',
      maxResponseMs: 500,
      dnsExpected: 'ignored',
      tlsMinDaysLeft: 3,
    });
    expect(input).toMatchObject({
      name: 'Portal',
      target: 'https://portal.example/health',
      heartbeatPeriodSeconds: null,
    });
    expect(input.settings).toEqual({ expectedStatusCodes: [200, 204], keyword: 'ok', maxResponseMs: 500 });
  });

  it('gives a heartbeat no target and its period', () => {
    const input = monitorInput({
      ...emptyMonitorForm(),
      name: 'Backup',
      kind: 'heartbeat',
      target: 'x',
      heartbeatPeriodSeconds: 90_000,
    });
    expect(input.target).toBe('');
    expect(input.heartbeatPeriodSeconds).toBe(90_000);
    expect(input.settings).toEqual({});
  });

  it('keeps DNS and TLS settings for their kinds only', () => {
    expect(
      monitorInput({ ...emptyMonitorForm(), kind: 'dns', dnsRecordType: 'MX', dnsExpected: ' mx.example ' }).settings,
    ).toEqual({
      dnsRecordType: 'MX',
      dnsExpected: 'mx.example',
    });
    expect(monitorInput({ ...emptyMonitorForm(), kind: 'tls', tlsMinDaysLeft: 7, keyword: 'x' }).settings).toEqual({
      tlsMinDaysLeft: 7,
    });
  });
});

describe('uptime and window helpers', () => {
  it('formats uptime as a percentage per locale, rounding down so 99.999 % never shows as 100 %', () => {
    expect(formatUptime(0.99999, 'en-GB')).toBe('99.99%');
    expect(formatUptime(1, 'nl-NL')).toBe('100,00%');
    expect(formatUptime(null, 'en-GB')).toBeNull();
  });

  it('turns a datetime-local value into an instant, and nothing into null', () => {
    expect(localInputToInstant('')).toBeNull();
    expect(localInputToInstant('not a date')).toBeNull();
    // Whatever the machine's time zone, half-hour offsets too.
    expect(localInputToInstant('2030-01-01T22:00')).toMatch(/^2030-01-0[12]T\d\d:\d\d:00\.000Z$/);
  });
});
