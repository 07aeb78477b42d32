/**
 * What the playground page shows for one scenario text: every problem of the scenario (syntax,
 * schema, policy grammar), the lint findings of each inline policy at their lines, the request's
 * catalog check, and — when nothing is in the way — the decision with `ramguard eval`'s own
 * explanation. Pure: the page calls it on every edit, the tests call it in Node.
 */
import { checkRequestNames } from '../catalog/request-check.js';
import type { Catalog } from '../catalog/types.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { EvaluationResult } from '../decision/types.js';
import { evaluate } from '../eval/authorize.js';
import { compilePolicySet } from '../eval/compile.js';
import { plainResidual } from '../explain/residual-text.js';
import { renderEvaluationText } from '../explain/text.js';
import { lintPolicy } from '../lint/engine.js';
import { parseSource, type ParsedSource } from '../parse/source.js';
import type { PolicyKind } from '../policy/types.js';
import { PRINCIPAL_TYPES, type AuthorizationRequest, type PrincipalType } from '../request/types.js';
import { scenarioFromValue } from '../scenario/parse-scenario.js';
import { contextKeyRows, type ContextKeyRow } from './context-keys.js';
import { lineStarts, sliceOf, type LintCache } from './lint-cache.js';

/** The file name problems of the page's scenario are reported in. */
export const SCENARIO_FILE = 'scenario';

/** A decision and its explanation, as `ramguard eval` prints it. */
export interface PlaygroundDecision {
  result: EvaluationResult;
  request: AuthorizationRequest;
  /** `ramguard eval`'s text report. */
  text: string;
  /** For Conditional: the residual condition in words. */
  residualText?: string;
}

/** Everything the page shows for one scenario text. */
export interface PlaygroundAnalysis {
  /** Problems and findings, each once, sorted by position (those without one last). */
  problems: Diagnostic[];
  decision?: PlaygroundDecision;
  /** Why there is no decision, when there is none. */
  undecided?: string;
  /** The request's action as written, if any (the page shows its catalog entry). */
  action?: string;
  /** Context keys the page offers to set: the catalog's and the policies' own. */
  keys: ContextKeyRow[];
}

type RawRef = { name?: unknown; document?: unknown; resourceGroup?: unknown };

/** Each inline policy of a scenario value, with its kind and JSON Pointer. */
function inlinePolicies(value: unknown): { kind: PolicyKind; pointer: string; document: unknown }[] {
  const out: { kind: PolicyKind; pointer: string; document: unknown }[] = [];
  const policies = (value as { policies?: Record<string, unknown> } | null)?.policies;
  if (policies === null || typeof policies !== 'object') return out;
  const add = (ref: unknown, kind: PolicyKind, pointer: string) => {
    if (ref !== null && typeof ref === 'object' && (ref as RawRef).document !== undefined) out.push({ kind, pointer: `${pointer}/document`, document: (ref as RawRef).document });
  };
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  list(policies.control).forEach((level, i) => list(level).forEach((ref, j) => add(ref, 'control', `/policies/control/${i}/${j}`)));
  add(policies.session, 'session', '/policies/session');
  list(policies.identity).forEach((ref, i) => add(ref, 'identity', `/policies/identity/${i}`));
  list(policies.resource).forEach((ref, i) => add(ref, 'trust', `/policies/resource/${i}`));
  return out;
}

const identityOf = (d: Diagnostic) => `${d.code}|${d.range?.line ?? ''}:${d.range?.column ?? ''}|${d.path}|${d.message}`;

/** Problems once each (the scenario's check and lint both report a policy's grammar), by position. */
function merged(lists: Diagnostic[][]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const list of lists) {
    for (const d of list) {
      const id = identityOf(d);
      if (seen.has(id)) continue;
      seen.add(id);
      out.push(d);
    }
  }
  const line = (d: Diagnostic) => d.range?.line ?? Number.MAX_SAFE_INTEGER;
  return out.sort((a, b) => line(a) - line(b) || (a.range?.column ?? 0) - (b.range?.column ?? 0));
}

