/** Renders an evaluation for people: the decision on the first line, then why, then every statement. */
import type { ConditionTrace, EvaluationResult, StatementRef, StatementTrace } from '../decision/types.js';
import type { AuthorizationRequest } from '../request/types.js';
import { plainResidual } from './residual-text.js';

const HEADLINE: Record<EvaluationResult['decision'], string> = {
  Allow: 'ALLOW',
  ExplicitDeny: 'DENY (explicit)',
  ImplicitDeny: 'DENY (implicit: nothing allows it)',
  Conditional: 'CONDITIONAL (depends on context the request did not give)',
};

/** Where a statement is: `identity policy \`p\` statement 0 (Sid \`x\`)`. */
export function describeRef(ref: StatementRef): string {
  const layer =
    ref.layer === 'control'
      ? `control policy (level ${ref.level ?? 0})`
      : ref.layer === 'resource-group'
        ? `identity policy at resource group \`${ref.resourceGroup}\``
        : ref.layer === 'resource'
          ? 'trust policy'
          : `${ref.layer} policy`;
  return `${layer} \`${ref.policy}\` statement ${ref.statement}${ref.sid ? ` (Sid \`${ref.sid}\`)` : ''}`;
}

function why(result: EvaluationResult): string[] {
  const lines: string[] = [];
  const deciding = result.decidingStatements.map((r) => `  ${result.decision === 'Allow' ? 'allowed' : 'denied'} by ${describeRef(r)}`);
  for (const item of deciding) lines.push(item);
  if (result.decision === 'ExplicitDeny' && result.deniedBy) lines.push(`  RAM would report PolicyType ${result.deniedBy}`);
  if (result.decision === 'ImplicitDeny' && result.missingAllow) lines.push(`  ${result.missingAllow.message}`);
  if (result.residual) lines.push(`  allowed only if: ${plainResidual(result.residual)}`);
  if (result.unknownKeys.length > 0) lines.push(`  unknown context keys: ${result.unknownKeys.map((k) => `\`${k}\``).join(', ')} (give them with --context KEY=VALUE or --absent KEY)`);
  for (const d of result.possibleDenies) lines.push(`  may also be denied by ${describeRef(d)}, depending on unknown context`);
  for (const note of result.notes) lines.push(`  note: ${note}`);
  return lines;
}

/**
 * One condition clause: its mark, the clause, what the request gave and which listed values the
 * request matched. A value is never ticked: under a negated operator (`NotIpAddress`) a matched
 * value is why the clause fails, and a tick on a failed clause read as a contradiction.
 */
function conditionLine(c: ConditionTrace): string {
  const request = Array.isArray(c.requestValues) ? c.requestValues.map((v) => `\`${v}\``).join(', ') : c.requestValues;
  const listed = c.values.map((v) => `\`${v.value}\``).join(', ');
  const matched = c.values.filter((v) => v.result === 'match').map((v) => `\`${v.value}\``);
  const matches = matched.length > 0 ? `; it matches ${matched.join(', ')}` : '';
  const verdict = c.result === 'match' ? 'holds' : c.result === 'no-match' ? 'does not hold' : 'unknown';
  return `      ${MARK[c.result]} \`${c.key}\` ${c.operator} ${listed}: ${verdict} (request: ${request}${matches})`;
}

const MARK = { match: '✓', 'no-match': '✗', unknown: '?' } as const;

function statementLines(s: StatementTrace): string[] {
  const head = `  ${MARK[s.result]} ${s.effect} — ${describeRef(s)}`;
  if (s.skipped) return [`${head}: not consulted, ${s.skipped}`];
  const parts: string[] = [];
  const a = s.action;
  parts.push(a.notAction ? `NotAction ${a.matchedBy ? `lists it (\`${a.matchedBy}\`)` : 'does not list it'}` : `action ${a.matchedBy ? `matched \`${a.matchedBy}\`` : 'did not match'}`);
  if (s.resource) parts.push(`resource ${s.resource.matchedBy ? `matched \`${s.resource.matchedBy}\`` : 'did not match'}`);
  if (s.principal) parts.push(`principal ${s.principal.matchedBy ? `matched \`${s.principal.matchedBy}\`` : 'did not match'}`);
  return [`${head}: ${parts.join('; ')}`, ...s.conditions.map(conditionLine)];
}

/** The whole text report (diagnostics are not part of it: the CLI prints them on stderr). */
export function renderEvaluationText(result: EvaluationResult, request: AuthorizationRequest): string {
  const lines = [`${HEADLINE[result.decision]}: \`${request.action}\` on \`${request.resource}\``, ...why(result)];
  if (result.statements.length > 0) lines.push('statements:', ...result.statements.flatMap(statementLines));
  return lines.join('\n');
}
