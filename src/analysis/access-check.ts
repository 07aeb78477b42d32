/**
 * Exact access questions over RAM policies (issue #7):
 * - no new access: is every request the candidate allows also allowed by the base?
 * - access not granted: can the policy allow any of these actions (on these resources)?
 * Both are one search over the model (see model.ts, search.ts). Every witness is a concrete
 * request that is run through the evaluator before it is reported; a witness the evaluator does
 * not confirm is never shown as a finding (it is reported as an internal inconsistency instead).
 */
import { builtinCatalog } from '../catalog/builtin.js';
import type { Catalog } from '../catalog/types.js';
import type { Decision, StatementRef } from '../decision/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { evaluate } from '../eval/authorize.js';
import { compilePolicySet, type CompiledPolicySet } from '../eval/compile.js';
import type { PreparedRequest } from '../request/prepare.js';
import { validatePolicy } from '../policy/parse-policy.js';
import type { AuthorizationRequest } from '../request/types.js';
import { emptyPolicySet } from '../policy/policy-set.js';
import { buildModel, type AnalysisPolicy, type Model } from './model.js';
import { principalOfArn } from './principal-regions.js';
import { unmodelledPrincipalProblems } from './unmodelled-principals.js';
import { search, type Choice } from './search.js';
import { AnalysisLimitError } from './string-regions.js';

export type { AnalysisPolicy } from './model.js';

/** PASS: no such request exists; FAIL: witnesses follow; UNKNOWN: a limit was reached or a key is inexact (N7). */
export type Verdict = 'pass' | 'fail' | 'unknown';

/** A request that shows the answer, confirmed by the evaluator. */
export interface Witness {
  request: AuthorizationRequest;
  /** The granted policy's decision (Allow) and the statements that allow it. */
  granted: { decision: Decision; statements: StatementRef[] };
  /** The other policy's decision (not Allow), when there is one. */
  base?: { decision: Decision; statements: StatementRef[] };
}

/** The answer to one question. */
export interface AccessAnswer {
  verdict: Verdict;
  witnesses: Witness[];
  /** Why the verdict is `unknown`, and notes on inexact keys. */
  diagnostics: Diagnostic[];
  stats: { atoms: number; options: number[]; nodes: number; milliseconds?: number };
}

/** Options shared by both questions. */
export interface AccessOptions {
  /** Only requests for actions matching one of these patterns (e.g. `cams:*`). */
  actions?: string[];
  /** Only requests whose action also matches one of these (AND with `actions`; `--scope`). */
  alsoActions?: string[];
  /** Not requests for these actions (exact names or patterns). */
  excludeActions?: string[];
  /** Only requests on resources matching one of these patterns. */
  resources?: string[];
  /** Witness requests wanted (different actions where possible). Default 3. */
  maxWitnesses?: number;
  /** Every key takes at most one value (N6). Default false: several values are considered. */
  singleValuedKeys?: boolean;
  /** Keys every request carries (N5). Default: the catalog's always-present common keys. */
  alwaysPresentKeys?: string[];
  catalog?: Catalog;
  /** Budgets: automaton states per dimension, search steps. */
  maxStates?: number;
  maxNodes?: number;
}

/** The caller of every witness request (N4); its ARN only matters to trust policies and `acs:PrincipalARN`. */
export const WITNESS_PRINCIPAL = { type: 'RamUser' as const, arn: 'acs:ram::1234567890123456:user/ramguard-witness' };

