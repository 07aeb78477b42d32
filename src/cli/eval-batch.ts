/**
 * `ramguard eval --requests FILE`: many requests against one policy set, compiled once — the AWS
 * policy simulator's many-actions × many-resources view, for CI. A table in text, one JSON object
 * a line with `--format json`; exit 1 when any `expect` is not met, else 0; exit 2, and no request
 * answered, when any request (or the policies) is invalid.
 */
import { builtinCatalog } from '../catalog/builtin.js';
import { checkRequestNames } from '../catalog/request-check.js';
import type { Decision } from '../decision/types.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { evaluate } from '../eval/authorize.js';
import { compilePolicySet, type CompiledPolicySet } from '../eval/compile.js';
import { plainResidual } from '../explain/residual-text.js';
import type { AuthorizationRequest } from '../request/types.js';
import { policySetFor } from '../snapshot/principal.js';
import { buildEvalInput, type EvalFlags } from './eval-input.js';
import { MAX_REQUEST_FILE_BYTES, parseRequests, type BatchRequest } from './eval-requests.js';
import { meetsExpectation } from './exit-codes.js';
import type { InputReader } from './kit/input.js';
import type { Io } from './kit/io.js';
import { failWith, printDiagnostics, strictProblems, usageProblem } from './kit/report.js';
import { applyResourceFacts } from './snapshot-input.js';

/** The flags of a batch run. */
export type BatchFlags = EvalFlags & { requests: string; format: 'text' | 'json'; expect?: string; strict?: boolean };

const WORD: Record<Decision, string> = { Allow: 'ALLOW', ExplicitDeny: 'DENY (explicit)', ImplicitDeny: 'DENY (implicit)', Conditional: 'CONDITIONAL' };

/** One request made whole: the file's fields over the command line's (or scenario's) defaults. */
function completeRequest(r: BatchRequest, base: AuthorizationRequest): AuthorizationRequest {
  const given = new Set([...Object.keys(r.context ?? {}), ...(r.absent ?? [])].map((k) => k.toLowerCase()));
  const context = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of Object.entries(base.context ?? {})) if (!given.has(key.toLowerCase())) context[key] = value;
  for (const [key, value] of Object.entries(r.context ?? {})) context[key] = value;
  const arn = r.principal?.arn ?? (r.principal?.type === undefined ? base.principal.arn : undefined);
  const request: AuthorizationRequest = {
    principal: { type: r.principal?.type ?? base.principal.type, ...(arn !== undefined ? { arn } : {}) },
    action: r.action,
    resource: r.resource,
    context,
    absent: [...(base.absent ?? []).filter((k) => !given.has(k.toLowerCase())), ...(r.absent ?? [])],
  };
  const group = r.resourceGroup ?? base.resourceGroup;
  if (group !== undefined) request.resourceGroup = group;
  return request;
}

