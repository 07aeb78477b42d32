/** Text, JSON and SARIF renderings of an access answer (`ramguard check`). */
import type { AccessAnswer, Witness } from '../analysis/access-check.js';
import type { StatementRef } from '../decision/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Finding } from '../lint/engine.js';
import { renderSarif } from '../lint/format/sarif.js';
import type { LintRule } from '../lint/types.js';
import type { PolicyKind } from '../policy/types.js';
import type { ParsedSource } from '../parse/source.js';

/** Which check ran, and on what, for headings. */
export interface CheckInfo {
  check: 'no-new-access' | 'access-not-granted';
  granted: string;
  base?: string;
  kind: PolicyKind;
}

const statementText = (s: StatementRef) => `${s.policy} statement ${s.statement}${s.sid !== undefined ? ` (Sid \`${s.sid}\`)` : ''}`;

/** The lines of one witness; `showPrincipal` for trust policies, where the caller is part of the answer. */
export function witnessLines(w: Witness, n: number, showPrincipal = false): string[] {
  const r = w.request;
  const lines = [`witness ${n}:`, ...(showPrincipal ? [`  principal ${r.principal.type} ${r.principal.arn ?? ''}`] : []), `  action    ${r.action}`, `  resource  ${r.resource}`];
  for (const [key, value] of Object.entries(r.context ?? {})) lines.push(`  context   ${key} = ${Array.isArray(value) ? value.map((v) => JSON.stringify(v)).join(', ') : JSON.stringify(value)}`);
  if ((r.absent ?? []).length > 0) lines.push(`  absent    ${r.absent!.join(', ')}`);
  lines.push(`  allowed by ${w.granted.statements.map(statementText).join('; ') || w.granted.decision}`);
  if (w.base) lines.push(`  base      ${w.base.decision}${w.base.statements.length > 0 ? ` by ${w.base.statements.map(statementText).join('; ')}` : ''}`);
  return lines;
}

/** The text report. */
export function renderCheckText(info: CheckInfo, answer: AccessAnswer): string {
  const verdict = answer.verdict.toUpperCase();
  const what =
    info.check === 'no-new-access'
      ? answer.verdict === 'pass'
        ? `every request \`${info.granted}\` allows, \`${info.base}\` allows too`
        : answer.verdict === 'fail'
          ? `\`${info.granted}\` allows requests \`${info.base}\` does not`
          : 'the analysis could not decide'
      : answer.verdict === 'pass'
        ? `\`${info.granted}\` cannot allow the listed actions under any context`
        : answer.verdict === 'fail'
          ? `\`${info.granted}\` can allow a listed action`
          : 'the analysis could not decide';
  const lines = [`${info.check}: ${verdict} — ${what}`];
  answer.witnesses.forEach((w, i) => lines.push(...witnessLines(w, i + 1, info.kind === 'trust')));
  lines.push(`(${answer.stats.atoms} patterns and conditions, ${answer.stats.nodes} search steps, ${(answer.stats.milliseconds ?? 0).toFixed(1)} ms${answer.witnesses.length > 0 ? '; every witness re-checked by the evaluator' : ''})`);
  return lines.join('\n');
}

/** The JSON report. */
export function renderCheckJson(info: CheckInfo, answer: AccessAnswer, diagnostics: Diagnostic[]): string {
  return JSON.stringify({ check: info.check, verdict: answer.verdict, granted: info.granted, ...(info.base ? { base: info.base } : {}), witnesses: answer.witnesses, diagnostics: [...diagnostics, ...answer.diagnostics], stats: answer.stats }, null, 2);
}

const RULE = (info: CheckInfo): LintRule => ({
  id: info.check === 'no-new-access' ? ('new-access' as const) : ('access-granted' as const),
  severity: 'security-warning',
  title: info.check === 'no-new-access' ? 'The policy change grants access the base policy does not' : 'The policy can allow an action it must not',
  help: 'look at the witness request: remove or narrow the statement that allows it, or accept the new access in review',
  check: () => undefined,
});

/** SARIF through lint's writer: one result per witness, at the first statement that allows it. */
export function renderCheckSarif(info: CheckInfo, answer: AccessAnswer, source: ParsedSource, uri: string, statementPaths: Map<number, string>): string {
  const rule = RULE(info);
  const findings: Finding[] = answer.witnesses.map((w) => {
    const first = w.granted.statements[0];
    const path = first ? statementPaths.get(first.statement) ?? '' : '';
    const range = path ? source.locate(path, 'key') : undefined;
    const r = w.request;
    const context = Object.entries(r.context ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
    return {
      code: rule.id,
      severity: 'security-warning',
      message: `allows ${info.kind === 'trust' ? `${r.principal.type} \`${r.principal.arn ?? ''}\` ` : ''}\`${r.action}\` on \`${r.resource}\`${context ? ` with ${context}` : ''}${(r.absent ?? []).length ? `, ${r.absent!.join(', ')} absent` : ''}${w.base ? `; the base policy gives ${w.base.decision}` : ''}`,
      file: uri,
      ...(range ? { range } : {}),
      path,
      kind: info.kind,
    };
  });
  return renderSarif(findings, [rule], '0.1.0', (f) => f);
}
