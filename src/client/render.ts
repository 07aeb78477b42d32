/**
 * The guarded client's outcome as text and as JSON. Both are built from the outcome alone, which
 * never holds a secret; the CLI still passes them through its redactor.
 */
import { renderEvaluationText } from '../explain/text.js';
import { renderResidual } from '../explain/residual-text.js';
import { describeRef } from '../explain/text.js';
import type { ServiceFailure } from './failure.js';
import type { DescribedRequest, GuardedOutcome } from './guarded-client.js';

const attemptsText = (n: number) => `${n} attempt${n === 1 ? '' : 's'}`;

/** One failure in one paragraph: code, status, message, request id, RAM's denial detail. */
export function describeFailure(failure: ServiceFailure): string {
  const head = [failure.code ?? failure.kind, failure.statusCode !== undefined ? `(HTTP ${failure.statusCode})` : undefined].filter(Boolean).join(' ');
  const lines = [`${head}: ${failure.message}`];
  if (failure.requestId) lines.push(`  RequestId: ${failure.requestId}`);
  if (failure.accessDeniedDetail) {
    lines.push('  AccessDeniedDetail:');
    for (const [key, value] of Object.entries(failure.accessDeniedDetail)) lines.push(`    ${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  }
  return lines.join('\n');
}

/** The request as `--dry-run` shows it. */
export function describeRequest(request: DescribedRequest): string {
  const lines = [
    `${request.method} ${request.url}`,
    `  x-acs-action: ${request.action}`,
    `  x-acs-version: ${request.version}`,
    `  signed with ${request.signature} by AccessKey ${request.accessKeyId ?? '(not resolved)'}${request.securityToken ? ', with a security token (not shown)' : ''}`,
    '  body (application/x-www-form-urlencoded):',
    ...Object.entries(request.body).map(([k, v]) => `    ${k}=${v}`),
  ];
  return lines.join('\n');
}

/** What the local policies decided, in one line. */
function localSide(outcome: Extract<GuardedOutcome, { preflight: unknown }>): string {
  const p = outcome.preflight!;
  const by = p.decidingStatements.map(describeRef).join('; ');
  return `${p.decision}${by ? ` by ${by}` : ''}`;
}

/** The outcome as text: the headline, then the preflight's full explanation. */
export function renderOutcomeText(outcome: GuardedOutcome): string {
  if (outcome.status === 'invalid') return 'INVALID: the request was not sent';
  const explain = outcome.preflight ? `\npreflight:\n${renderEvaluationText(outcome.preflight, outcome.preflight.authorization)}` : '';
  switch (outcome.status) {
    case 'refused':
      return `NOT SENT: ${outcome.reason}${explain}`;
    case 'dry-run':
      return `DRY RUN: nothing was sent. ${outcome.wouldSend ? 'This request would be sent' : `It would not be sent: ${outcome.reason}`}:\n${describeRequest(outcome.request)}${explain}`;
    case 'succeeded': {
      const data = outcome.response['Data'];
      const lines = [`SENT: UpdateInstance succeeded (Code OK, RequestId ${String(outcome.response['RequestId'] ?? '-')}, ${attemptsText(outcome.attempts)})${outcome.forced ? ' — sent with --force' : ''}`];
      if (data && typeof data === 'object') for (const [k, v] of Object.entries(data)) lines.push(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
      return lines.join('\n') + explain;
    }
    case 'drift':
      return [
        'DRIFT: the preflight allowed this call, but the service denied it: the local policies do not match what RAM enforces.',
        `  local (ramguard): ${localSide(outcome)}`,
        `  service (RAM):    ${describeFailure(outcome.failure).split('\n').join('\n  ')}`,
        'Fix the policies ramguard reads (a policy missing or changed in the account, a control policy, a resource group) so the preflight matches RAM.',
      ].join('\n') + explain;
    case 'denied':
      return `DENIED by the service after --force: the unknown context (${outcome.preflight.unknownKeys.join(', ')}) did not satisfy the policies.\n  ${describeFailure(outcome.failure)}${explain}`;
    case 'failed':
      return `FAILED${outcome.attempts > 0 ? ` after ${attemptsText(outcome.attempts)}` : ''}: ${describeFailure(outcome.failure)}${explain}`;
  }
}

/** The outcome as JSON: the status, the preflight (as `ramguard preflight` prints it), the request, the answer or failure. */
export function outcomeJson(outcome: GuardedOutcome): Record<string, unknown> {
  if (outcome.status === 'invalid') return { status: 'invalid', diagnostics: outcome.diagnostics };
  const { preflight, ...rest } = outcome;
  return {
    ...rest,
    ...(preflight ? { preflight: { ...preflight, ...(preflight.residual ? { residualText: renderResidual(preflight.residual) } : {}) } } : {}),
  };
}
