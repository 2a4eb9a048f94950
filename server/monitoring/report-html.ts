/**
 * The periodic report as one complete, printable HTML page: `<html lang dir>` in the plan's
 * language (right to left for Arabic), every piece of text escaped (evidence is plain text
 * that may contain links: its http(s) addresses become links, the rest stays text, never
 * markup), each user-written text with
 * dir="auto" so a French quote in an Arabic report reads the right way. The print styles are
 * inline; the route sends a Content-Security-Policy that allows inline styles and nothing else.
 */
import type { PeriodicReportDto, ReportMeasureDto } from '../../shared/monitoring.ts';
import { type ReportLabels, reportLabels } from './report-labels.ts';
import { disagreementRow, overdueRow, periodText, provisionText, summaryRows, targetLines, threadHead, trendText, voiceLines } from './report-text.ts';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(CONTROL, '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const STYLE = `
@page { size: A4 landscape; margin: 14mm; }
body { font-family: "Noto Naskh Arabic", "Segoe UI", Arial, sans-serif; font-size: 10.5pt; color: #111; margin: 0 auto; max-width: 1200px; padding: 16px; }
h1 { font-size: 18pt; margin: 0 0 4px; } h2 { font-size: 14pt; margin: 22px 0 8px; border-bottom: 2px solid #333; }
h3 { font-size: 11pt; margin: 0 0 4px; } .meta { color: #444; margin: 2px 0; }
table { border-collapse: collapse; width: 100%; margin: 6px 0; } thead { display: table-header-group; }
th, td { border: 1px solid #999; padding: 4px 6px; vertical-align: top; text-align: start; } th { background: #eee; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; } .gone { color: #8a4b00; font-style: italic; }
.measure { border: 1px solid #bbb; padding: 8px; margin: 10px 0; break-inside: avoid; }
.flag { display: inline-block; border: 1px solid #333; padding: 0 4px; margin-inline-start: 6px; font-size: 9pt; }
.num { text-align: end; white-space: nowrap; }
.threads { margin: 4px 0; padding-inline-start: 18px; } a { color: #0645ad; overflow-wrap: anywhere; }
@media print { body { padding: 0; max-width: none; } .measure { page-break-inside: avoid; } }
`;

const e = escapeHtml;
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;

/** Escaped text whose http(s) addresses are links (rel="noopener noreferrer"); nothing else becomes markup. */
export function linkify(value: string): string {
  let out = '';
  let last = 0;
  for (const match of value.matchAll(URL_PATTERN)) {
    // Trailing punctuation ends the sentence, not the address.
    const url = match[0].replace(/[.,;:!?)\]}»]+$/, '');
    const start = match.index ?? 0;
    out += `${e(value.slice(last, start))}<a href="${e(url)}" rel="noopener noreferrer">${e(url)}</a>`;
    last = start + url.length;
  }
  return out + e(value.slice(last));
}
const text = (s: string) => `<span class="text" dir="auto">${e(s)}</span>`;
const lines = (items: string[]) => items.map((s) => `<div class="text" dir="auto">${e(s)}</div>`).join('');

function table(headers: string[], rows: string[][], numeric: number[] = [], cell: (text: string) => string = e): string {
  const head = `<thead><tr>${headers.map((h) => `<th scope="col">${e(h)}</th>`).join('')}</tr></thead>`;
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''} dir="auto">${cell(c)}</td>`).join('')}</tr>`).join('');
  return `<table>${head}<tbody>${body}</tbody></table>`;
}

function measureHtml(l: ReportLabels, m: ReportMeasureDto): string {
  const flags = [m.overdue ? l.overdue : '', m.disagreement ? l.disagreements : '']
    .filter(Boolean)
    .map((f) => `<span class="flag">${e(f)}</span>`)
    .join('');
  const gone = m.inCurrentVersion ? '' : `<p class="gone">${e(l.lineGone)}</p>`;
  const voices = table(
    [l.government, l.nhri],
    [
      [voiceLines(l, m.government).join('\n'), voiceLines(l, m.nhri).join('\n')],
      [`${l.trend}: ${trendText(l, m.trend.government, m.government)}`, `${l.trend}: ${trendText(l, m.trend.nhri, m.nhri)}`],
    ],
    [],
    linkify,
  );
  const threads = m.openThreadList.length
    ? `<ul class="threads">${m.openThreadList
        .map((t) => `<li><span class="meta">${e(threadHead(l, t))}</span>: ${t.excerpt === null ? e(l.commentUnavailable) : `<span class="text" dir="auto">${e(t.excerpt)}</span>`}</li>`)
        .join('')}</ul>`
    : '';
  return `<section class="measure"><h3>${m.label ? `${e(m.label)} ` : ''}${flags}</h3>${gone}<p>${text(m.text)}</p>${lines(targetLines(l, m))}${voices}<p class="meta">${e(l.openThreads)}: ${m.openThreads}</p>${threads}</section>`;
}

export function toReportHtml(r: PeriodicReportDto): string {
  const l = reportLabels(r.document.language);
  const dir = r.document.language === 'ar' ? 'rtl' : 'ltr';
  const byId = new Map(r.measures.map((m) => [m.measureId, m]));
  const summary = table(['', l.government, l.nhri], summaryRows(l, r), [1, 2]);
  const totals = `<p>${e(l.measureCount)}: ${r.summary.measureCount} · ${e(l.disagreements)}: ${r.summary.disagreements} · ${e(l.overdue)}: ${r.summary.overdue}</p>`;
  const overdue = r.overdue.length
    ? table(
        [l.provision, l.responsible, l.deadline, l.daysOverdue, l.government, l.nhri],
        r.overdue.map((o) => overdueRow(l, o)),
        [3],
      )
    : `<p>${e(l.none)}</p>`;
  const disagreements = r.disagreements.length
    ? table(
        [l.provision, l.responsible, l.government, l.nhri, l.progressGap],
        r.disagreements.map((d) => disagreementRow(l, d, provisionText(byId.get(d.measureId) ?? { label: d.label, text: '' }))),
        [4],
      )
    : `<p>${e(l.none)}</p>`;
  return `<!DOCTYPE html>
<html lang="${r.document.language}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`${r.document.title} — ${l.report} — ${r.period.label}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1 dir="auto">${e(r.document.title)}</h1>
<p class="meta">${e(l.report)}</p>
<p class="meta">${e(l.period)}: <span dir="auto">${e(periodText(r.period))}</span></p>
<p class="meta">${e(l.previousPeriod)}: <span dir="auto">${e(r.previousPeriod ? periodText(r.previousPeriod) : l.firstPeriod)}</span></p>
${r.responsible ? `<p class="meta">${e(l.filteredBy)}: <span dir="auto">${e(r.responsible)}</span></p>` : ''}
<p class="meta">${e(l.version)} ${r.document.version} · ${e(l.generatedOn)} ${e(r.generatedAt.slice(0, 10))}</p>
</header>
<main>
<h2>${e(l.summary)}</h2>
${summary}
${totals}
<h2>${e(l.overdue)}</h2>
${overdue}
<h2>${e(l.disagreements)}</h2>
${disagreements}
<h2>${e(l.measures)}</h2>
${r.measures.map((m) => measureHtml(l, m)).join('\n')}
</main>
</body>
</html>
`;
}
