import { describe, expect, it } from 'vitest';
import {
  classifyAutomation,
  isDeliveryReportType,
  messageIdInHeaders,
  messageIdList,
  normalizeMessageId,
  parseDeliveryStatus,
} from './classify-message.ts';

describe('classifyAutomation', () => {
  it('treats a person’s mail as not automatic, Auto-Submitted: no included', () => {
    expect(classifyAutomation({ fromAddress: 'ann@customer.example' })).toEqual({ isAutomatic: false });
    expect(classifyAutomation({ autoSubmitted: 'no', returnPath: '<ann@customer.example>' }).isAutomatic).toBe(false);
    expect(classifyAutomation({ precedence: 'first-class' }).isAutomatic).toBe(false);
  });

  it.each([
    [{ autoSubmitted: 'auto-replied' }, 'Auto-Submitted: auto-replied'],
    [{ autoSubmitted: 'Auto-Generated' }, 'Auto-Submitted: auto-generated'],
    [{ precedence: 'bulk' }, 'Precedence: bulk'],
    [{ precedence: ' List ' }, 'Precedence: list'],
    [{ precedence: 'junk' }, 'Precedence: junk'],
    [{ listId: '<users.lists.example>' }, 'mailing list (List-Id)'],
    [{ returnPath: '<>' }, 'empty Return-Path'],
    [{ envelopeFrom: '' }, 'empty envelope sender'],
    [{ fromAddress: 'MAILER-DAEMON@mx.example' }, 'sent by mailer-daemon@mx.example'],
    [{ fromAddress: 'postmaster@mx.example' }, 'sent by postmaster@mx.example'],
    [{ contentType: 'multipart/report; report-type="delivery-status"; boundary=x' }, 'delivery report'],
  ])('flags %o as automatic', (headers, reason) => {
    expect(classifyAutomation(headers)).toEqual({ isAutomatic: true, reason });
  });
});

describe('delivery reports', () => {
  it('recognises the report content type however it is quoted', () => {
    expect(isDeliveryReportType('multipart/report; report-type=delivery-status')).toBe(true);
    expect(isDeliveryReportType('Multipart/Report; Report-Type="Delivery-Status"')).toBe(true);
    expect(isDeliveryReportType('multipart/report; report-type=disposition-notification')).toBe(false);
  });

  it('reads the failed final recipients of a delivery-status part', () => {
    const status = parseDeliveryStatus(
      'Reporting-MTA: dns; mx.example\n\nFinal-Recipient: rfc822; Gone@Customer.example\nAction: failed\nStatus: 5.1.1\n',
    );
    expect(status).toEqual({ finalRecipients: ['gone@customer.example'], failed: true });
    expect(parseDeliveryStatus('Final-Recipient: rfc822;a@b.example\nAction: delayed\n').failed).toBe(false);
  });

  it('finds the Message-ID of a returned message, folded or not', () => {
    expect(
      messageIdInHeaders('From: x@y\nMessage-ID:\n <abc@loket.example>\nSubject: s\n\nbody Message-ID: <no>'),
    ).toBe('<abc@loket.example>');
    expect(messageIdInHeaders('Subject: none\n')).toBeUndefined();
  });
});

describe('Message-IDs', () => {
  it('normalises to one pair of angle brackets', () => {
    expect(normalizeMessageId('abc@x')).toBe('<abc@x>');
    expect(normalizeMessageId(' <abc@x> ')).toBe('<abc@x>');
    expect(normalizeMessageId('')).toBeUndefined();
    expect(normalizeMessageId('a b')).toBeUndefined();
  });

  it('lists the ids of a References header in order', () => {
    expect(messageIdList('<a@x>\n <b@x> <c@x>')).toEqual(['<a@x>', '<b@x>', '<c@x>']);
    expect(messageIdList(['<a@x>', '<b@x>'])).toEqual(['<a@x>', '<b@x>']);
    expect(messageIdList(undefined)).toEqual([]);
  });
});