const TRUST_ALL = validatePolicy({ Version: '1', Statement: [{ Effect: 'Allow', Principal: { RAM: ['*'] }, Action: 'sts:AssumeRole' }] }, { kind: 'trust' }).policy!;
const ALLOW_ALL = validatePolicy({ Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { kind: 'identity' }).policy!;

/** The layer a policy's statements are reported from: trust policies are the resource layer. */
// Stryker disable next-line MethodExpression: equivalent (docs/testing.md), a set from compileAlone has one identity policy, so `some` and `every` agree
const layerOf = (policy: AnalysisPolicy | CompiledPolicySet) => ('document' in policy ? (policy.document.kind === 'trust' ? 'resource' : 'identity') : policy.identity.statements.some((s) => s.ref.policy === 'ramguard-allow-all') ? 'resource' : 'identity');

/** Evaluates a request against one policy on its own (N4): the policy as the identity layer. */
export function decisionOf(policy: AnalysisPolicy | CompiledPolicySet, request: AuthorizationRequest | PreparedRequest): { decision: Decision; statements: StatementRef[]; errors: Diagnostic[] } {
  const compiled = 'document' in policy ? compileAlone(policy) : policy;
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: equivalent (docs/testing.md), a trace or none, the decision, deciding statements and diagnostics read here are the same
  const result = evaluate(compiled, request, { trace: false });
  const layer = layerOf(policy);
  return { decision: result.decision, statements: result.decidingStatements.filter((s) => s.layer === layer), errors: result.diagnostics.filter((d) => d.severity === 'error') };
}

/**
 * The policy set a policy is judged in on its own (N3, N11): an identity, control or session
 * policy is the identity layer, beside a trust policy that trusts everyone; a trust policy is the
 * resource layer (as `ramguard eval --trust-policy` puts it), beside an identity policy that
 * allows everything, so the trust policy alone decides `sts:AssumeRole`.
 */
export function compileAlone(policy: AnalysisPolicy): CompiledPolicySet {
  const set = emptyPolicySet();
  if (policy.document.kind === 'trust') {
    set.identity.push({ name: 'ramguard-allow-all', document: ALLOW_ALL });
    set.resource.push({ name: policy.name, document: policy.document });
  } else {
    set.identity.push({ name: policy.name, document: policy.document });
    set.resource.push({ name: 'ramguard-trust-all', document: TRUST_ALL });
  }
  return compilePolicySet(set);
}

/** The catalog's always-present keys that are single names (N5). */
export function defaultAlwaysPresent(catalog: Catalog): string[] {
  return catalog.conditionKeys.filter((k) => k.alwaysPresent && !k.name.includes('*')).map((k) => k.name);
}

/** The concrete request of a choice (a dimension left open takes its first option). */
export function requestOf(model: Model, choice: Choice): AuthorizationRequest {
  const pick = (d: number) => {
    const dim = model.dimensions[d]!;
    return dim.options[choice[d]! >= 0 ? choice[d]! : 0]!;
  };
  const principalDim = model.dimensions.findIndex((dim) => dim.kind === 'principal');
  const principal = principalDim >= 0 ? principalOfArn(pick(principalDim).values[0]!) : { ...WITNESS_PRINCIPAL };
  const request: AuthorizationRequest = { principal, action: pick(0).values[0]!, resource: pick(1).values[0]!, context: {}, absent: [] };
  model.dimensions.forEach((dim, d) => {
    if (dim.kind !== 'key') return;
    const values = pick(d).values;
    if (values.length === 0) request.absent!.push(dim.name);
    else request.context![dim.name] = values.length === 1 ? values[0]! : values;
  });
  return request;
}

function limitAnswer(error: AnalysisLimitError, started: number): AccessAnswer {
  return {
    verdict: 'unknown',
    witnesses: [],
    diagnostics: [{ code: 'analysis-limit', severity: 'error', message: `the analysis stopped: ${error.message}`, path: '', help: 'split the policies, or narrow the question with `--scope`' }],
    stats: { atoms: 0, options: [], nodes: 0, milliseconds: performance.now() - started },
  };
}

/**
 * Turns the search's choices into requests and keeps those the evaluator confirms (N8); an
 * unconfirmed one becomes a `witness-not-confirmed` error, never a finding.
 */
export function confirmWitnesses(model: Model, choices: Choice[], granted: AnalysisPolicy, notGranted: AnalysisPolicy | undefined): { witnesses: Witness[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const witnesses: Witness[] = [];
  for (const choice of choices) {
    const request = requestOf(model, choice);
    const g = decisionOf(granted, request);
    const b = notGranted ? decisionOf(notGranted, request) : undefined;
    const confirmed = g.decision === 'Allow' && g.errors.length === 0 && (!b || (b.decision !== 'Allow' && b.decision !== 'Conditional' && b.errors.length === 0));
    if (!confirmed) {
      diagnostics.push({ code: 'witness-not-confirmed', severity: 'error', message: `internal: the evaluator does not confirm the witness \`${request.action}\` on \`${request.resource}\` (${g.decision}${b ? ` / ${b.decision}` : ''})`, path: '', help: 'please report this with both policies' });
      continue;
    }
    witnesses.push({ request, granted: { decision: g.decision, statements: g.statements }, ...(b ? { base: { decision: b.decision, statements: b.statements } } : {}) });
  }
  return { witnesses, diagnostics };
}

function answer(granted: AnalysisPolicy, notGranted: AnalysisPolicy | undefined, given: AccessOptions): AccessAnswer {
  const started = performance.now();
  // A trust policy grants only `sts:AssumeRole` (N11): the question is about that action.
  const trust = granted.document.kind === 'trust';
  const options: AccessOptions = trust ? { ...given, actions: given.actions ?? ['sts:AssumeRole'], alsoActions: given.alsoActions ?? ['sts:AssumeRole'] } : given;
  const catalog = options.catalog ?? builtinCatalog();
  let model: Model;
  let found: ReturnType<typeof search>;
  try {
    model = buildModel({
      granted,
      ...(notGranted ? { notGranted } : {}),
      ...(options.actions ? { actionScope: options.actions } : {}),
      ...(options.resources ? { resourceScope: options.resources } : {}),
      ...(options.alsoActions ? { actionScopeAlso: options.alsoActions } : {}),
      ...(options.excludeActions ? { actionExclusions: options.excludeActions } : {}),
      catalog,
      alwaysPresentKeys: new Set((options.alwaysPresentKeys ?? defaultAlwaysPresent(catalog)).map((k) => k.toLowerCase())),
      singleValuedKeys: options.singleValuedKeys ?? false,
      ...(options.maxStates !== undefined ? { maxStates: options.maxStates } : {}),
      fallbackPrincipalArn: WITNESS_PRINCIPAL.arn,
    });
    found = search(model, options.maxWitnesses ?? 3, options.maxNodes);
  } catch (error) {
    if (error instanceof AnalysisLimitError) return limitAnswer(error, started);
    throw error;
  }
  const { witnesses, diagnostics } = confirmWitnesses(model, found.choices, granted, notGranted);
  for (const key of model.inexactKeys) {
    diagnostics.push({ code: 'analysis-inexact-key', severity: witnesses.length > 0 ? 'warning' : 'error', message: `\`${key}\` is tested both as a string and as a typed value; its spellings are sampled, not explored exhaustively`, path: '', help: 'test a key with operators of one type (lint: operator-key-type-mismatch)' });
  }
  const unmodelled = trust ? unmodelledPrincipalProblems(granted, notGranted) : [];
  for (const d of unmodelled) diagnostics.push(witnesses.length > 0 ? { ...d, severity: 'warning' } : d);
  let verdict: Verdict = witnesses.length > 0 ? 'fail' : 'pass';
  if (verdict === 'pass' && (model.inexactKeys.length > 0 || found.choices.length > 0 || unmodelled.length > 0)) verdict = 'unknown';
  return { verdict, witnesses, diagnostics, stats: { atoms: model.atomCount, options: model.dimensions.map((d) => d.options.length), nodes: found.stats.nodes, milliseconds: performance.now() - started } };
}

/** PASS when every request `candidate` allows, `base` allows too; otherwise witnesses it allows and `base` does not. */
export function checkNoNewAccess(base: AnalysisPolicy, candidate: AnalysisPolicy, options: AccessOptions = {}): AccessAnswer {
  return answer(candidate, base, options);
}

/** PASS when no action matching `options.actions` (on `options.resources`) can be allowed under any context. */
export function checkAccessNotGranted(policy: AnalysisPolicy, options: AccessOptions & { actions: string[] }): AccessAnswer {
  return answer(policy, undefined, options);
}