/** Runs the batch; every outcome (answers, problems, exit code) goes through `io`. */
export function runBatch(io: Io, flags: BatchFlags, reader: InputReader): void {
  const usage: Diagnostic[] = [];
  if (flags.action !== undefined || flags.resource !== undefined) usage.push(usageProblem('`--requests` takes the action and resource from each request', 'drop `--action` and `--resource`'));
  if (flags.expect !== undefined) usage.push(usageProblem('`--requests` takes `expect` from each request', 'drop `--expect`; write `"expect": "allow"` in the requests instead'));
  if (usage.length > 0) return failWith(io, flags.format, usage);
  // The policies and the defaults every request starts from; `*` stands for the per-request action and resource.
  const input = buildEvalInput({ ...flags, action: '*', resource: '*' }, reader);
  if (!('request' in input)) return failWith(io, flags.format, input.diagnostics);
  const read = reader.read(flags.requests, { maxBytes: MAX_REQUEST_FILE_BYTES });
  if ('diagnostic' in read) return failWith(io, flags.format, [read.diagnostic]);
  const parsed = parseRequests(read.text, read.file);
  if (hasErrors(parsed.diagnostics)) return failWith(io, flags.format, [...input.diagnostics, ...parsed.diagnostics]);

  const compiled = compilePolicySet(input.policies);
  // With a snapshot, `sts:AssumeRole` on one of its roles needs that role's trust policy: one
  // compiled set per such role, owned by this run.
  const forRole = new Map<string, CompiledPolicySet>();
  const compiledFor = (request: AuthorizationRequest): CompiledPolicySet => {
    if (!input.snapshot || flags.principal === undefined || request.action.toLowerCase() !== 'sts:assumerole') return compiled;
    let set = forRole.get(request.resource);
    if (!set) {
      const chosen = policySetFor(input.snapshot, flags.principal, { resource: request.resource });
      set = chosen.result ? compilePolicySet(chosen.result.policies) : compiled;
      forRole.set(request.resource, set);
    }
    return set;
  };
  const prepared = (r: BatchRequest): AuthorizationRequest => {
    const request = completeRequest(r, input.request);
    if (input.snapshot) applyResourceFacts(request, input.snapshot, input.policies);
    return request;
  };
  const at = (d: Diagnostic, r: BatchRequest): Diagnostic => ({ ...d, message: `request ${r.index}: ${d.message}`, file: read.file, range: { line: r.line, column: 1, endLine: r.line, endColumn: 1 }, path: `/${r.index - 1}/${d.path.replace(/^\//, '')}`.replace(/\/$/, '') });

  // First pass: decisions only (traces are not kept, so a hundred thousand requests stay small).
  const problems: Diagnostic[] = [...input.diagnostics];
  const catalog = builtinCatalog();
  const decisions: Decision[] = [];
  for (const r of parsed.requests) {
    const request = prepared(r);
    for (const d of checkRequestNames(request, catalog)) problems.push(at(d, r));
    const result = evaluate(compiledFor(request), request);
    for (const d of result.diagnostics) problems.push(at(d, r));
    decisions.push(result.decision);
  }
  const checked = strictProblems(problems, flags.strict === true);
  // An invalid request value makes its verdict a guess, and a suite with a guess is not a pass: none is printed.
  if (hasErrors(checked)) return failWith(io, flags.format, checked);

  let unmet = 0;
  const met = parsed.requests.map((r, i) => (r.expect === undefined ? undefined : meetsExpectation(decisions[i]!, r.expect)));
  for (const m of met) if (m === false) unmet++;
  if (flags.format === 'json') {
    // Second pass for the traces, printed as they come.
    parsed.requests.forEach((r, i) => {
      const request = prepared(r);
      const result = evaluate(compiledFor(request), request);
      const names = strictProblems(checkRequestNames(request, catalog).map((d) => at(d, r)), flags.strict === true);
      result.diagnostics = [...names, ...result.diagnostics.map((d) => at(d, r))];
      const residualText = result.residual ? plainResidual(result.residual) : undefined;
      const expectation = r.expect === undefined ? {} : { expect: r.expect, met: met[i] };
      io.out(JSON.stringify({ index: r.index, line: r.line, ...result, ...(residualText ? { residualText } : {}), request, ...expectation }));
    });
    printDiagnostics(io, strictProblems(input.diagnostics, flags.strict === true)); // the policies' warnings: stdout is only the lines
  } else {
    io.out(renderTable(parsed.requests, decisions, met));
    printDiagnostics(io, checked);
  }
  io.setExit(unmet > 0 ? 1 : 0);
}

/** Widest a column gets before its values run over (an ARN can be long). */
const MAX_COLUMN = 64;

/** The text table and its summary line. */
export function renderTable(requests: readonly BatchRequest[], decisions: readonly Decision[], met: readonly (boolean | undefined)[]): string {
  const rows = requests.map((r, i) => [String(r.index), r.action, r.resource, WORD[decisions[i]!], r.expect === undefined ? '' : `${r.expect} ${met[i] ? '✓' : '✗'}`]);
  const head = ['#', 'action', 'resource', 'decision', 'expect'];
  const widths = head.map((h, c) => Math.min(MAX_COLUMN, Math.max(h.length, ...rows.map((row) => row[c]!.length))));
  const line = (cells: string[]) => cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  const count = new Map<string, number>();
  for (const d of decisions) count.set(WORD[d], (count.get(WORD[d]) ?? 0) + 1);
  const tally = [...count].map(([word, n]) => `${n} ${word.toLowerCase()}`).join(', ');
  const expected = met.filter((m) => m !== undefined);
  const unmet = expected.filter((m) => m === false).length;
  const summary = `${requests.length} request${requests.length === 1 ? '' : 's'}${tally ? `: ${tally}` : ''}${expected.length > 0 ? `; ${expected.length - unmet} of ${expected.length} expectations met` : ''}`;
  return [line(head), ...rows.map(line), summary].join('\n');
}
