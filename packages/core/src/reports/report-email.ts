import { escapeHtml } from '../alerts/deliver-alert';
import type { ReportFigures } from './generate-report';

const integer = new Intl.NumberFormat('en-US');

function percent(rate: number | null): string {
  return rate === null ? '—' : `${(rate * 100).toFixed(2)}%`;
}

function change(value: number | null): string {
  if (value === null) return '';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  return ` (${sign}${Math.abs(Math.round(value * 100))}% vs previous period)`;
}

/** The figures as label/value lines, shared by the text and HTML parts. */
function lines(figures: ReportFigures): [string, string][] {
  const { current, change: delta } = figures;
  const growth = current.followerGrowth === null ? '' : ` (${current.followerGrowth >= 0 ? '+' : '−'}${integer.format(Math.abs(current.followerGrowth))})`;
  return [
    ['Posts published', `${integer.format(current.posts)}${change(delta.posts)}`],
    ['Impressions', `${integer.format(current.impressions)}${change(delta.impressions)}`],
    ['Engagements', `${integer.format(current.engagements)}${change(delta.engagements)}`],
    ['Engagement rate', `${percent(current.engagementRate)}${change(delta.engagementRate)}`],
    ['Followers', current.followers === null ? '—' : `${integer.format(current.followers)}${growth}`],
  ];
}

/**
 * A report as an email: subject, plain text and a simple HTML table, with a link to the
 * report in the app (where its charts are).
 *
 * @example
 * const { subject, text, html } = reportEmail({ workspaceName: 'Acme', label: 'Week of 2 March 2026', figures, url });
 */
export function reportEmail(input: { workspaceName: string; label: string; kind: 'daily' | 'weekly'; figures: ReportFigures; url: string }) {
  const { figures } = input;
  const subject = `${input.kind === 'daily' ? 'Daily' : 'Weekly'} report for ${input.workspaceName}: ${input.label}`;
  const top = figures.top.map((post) => `@${post.username}: “${post.text.slice(0, 80)}” — ${percent(post.engagementRate)} of ${integer.format(post.impressions)} impressions`);
  const text = [
    subject,
    '',
    ...lines(figures).map(([label, value]) => `${label}: ${value}`),
    '',
    ...(top.length > 0 ? ['Top posts:', ...top.map((line, index) => `${index + 1}. ${line}`), ''] : []),
    `${figures.formula}.`,
    `Charts and every post: ${input.url}`,
    '',
  ].join('\n');
  const rows = lines(figures).map(([label, value]) => `<tr><th align="left">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`).join('');
  const html = `<h1 style="font-size:18px">${escapeHtml(subject)}</h1><table cellpadding="4">${rows}</table>${
    top.length > 0 ? `<h2 style="font-size:15px">Top posts</h2><ol>${top.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ol>` : ''
  }<p style="color:#64748b">${escapeHtml(figures.formula)}.</p><p><a href="${escapeHtml(input.url)}">See the charts and every post</a></p>`;
  return { subject, text, html };
}
