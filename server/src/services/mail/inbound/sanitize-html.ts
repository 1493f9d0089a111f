import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';

let purifier: ReturnType<typeof createDOMPurify> | undefined;
let textWindow: JSDOM['window'] | undefined;

/**
 * Inbound HTML made safe to store and show: no scripts, no event handlers, no `javascript:` or other executable
 * URLs, no frames, forms, objects or styles that can fetch; links open in a new tab without an opener. Remote images
 * stay (they load only when an agent's viewer allows it) — nothing executable does.
 */
export function sanitizeHtml(html: string): string {
  purifier ??= createPurifier();
  return purifier.sanitize(html, {
    FORBID_TAGS: [
      'style',
      'form',
      'input',
      'button',
      'textarea',
      'select',
      'iframe',
      'frame',
      'object',
      'embed',
      'link',
      'meta',
      'base',
    ],
    FORBID_ATTR: ['style', 'srcset', 'action', 'formaction', 'background', 'ping'],
    ALLOW_DATA_ATTR: false,
    WHOLE_DOCUMENT: false,
  });
}

function createPurifier() {
  const { window } = new JSDOM('');
  const purify = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  purify.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A' && node.getAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  return purify;
}

const BLOCKS = 'p,div,li,tr,h1,h2,h3,h4,h5,h6,blockquote,pre,table,ul,ol,hr';

/** The readable text of sanitized HTML: block elements on lines of their own, link targets left out. */
export function htmlToText(sanitizedHtml: string): string {
  textWindow ??= new JSDOM('').window;
  const doc = textWindow.document.implementation.createHTMLDocument('');
  doc.body.innerHTML = sanitizedHtml;
  for (const block of doc.body.querySelectorAll(BLOCKS)) {
    block.before(doc.createTextNode('\n'));
    block.after(doc.createTextNode('\n'));
  }
  for (const br of doc.body.querySelectorAll('br')) br.replaceWith(doc.createTextNode('\n'));
  for (const image of doc.body.querySelectorAll('img[alt]')) {
    image.replaceWith(doc.createTextNode(`[${image.getAttribute('alt')}]`));
  }
  return (doc.body.textContent ?? '')
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
