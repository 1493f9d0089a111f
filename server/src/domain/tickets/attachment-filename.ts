/**
 * Uploaded file names are the uploader's words, never trusted: no path, no control or bidirectional-override
 * characters (which disguise `exe.txt` as `txt.exe`), a bounded length, and something left to show.
 */
export function safeFilename(raw: string): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    // C0/C1 controls, and the Unicode format characters that reorder or hide text: matching them is the point.
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g, '')
    .trim()
    .replace(/^\.+$/, '');
  const limited = [...cleaned].slice(0, 200).join('');
  return limited || 'attachment';
}

const TOKEN = /^[a-z0-9!#$&^_.+-]{1,100}\/[a-z0-9!#$&^_.+-]{1,100}$/;

/** A plain `type/subtype` (parameters dropped), or application/octet-stream when the client sent anything else. */
export function safeContentType(raw: string | undefined): string {
  const value = (raw ?? '').split(';')[0]!.trim().toLowerCase();
  return TOKEN.test(value) ? value : 'application/octet-stream';
}

/**
 * `attachment` with the name twice (RFC 6266): an ASCII fallback for old clients, and the exact name
 * percent-encoded as UTF-8 in `filename*` (RFC 5987/8187). Quotes and backslashes never reach the header.
 */
export function contentDisposition(filename: string): string {
  const name = safeFilename(filename);
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
