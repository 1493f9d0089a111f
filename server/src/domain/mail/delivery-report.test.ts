import { describe, expect, it } from 'vitest';
import { readDeliveryReport } from './delivery-report.ts';

const report = (returned: string) =>
  [
    '--b',
    'Content-Type: text/plain',
    '',
    'Could not deliver.',
    '--b',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example',
    '',
    'Final-Recipient: rfc822; gone@customer.example',
    'Action: failed',
    '--b',
    returned,
    '--b--',
    '',
  ].join('\r\n');

describe('readDeliveryReport', () => {
  it('names the failed recipient and the returned message', () => {
    const raw = report('Content-Type: message/rfc822\r\n\r\nFrom: desk@x\r\nMessage-ID: <out-1@loket>\r\n\r\nbody');
    expect(readDeliveryReport(raw, 'b')).toEqual({
      finalRecipients: ['gone@customer.example'],
      failed: true,
      returnedMessageId: '<out-1@loket>',
    });
  });

  it('reads the returned headers only (text/rfc822-headers)', () => {
    const raw = report('Content-Type: text/rfc822-headers\r\n\r\nMessage-ID: <out-2@loket>\r\n');
    expect(readDeliveryReport(raw, 'b').returnedMessageId).toBe('<out-2@loket>');
  });

  it('has no returned message when the report names none', () => {
    expect(
      readDeliveryReport(report('Content-Type: text/plain\r\n\r\nnothing'), 'b').returnedMessageId,
    ).toBeUndefined();
  });
});
