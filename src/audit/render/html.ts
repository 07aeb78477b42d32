/**
 * `--format html`: one self-contained page (inline style and script, no fonts, no network, a
 * Content-Security-Policy that allows nothing else) with the question, the counts, the access
 * graph drawn as SVG, and a table of every principal's verdict with its paths, conditions and
 * escalation chains. A filter box and hover/click highlighting come from the inline script; the
 * page reads fully without it. Every snapshot value is HTML-escaped.
 */
import { formatDiagnostic } from '../../diagnostics/diagnostic.js';
import type { AuditResult } from '../types.js';
import { accessGraphOf, answeredPrincipals, questionOf } from './access-graph.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './html-assets.js';
import { cspHash, escapeHtml } from './html-escape.js';
import { auditRows, type AuditRow } from './rows.js';
import { RELATION_LEGEND, renderSvg } from './svg.js';

/**
 * The graph draws at most this many principals (the first ones of the answer: Allow, then
 * Conditional, then escalation); the table always lists them all. Beyond a few hundred, a drawn
 * graph is no longer something a person reads.
 */
export const MAX_GRAPH_PRINCIPALS = 150;
/** Escalations drawn per principal; the rest are one `+N more` node (the table lists them all). */
export const MAX_GRAPH_ESCALATIONS = 8;
/** Escalation chains shown per table row before the rest fold into a `<details>`. */
const MAX_SHOWN_CHAINS = 5;

const NODE_KINDS_LEGEND: ReadonlyArray<[string, string]> = [
  ['user', 'user'],
  ['role', 'role'],
  ['group', 'group'],
  ['policy', 'policy (version)'],
  ['statement', 'statement'],
  ['escalation', 'escalation move'],
  ['restriction', 'what takes it away (control, session or identity Deny)'],
  ['target', 'the question'],
];

/** Renders an audit answer as one html document (no final newline: the CLI adds it). */
export function renderHtml(result: AuditResult): string {
  const title = questionOf(result);
  const answered = answeredPrincipals(result);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src '${cspHash(PAGE_STYLE)}'; script-src '${cspHash(PAGE_SCRIPT)}'">
<meta name="generator" content="ramguard">
<title>${escapeHtml(`ramguard audit: ${title}`)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(subtitle(result))}</p>
</header>
<main>
${countsSection(result)}
<section class="controls">
<label for="filter">Principal</label>
<input id="filter" type="search" list="principal-refs" placeholder="filter: user/alice, role/…, or part of a name" autocomplete="off">
<span id="shown">${answered.length} principals</span>
<datalist id="principal-refs">${answered.map((a, i) => `<option value="${escapeHtml(a.principal.ref)}" data-p="${i}"></option>`).join('')}</datalist>
</section>
${graphSection(result)}
${tableSection(result)}
${diagnosticsSection(result)}
</main>
<script>${PAGE_SCRIPT}</script>
</body>
</html>`;
}

function subtitle(result: AuditResult): string {
  const context = Object.entries(result.query.context).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : v}`);
  const parts = [
    result.kind === 'who-can' ? `${result.examined} principals examined` : plural(result.query.actions.length, 'action', 'matched'),
    context.length > 0 ? `context ${context.join(' ')}` : 'no request context given: conditions on it stay open',
    `role chains up to ${result.limits.maxRoleChainDepth}, escalation chains up to ${result.limits.maxEscalationDepth} moves`,
  ];
  return parts.join(' · ');
}

function countsSection(result: AuditResult): string {
  const answered = answeredPrincipals(result);
  const count = (test: (a: (typeof answered)[number]) => boolean) => answered.filter(test).length;
  const items = [
    ['Allow', count((a) => a.decision === 'Allow')],
    ['Conditional', count((a) => a.decision === 'Conditional')],
    ['can escalate', count((a) => a.escalations.length > 0)],
    ['taken away (control or session policies, identity Denies)', count((a) => a.decision === 'None' && a.grants.length > 0)],
  ] as const;
  const rest = result.kind === 'who-can' ? `<li>${result.examined - answered.length} of ${result.examined} with no access and no escalation (not listed)</li>` : '';
  return `<section><h2>Answer</h2><ul class="counts">${items.map(([name, n]) => `<li><strong>${n}</strong> ${name}</li>`).join('')}${rest}</ul></section>`;
}

/** `1 action matched`, `3 actions matched`. */
const plural = (n: number, noun: string, verb: string) => `${n} ${noun}${n === 1 ? '' : 's'} ${verb}`;

