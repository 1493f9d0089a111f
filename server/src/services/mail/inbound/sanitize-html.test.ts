import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeHtml } from './sanitize-html.ts';

describe('sanitizeHtml', () => {
  it('removes scripts, event handlers, javascript: URLs, frames, forms and styles', () => {
    const clean = sanitizeHtml(
      '<p onclick="x()">Hi</p><script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">a</a>' +
        '<a href=" JaVaScRiPt:alert(4)">b</a><iframe src="https://evil.example"></iframe><form><input></form>' +
        '<style>*{}</style><svg onload=alert(5)><use href="data:image/svg+xml,x"/></svg><p style="background:url(x)">s</p>',
    );
    expect(clean).toContain('<p>Hi</p>');
    for (const bad of [
      'script',
      'onclick',
      'onerror',
      'onload',
      'javascript',
      '<iframe',
      '<form',
      '<input',
      '<style',
      'style=',
    ]) {
      expect(clean.toLowerCase()).not.toContain(bad);
    }
  });

  it('keeps ordinary links (opened without an opener) and images', () => {
    const clean = sanitizeHtml('<a href="https://x.example/">x</a><img src="https://x.example/a.png" alt="a">');
    expect(clean).toContain('href="https://x.example/"');
    expect(clean).toContain('rel="noopener noreferrer nofollow"');
    expect(clean).toContain('<img src="https://x.example/a.png" alt="a">');
  });
});

describe('htmlToText', () => {
  it('puts blocks on their own lines and images as their alt text', () => {
    expect(htmlToText('<p>One <b>two</b></p><p>Three<br>four</p><img src="/x" alt="shot">')).toBe(
      'One two\n\nThree\nfour\n[shot]',
    );
  });
});
