import { describe, expect, it } from 'vitest';
import { renderTemplatePreview, unknownPlaceholders } from './mail-api.ts';

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
