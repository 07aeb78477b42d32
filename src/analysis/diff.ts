/**
 * `ramguard diff`: what a policy change adds and removes, for a reviewer. Per action, exactly
 * (D1): one model of the pair is built with the catalog's actions as one more atom, so every
 * action region is either catalog actions only or other actions only; each region is searched
 * both ways (new access, lost access) and each catalog action takes its region's answer; the
 * regions outside the catalog are shown by the patterns that reach them. Every answer is
 * confirmed by running its request through the evaluator. Per resource pattern and per condition,
 * as written (D2).
 */
import { builtinCatalog } from '../catalog/builtin.js';
import { expandActionPattern } from '../catalog/query.js';
import type { Catalog } from '../catalog/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compileWildcard } from '../match/wildcard.js';
import type { Statement } from '../policy/types.js';
import { decisionOf, defaultAlwaysPresent, requestOf, type AnalysisPolicy } from './access-check.js';
import { buildModel, type Model } from './model.js';
import { search } from './search.js';
import { unmodelledPrincipalProblems } from './unmodelled-principals.js';
import { AnalysisLimitError } from './string-regions.js';

/** One action line: a catalog action, or the actions outside the catalog matching patterns. */
export interface ActionChange {
  /** `cams:UpdateInstance`, or for `outsideCatalog` the patterns (of either policy) that reach them. */
  action: string;
  outsideCatalog: boolean;
  /** `added`: some request for it is allowed now and was not; `removed`: the other way; both can hold. */
  added: boolean;
  removed: boolean;
}

/** One written element that appears on one side only. */
export interface WrittenChange {
  change: 'added' | 'removed';
  effect: 'Allow' | 'Deny';
  /** The resource pattern, or the condition as `Operator key = values`. */
  text: string;
}

/** The whole diff. */
export interface PolicyDiff {
  actions: ActionChange[];
  resources: WrittenChange[];
  conditions: WrittenChange[];
  /** Trust policies: principal entries as written (`RAM acs:ram::…:root`, `Service ecs.aliyuncs.com`). */
  principals?: WrittenChange[];
  diagnostics: Diagnostic[];
}

/** Options: `scope` limits the actions considered (e.g. `cams:*`). */
export interface DiffOptions {
  scope?: string[];
  catalog?: Catalog;
  singleValuedKeys?: boolean;
}

function writtenChanges(before: AnalysisPolicy, after: AnalysisPolicy, of: (s: Statement) => string[]): WrittenChange[] {
  const written = (p: AnalysisPolicy) => new Set(p.document.statements.flatMap((s) => of(s).map((t) => `${s.effect}\u0000${t}`)));
  const a = written(before);
  const b = written(after);
  const out: WrittenChange[] = [];
  const push = (change: WrittenChange['change'], key: string) => {
    const [effect, text] = key.split('\u0000') as ['Allow' | 'Deny', string];
    out.push({ change, effect, text });
  };
  for (const k of b) if (!a.has(k)) push('added', k);
  for (const k of a) if (!b.has(k)) push('removed', k);
  return out;
}

/** Whether some request in action region `option` is allowed by side 0 and not by side 1, confirmed by the evaluator. */
function regionDiffers(model: Model, option: number, granted: AnalysisPolicy, notGranted: AnalysisPolicy): boolean {
  const found = search(model, 1, undefined, [option]).choices[0];
  if (!found) return false;
  const request = requestOf(model, found);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: equivalent, the evaluator's confirmation of a witness is an internal check that never fails while the model and the evaluator agree (docs/testing.md)
  const confirmed = decisionOf(granted, request).decision === 'Allow' && decisionOf(notGranted, request).decision !== 'Allow';
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, as the line above
  if (!confirmed) throw new Error(`internal: the evaluator does not confirm the diff witness \`${request.action}\``);
  return true;
}

