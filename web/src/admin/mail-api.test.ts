import type { OutboxMail } from '@loket/contract';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../lib/api-client.ts';
import { canSendAgain, refusedForNoSmtp, renderTemplatePreview, unknownPlaceholders } from './mail-api.ts';

describe('mail template preview', () => {
  it('fills known placeholders with samples and names the others in brackets', () => {
    expect(renderTemplatePreview('[{{reference}}] {{ subject }} — {{dueAt}}', ['reference', 'subject', 'dueAt'])).toBe(
      '[T-2026-00042] Printer on the second floor is offline — [dueAt]',
    );
  });

  it('leaves placeholders the template does not offer as written', () => {
    expect(renderTemplatePreview('Hello {{requesterName}}', ['reference'])).toBe('Hello {{requesterName}}');
  });

  it('lists each unknown placeholder once', () => {
    expect(unknownPlaceholders('{{reference}} {{nope}} {{ nope }} {{other}}', ['reference'])).toEqual([
      'nope',
      'other',
    ]);
    expect(unknownPlaceholders('{{reference}}', ['reference'])).toEqual([]);
  });
});

describe('sending an outbox mail again', () => {
  const mail = (status: OutboxMail['status']) => ({ status }) as OutboxMail;
  const conflict = new ApiError('conflict', 'No SMTP_URL is configured', 409);

  it('offers it for a failed or kept mail only', () => {
    expect(['pending', 'sent', 'failed', 'kept'].filter((s) => canSendAgain(s as OutboxMail['status']))).toEqual([
      'failed',
      'kept',
    ]);
  });

  it('reads a 409 for a mail that is still failed or kept as no SMTP_URL configured', () => {
    expect(refusedForNoSmtp(conflict, mail('kept'))).toBe(true);
    expect(refusedForNoSmtp(conflict, mail('failed'))).toBe(true);
  });

  it('reads a 409 for a mail sent again meanwhile, and any other error, as what it is', () => {
    expect(refusedForNoSmtp(conflict, mail('pending'))).toBe(false);
    expect(refusedForNoSmtp(conflict, mail('sent'))).toBe(false);
    expect(refusedForNoSmtp(conflict, undefined)).toBe(false);
    expect(refusedForNoSmtp(new ApiError('forbidden', 'No', 403), mail('kept'))).toBe(false);
    expect(refusedForNoSmtp(new Error('network'), mail('kept'))).toBe(false);
  });
});