function graphSection(result: AuditResult): string {
  const answered = answeredPrincipals(result);
  if (answered.length === 0) return '<section id="graph-section"><h2>Access graph</h2><p class="note">Nothing to draw: no principal has this access or can escalate to it.</p></section>';
  const drawn = result.kind === 'who-can' && answered.length > MAX_GRAPH_PRINCIPALS ? { ...result, principals: answered.slice(0, MAX_GRAPH_PRINCIPALS) } : result;
  const note =
    drawn === result
      ? 'Hover or click a principal (in the graph or the table) to follow its paths; dashed: only under a condition; dotted grey: taken away.'
      : `The graph draws the first ${MAX_GRAPH_PRINCIPALS} of ${answered.length} principals; the table lists them all.`;
  const legend = [
    ...NODE_KINDS_LEGEND.map(([kind, words]) => `<span class="chip k-${kind}">${words}</span>`),
    ...RELATION_LEGEND.map(([relation, words]) => `<span><span class="swatch rel-${relation}"></span>${words}</span>`),
    '<span><span class="swatch s-conditional"></span>conditional</span>',
    '<span><span class="swatch s-taken-away"></span>taken away</span>',
  ];
  return `<section id="graph-section"><h2>Access graph</h2><p class="note">${escapeHtml(note)}</p><div class="legend">${legend.join('')}</div><div class="scroll">${renderSvg(accessGraphOf(drawn, { maxEscalationsPerPrincipal: MAX_GRAPH_ESCALATIONS }))}</div></section>`;
}

const VERDICT_CLASS: Record<string, string> = { Allow: 'v-allow', Conditional: 'v-conditional', 'can escalate': 'v-escalate', None: 'v-none' };

function tableSection(result: AuditResult): string {
  const index = new Map(answeredPrincipals(result).map((a, i) => [a.principal.ref, i]));
  const withAction = result.kind === 'principal-can';
  const head = ['principal', 'verdict', ...(withAction ? ['actions'] : []), 'resources', 'how (paths or escalation chain)', 'condition / taken away'];
  const rows = groupByActions(auditRows(result)).map((row) => tableRow(row, index.get(row.principal) ?? -1, withAction));
  const empty = rows.length === 0 ? `<tr><td colspan="${head.length}">no principal has this access or can escalate to it</td></tr>` : '';
  return `<section><h2>Principals</h2><table id="verdicts"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}${empty}</tbody></table></section>`;
}

/** An AuditRow for one or more actions that share everything else. */
type ActionsRow = AuditRow & { actions: string[] };

/**
 * Rows that differ only in the action merged into one: principal-can over `cams:*` answers for
 * every action, and most share one path; a page of 170 identical rows helps no one. A principal's
 * escalations with the same action and condition merge too (one can take over thousands of users).
 */
function groupByActions(rows: AuditRow[]): ActionsRow[] {
  const groups = new Map<string, ActionsRow>();
  for (const row of rows) {
    const escalation = row.decision === 'can escalate';
    const key = JSON.stringify(escalation ? [row.principal, row.decision, row.action, row.condition] : [row.principal, row.decision, row.resources, row.via, row.condition]);
    const known = groups.get(key);
    if (!known) groups.set(key, { ...row, resources: [...row.resources], via: [...row.via], actions: [row.action] });
    else if (escalation) {
      known.resources = [...new Set([...known.resources, ...row.resources])];
      known.via.push(...row.via);
    } else known.actions.push(row.action);
  }
  return [...groups.values()];
}

/** Paths or chains as a list; past MAX_SHOWN_CHAINS the rest behind a `<details>`. */
function viaCell(via: string[]): string {
  if (via.length === 0) return '';
  const list = (items: string[]) => `<ul>${items.map((v) => `<li>${escapeHtml(v)}</li>`).join('')}</ul>`;
  if (via.length <= MAX_SHOWN_CHAINS) return list(via);
  return `${list(via.slice(0, MAX_SHOWN_CHAINS))}<details><summary>+${via.length - MAX_SHOWN_CHAINS} more</summary>${list(via.slice(MAX_SHOWN_CHAINS))}</details>`;
}

/** Up to four actions, the rest behind a `<details>` (opens without the script). */
function actionsCell(actions: string[]): string {
  const shown = escapeHtml(actions.slice(0, 4).join(', '));
  if (actions.length <= 4) return shown;
  return `${shown}<details><summary>+${actions.length - 4} more</summary>${escapeHtml(actions.slice(4).join(', '))}</details>`;
}

function tableRow(row: ActionsRow, principal: number, withAction: boolean): string {
  const verdict = row.decision === 'None' ? 'None (taken away)' : row.decision;
  const cells = [
    `<td class="mono">${escapeHtml(row.principal)}</td>`,
    `<td><span class="verdict ${VERDICT_CLASS[row.decision] ?? 'v-none'}">${escapeHtml(verdict)}</span></td>`,
    ...(withAction ? [`<td class="mono">${actionsCell(row.actions)}</td>`] : []),
    `<td class="mono">${escapeHtml(summariseResources(row.resources))}</td>`,
    `<td>${viaCell(row.via)}</td>`,
    `<td>${escapeHtml(row.condition)}</td>`,
  ];
  return `<tr data-p="${principal}" data-ref="${escapeHtml(row.principal)}">${cells.join('')}</tr>`;
}

/** Up to eight resources by name, then how many more. */
function summariseResources(resources: string[]): string {
  return resources.length > 8 ? `${resources.slice(0, 8).join(', ')} +${resources.length - 8} more` : resources.join(', ');
}

function diagnosticsSection(result: AuditResult): string {
  if (result.diagnostics.length === 0) return '';
  return `<section><h2>Findings</h2><ul>${result.diagnostics.map((d) => `<li class="mono">${escapeHtml(formatDiagnostic(d))}</li>`).join('')}</ul></section>`;
}