/** The request of a scenario: what `ramguard eval --scenario` would build without flags. */
function requestOf(partial: Partial<AuthorizationRequest>): AuthorizationRequest | string {
  if (partial.action === undefined || partial.action === '') return 'the scenario has no `request.action`';
  if (partial.resource === undefined || partial.resource === '') return 'the scenario has no `request.resource`';
  const type = (partial.principal?.type ?? 'RamUser') as PrincipalType;
  const request: AuthorizationRequest = {
    principal: { type: PRINCIPAL_TYPES.includes(type) ? type : 'RamUser', ...(partial.principal?.arn !== undefined ? { arn: partial.principal.arn } : {}) },
    action: partial.action,
    resource: partial.resource,
    context: partial.context ?? (Object.create(null) as Record<string, string | string[]>),
    absent: [...(partial.absent ?? [])],
  };
  if (partial.resourceGroup !== undefined) request.resourceGroup = partial.resourceGroup;
  return request;
}

/** The lint findings of every inline policy; through `cache` when the page keeps one. */
function lintAll(text: string, source: ParsedSource, catalog: Catalog, cache: LintCache | undefined): Diagnostic[][] {
  const starts = cache ? lineStarts(text) : [];
  return inlinePolicies(source.value).map((p) => {
    const lint = () => lintPolicy({ file: SCENARIO_FILE, kind: p.kind, value: p.document, pointerPrefix: p.pointer, locate: source.locate }, catalog);
    const range = cache ? source.locate(p.pointer, 'value') : undefined;
    const slice = range ? sliceOf(text, starts, range) : undefined;
    return cache && range && slice !== undefined ? cache.findings({ kind: p.kind, pointer: p.pointer, range, text: slice }, lint) : lint();
  });
}

/**
 * Analyses one scenario text against `catalog`. Never throws on any text. `cache` (the page's
 * own) keeps the findings of policies an edit did not touch.
 */
export function analyseScenario(text: string, catalog: Catalog, cache?: LintCache): PlaygroundAnalysis {
  const source = parseSource(text, SCENARIO_FILE);
  if (source.diagnostics.length > 0) return { problems: merged([source.diagnostics]), undecided: 'the scenario cannot be read', keys: [] };
  const parsed = scenarioFromValue(source.value, source);
  const findings = lintAll(text, source, catalog, cache);
  const rawAction = (source.value as { request?: { action?: unknown } } | null)?.request?.action;
  const action = typeof rawAction === 'string' ? rawAction : undefined;
  if (!parsed.scenario) {
    return { problems: merged([parsed.diagnostics, ...findings]), undecided: 'the scenario has errors', ...(action !== undefined ? { action } : {}), keys: [] };
  }
  const { scenario } = parsed;
  const keys = contextKeyRows(scenario, catalog);
  const request = requestOf(scenario.request);
  if (typeof request === 'string') return { problems: merged([parsed.diagnostics, ...findings]), undecided: request, ...(action !== undefined ? { action } : {}), keys };
  const at = (d: Diagnostic): Diagnostic => {
    const path = `/request${d.path}`;
    const range = d.range ?? source.locate(path, 'value') ?? source.locate('/request');
    return { ...d, path, file: SCENARIO_FILE, ...(range ? { range } : {}) };
  };
  const names = checkRequestNames(request, catalog).map(at);
  if (hasErrors(names)) return { problems: merged([parsed.diagnostics, ...findings, names]), undecided: 'the request has errors', action: request.action, keys };
  const result = evaluate(compilePolicySet(scenario.policies), request);
  const requestProblems = result.diagnostics.map(at);
  const problems = merged([parsed.diagnostics, ...findings, names, requestProblems]);
  // As in `ramguard eval`: an invalid context value makes any verdict a guess, so none is shown.
  if (hasErrors(requestProblems)) return { problems, undecided: 'the request has an invalid value', action: request.action, keys };
  const decision: PlaygroundDecision = { result, request, text: renderEvaluationText(result, request) };
  if (result.residual) decision.residualText = plainResidual(result.residual);
  return { problems, decision, action: request.action, keys };
}
