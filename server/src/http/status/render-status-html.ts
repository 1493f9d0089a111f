import { Language } from '@loket/contract';
import { pageIndicator } from '../../domain/status/uptime.ts';
import type { SnapshotComponent, StatusSnapshot } from '../../services/status/load-status-snapshot.ts';
import { STATUS_TEXT } from './status-text.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

// One formatter per language, made once: making one costs far more than formatting with it.
const FORMATS = Object.fromEntries(
  Language.options.map((lang) => [
    lang,
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'UTC',
    }),
  ]),
) as Record<Language, Intl.DateTimeFormat>;
const when = (d: Date, lang: Language) => `${FORMATS[lang].format(d)} UTC`;

function bar(day: SnapshotComponent['uptime'][number], noData: string): string {
  const p = day.uptimePercent;
  const cls =
    p === null
      ? day.worst === 'under_maintenance'
        ? 'm'
        : 'n'
      : p >= 99.95
        ? 'u0'
        : p >= 99
          ? 'u1'
          : p >= 95
            ? 'u2'
            : 'u3';
  return `<li class="${cls}" title="${day.date}: ${p === null ? noData : `${p.toFixed(2)}%`}"></li>`;
}

/**
 * The status page as plain HTML: no script, no inline style (the stylesheet is a file, so the CSP needs no hash),
 * landmarks and headings for screen readers, states in words as well as colours, every text escaped.
 */
