import { describe, expect, it } from 'vitest';
import { contentDisposition, safeContentType, safeFilename } from './attachment-filename.ts';

describe('attachment file names', () => {
  it('drops any path the client sent', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\me\\report.pdf')).toBe('report.pdf');
  });

  it('strips control and text-reordering characters', () => {
    expect(safeFilename('invoice\r\nSet-Cookie: x.pdf')).toBe('invoiceSet-Cookie: x.pdf');
    expect(safeFilename('photo\u202Egpj.exe')).toBe('photogpj.exe');
    expect(safeFilename('a\u0000b\u2028c')).toBe('abc');
  });

  it('falls back to a name when nothing usable is left', () => {
    expect(safeFilename('..')).toBe('attachment');
    expect(safeFilename('/')).toBe('attachment');
    expect(safeFilename('\u0007')).toBe('attachment');
  });

  it('encodes the name for the Content-Disposition header (RFC 6266 / 5987)', () => {
    expect(contentDisposition('Résumé 2026.pdf')).toBe(
      `attachment; filename="R_sum_ 2026.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%202026.pdf`,
    );
    expect(contentDisposition(`it's "quoted" 100%.txt`)).toBe(
      `attachment; filename="it's _quoted_ 100_.txt"; filename*=UTF-8''it%27s%20%22quoted%22%20100%25.txt`,
    );
  });

  it('never lets a line break into the header', () => {
    const header = contentDisposition('a\r\nb\u2028c.txt');
    expect(header).not.toMatch(/[\r\n\u2028]/);
  });

  it('keeps a plain content type and replaces anything else', () => {
    expect(safeContentType('Text/HTML; charset=utf-8')).toBe('text/html');
    expect(safeContentType('image/png')).toBe('image/png');
    expect(safeContentType('not a type')).toBe('application/octet-stream');
    expect(safeContentType(undefined)).toBe('application/octet-stream');
  });
});