/** Computes the diff from `before` to `after`. */
export function diffPolicies(before: AnalysisPolicy, after: AnalysisPolicy, options: DiffOptions = {}): PolicyDiff {
  const catalog = options.catalog ?? builtinCatalog();
  const trust = after.document.kind === 'trust';
  const written = {
    resources: writtenChanges(before, after, (s) => s.resources ?? []),
    conditions: writtenChanges(before, after, (s) => s.conditions.map((c) => `${c.operator} ${c.key} = ${c.values.join(', ')}`)),
    // Stryker disable next-line ArrayDeclaration,OptionalChaining: equivalent, unreachable: a valid trust statement's Principal has every kind as a list (docs/testing.md)
    ...(trust ? { principals: writtenChanges(before, after, (s) => (['RAM', 'Service', 'Federated'] as const).flatMap((k) => (s.principal?.[k] ?? []).map((e) => `${k} ${e}`))) } : {}),
  };
  // N12: what Service and Federated callers gain is not in the per-action answer; say so.
  const unmodelled = trust ? unmodelledPrincipalProblems(after, before) : [];
  // Only the catalog actions a written Action pattern reaches can change (one no pattern of either
  // policy matches is allowed by neither; NotAction reaches them all): the others stay out of the
  // model, whose exclusion trie of every catalog name cost seconds once the catalog had 4,000.
  const statements = [...before.document.statements, ...after.document.statements];
  // Stryker disable next-line ArrayDeclaration,ConditionalExpression,EqualityOperator: equivalent, every statement has Action when none has NotAction, and without `reached` every catalog action is modelled: slower, same answer (docs/testing.md)
  const reached = statements.some((s) => s.notActions !== undefined) ? undefined : new Set(statements.flatMap((s) => s.actions ?? []).flatMap((p) => expandActionPattern(catalog, p).actions));
  // Stryker disable next-line MethodExpression,ConditionalExpression: equivalent, every catalog action modelled instead of those a pattern reaches: slower, same answer (docs/testing.md)
  const known = [...catalog.actions.values()].filter((a) => reached === undefined || reached.has(a));
  let model: Model;
  try {
    model = buildModel({
      granted: after,
      notGranted: before,
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, an empty or missing scope is no scope, given or left out (docs/testing.md)
      ...(options.scope && options.scope.length > 0 ? { actionScope: options.scope } : {}),
      actionExclusions: known.map((a) => a.fullName),
      alwaysPresentKeys: new Set(defaultAlwaysPresent(catalog).map((k) => k.toLowerCase())),
      singleValuedKeys: options.singleValuedKeys ?? false,
    });
  } catch (error) {
    // Stryker disable next-line ConditionalExpression: equivalent, buildModel throws nothing else on valid policies (docs/testing.md)
    if (!(error instanceof AnalysisLimitError)) throw error;
    return { actions: [], ...written, diagnostics: [{ code: 'analysis-limit', severity: 'error', message: `the analysis stopped: ${error.message}`, path: '' }] };
  }
  // The marker atom must not restrict the question: drop it from the goal, keep it in the regions.
  const marker = model.actionExclusions[0]!;
  // Stryker disable next-line ArrayDeclaration: equivalent, an exclusion that names no atom reads as false, and not(false) leaves the goal as it was (docs/testing.md)
  const forward: Model = { ...model, actionExclusions: [] };
  const backward: Model = { ...forward, sides: [model.sides[1]!, model.sides[0]!] };
  const actionDim = model.dimensions[0]!;
  const markerIndex = actionDim.atoms.indexOf(marker);
  const scope = (options.scope ?? []).map((p) => compileWildcard(p.toLowerCase()));
  const inScope = (name: string) => scope.length === 0 || scope.some((m) => m.test(name.toLowerCase()));
  const answers = new Map<number, { added: boolean; removed: boolean }>();
  const answer = (option: number) => {
    let a = answers.get(option);
    // Stryker disable next-line ConditionalExpression: equivalent, a region's answer computed again is the same (docs/testing.md)
    if (!a) answers.set(option, (a = { added: regionDiffers(forward, option, after, before), removed: regionDiffers(backward, option, before, after) }));
    return a;
  };
  const actions: ActionChange[] = [];
  const optionOf = new Map(actionDim.options.map((o, i) => [o.bits.map(Number).join(''), i]));
  // Patterns as first written, matched lower-cased (M2).
  const written0 = new Map<string, ReturnType<typeof compileWildcard>>();
  // Stryker disable next-line ArrayDeclaration: equivalent, unreachable: a validated statement has Action or NotAction (docs/testing.md)
  for (const p of [...before.document.statements, ...after.document.statements].flatMap((s) => s.actions ?? s.notActions ?? [])) {
    if (![...written0.keys()].some((k) => k.toLowerCase() === p.toLowerCase())) written0.set(p, compileWildcard(p.toLowerCase()));
  }
  const atomMatchers = model.actionPatterns.map((p) => compileWildcard(p));
  for (const a of known) {
    // Stryker disable next-line ConditionalExpression: equivalent, the model's actionScope already keeps a witness out of an action outside the scope (docs/testing.md)
    if (!inScope(a.fullName)) continue;
    const lower = a.fullName.toLowerCase();
    // The action's signature: each pattern atom in the model's order, then the marker (true).
    const bits = atomMatchers.map((m) => (m.test(lower) ? '1' : '0')).join('') + '1';
    const option = optionOf.get(bits);
    // Stryker disable next-line ConditionalExpression: equivalent, the action regions cover every string, so a catalog action always falls in one (docs/testing.md)
    if (option === undefined) continue;
    const r = answer(option);
    if (r.added || r.removed) actions.push({ action: a.fullName, outsideCatalog: false, ...r });
  }
  actionDim.options.forEach((o, i) => {
    if (o.bits[markerIndex]) return;
    const r = answer(i);
    if (!r.added && !r.removed) return;
    const reaching = [...written0].filter(([, m]) => m.test(o.values[0]!.toLowerCase())).map(([p]) => p);
    actions.push({ action: reaching.length > 0 ? reaching.join('`, `') : '*', outsideCatalog: true, ...r });
  });
  // An error (exit 2) unless a RAM caller already shows new access (then exit 1, and this warns).
  const added = actions.some((a) => a.added);
  return { actions, ...written, diagnostics: unmodelled.map((d): Diagnostic => ({ ...d, severity: added ? 'warning' : 'error' })) };
}