export function renderStatusHtml(s: StatusSnapshot, lang: Language, options: { mine: boolean }): string {
  const t = STATUS_TEXT[lang];
  const indicator = pageIndicator(s.components.map((c) => c.state));
  const groups = [
    ...s.groups.map((g) => ({ name: g.name, components: s.components.filter((c) => c.groupId === g.id) })),
    { name: s.groups.length ? t.other : t.components, components: s.components.filter((c) => !c.groupId) },
  ].filter((g) => g.components.length > 0);
  const componentName = new Map(s.components.map((c) => [c.id, c.name]));
  const active = s.incidents.filter((i) => i.status !== 'resolved');
  const past = s.incidents.filter((i) => i.status === 'resolved');
  const maintenance = s.maintenances.filter((m) => m.status !== 'completed');
  const out: string[] = [];
  out.push(
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(options.mine ? `${t.mine} – ${s.name}` : s.name)}</title>`,
    '<link rel="stylesheet" href="/status/status.css">',
    `<link rel="alternate" type="application/rss+xml" title="RSS" href="/status/feed.rss">`,
    `<link rel="alternate" type="application/atom+xml" title="Atom" href="/status/feed.atom">`,
    '</head><body>',
    `<header><h1>${escapeHtml(options.mine ? t.mine : s.name)}</h1>`,
    `<p class="overall s-${indicator}" role="status">${escapeHtml(t.overall[indicator])}</p></header><main>`,
  );
  if (active.length) {
    out.push(`<section aria-labelledby="active"><h2 id="active">${t.active}</h2>`);
    for (const i of active) out.push(incidentHtml(i, lang, componentName));
    out.push('</section>');
  }
  if (maintenance.length) {
    out.push(`<section aria-labelledby="maint"><h2 id="maint">${t.scheduled}</h2>`);
    for (const m of maintenance) {
      out.push(
        `<article id="maintenance-${m.id}" class="maintenance"><h3>${escapeHtml(m.name)}</h3>`,
        `<p><strong>${t.maintenance[m.status]}</strong> · ${t.window}: <time datetime="${m.scheduledFor.toISOString()}">${when(m.scheduledFor, lang)}</time> – <time datetime="${m.scheduledUntil.toISOString()}">${when(m.scheduledUntil, lang)}</time></p>`,
        m.body ? `<p>${escapeHtml(m.body)}</p>` : '',
        m.componentIds.length
          ? `<p class="affects">${m.componentIds.map((c) => escapeHtml(componentName.get(c) ?? '')).join(', ')}</p>`
          : '',
        '</article>',
      );
    }
    out.push('</section>');
  }
  out.push(`<section aria-labelledby="components"><h2 id="components">${t.components}</h2>`);
  for (const g of groups) {
    out.push(`<h3>${escapeHtml(g.name)}</h3><ul class="components">`);
    for (const c of g.components) {
      const uptime = c.uptimePercent === null ? t.noData : `${c.uptimePercent.toFixed(2)}%`;
      out.push(
        `<li class="component"><div class="row"><span class="name">${escapeHtml(c.name)}</span>`,
        `<span class="state c-${c.state}">${t.states[c.state]}</span></div>`,
        c.description ? `<p class="desc">${escapeHtml(c.description)}</p>` : '',
        `<ol class="bars" aria-label="${escapeHtml(t.uptime(uptime))}">${c.uptime.map((d) => bar(d, t.noData)).join('')}</ol>`,
        `<p class="uptime">${escapeHtml(t.uptime(uptime))}</p></li>`,
      );
    }
    out.push('</ul>');
  }
  out.push('</section>');
  out.push(`<section aria-labelledby="history"><h2 id="history">${t.history}</h2>`);
  if (past.length === 0) out.push(`<p>${t.noIncidents}</p>`);
  for (const i of past) out.push(incidentHtml(i, lang, componentName));
  out.push('</section></main>');
  out.push(
    `<footer><p>${t.feeds}: <a href="/status/feed.rss">RSS</a> · <a href="/status/feed.atom">Atom</a> · `,
    `<a href="/status/maintenance.ics">iCalendar</a> · <a href="/api/v2/summary.json">JSON</a></p></footer></body></html>`,
  );
  return out.join('');

  function incidentHtml(i: StatusSnapshot['incidents'][number], language: Language, names: Map<string, string>) {
    const parts = [
      `<article id="incident-${i.id}" class="incident impact-${i.impact}"><h3>${escapeHtml(i.name)}</h3>`,
      i.componentIds.length
        ? `<p class="affects">${i.componentIds.map((c) => escapeHtml(names.get(c) ?? '')).join(', ')}</p>`
        : '',
      '<ol class="timeline">',
    ];
    for (const u of i.updates) {
      parts.push(
        `<li><strong>${t.incident[u.status]}</strong> – <time datetime="${u.createdAt.toISOString()}">${when(u.createdAt, language)}</time>`,
        `<p>${escapeHtml(u.body)}</p></li>`,
      );
    }
    parts.push('</ol>');
    if (i.postmortem)
      parts.push(`<details><summary>${t.postmortem}</summary><p>${escapeHtml(i.postmortem)}</p></details>`);
    parts.push('</article>');
    return parts.join('');
  }
}

export const STATUS_CSS = `:root{color-scheme:light dark;--ok:#1a7f37;--minor:#9a6700;--major:#bc4c00;--crit:#cf222e;--maint:#0969da;--none:#8c959f}
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}h3{font-size:1.05rem;margin-bottom:.25rem}
.overall{padding:.75rem 1rem;border-radius:.375rem;color:#fff;font-weight:600;background:var(--ok)}
.s-minor{background:var(--minor)}.s-major{background:var(--major)}.s-critical{background:var(--crit)}.s-maintenance{background:var(--maint)}
.components{list-style:none;padding:0}.component{border:1px solid #8884;border-radius:.375rem;padding:.5rem .75rem;margin:.5rem 0}
.row{display:flex;justify-content:space-between;gap:1rem}.name{font-weight:600}
.c-operational{color:var(--ok)}.c-degraded_performance{color:var(--minor)}.c-partial_outage{color:var(--major)}.c-major_outage{color:var(--crit)}.c-under_maintenance{color:var(--maint)}
.bars{display:flex;gap:1px;list-style:none;padding:0;margin:.5rem 0 0;height:1.75rem}.bars li{flex:1;border-radius:1px}
.u0{background:var(--ok)}.u1{background:var(--minor)}.u2{background:var(--major)}.u3{background:var(--crit)}.m{background:var(--maint)}.n{background:var(--none);opacity:.4}
.uptime,.desc,.affects{font-size:.875rem;margin:.25rem 0;opacity:.85}
.incident,.maintenance{border-left:4px solid var(--none);padding-left:.75rem;margin:1rem 0}
.impact-minor{border-color:var(--minor)}.impact-major{border-color:var(--major)}.impact-critical{border-color:var(--crit)}.maintenance{border-color:var(--maint)}
.timeline{list-style:none;padding:0}.timeline p{margin:.25rem 0 .75rem;white-space:pre-line}
footer{margin-top:3rem;font-size:.875rem}
`;
