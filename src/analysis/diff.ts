/**
 * `ramguard diff`: what a policy change adds and removes, for a reviewer. Per action, exactly:
 * each catalog action a pattern of either policy can reach is checked both ways (new access, lost
 * access) with the analysis; the actions outside the catalog are checked per pattern, excluding
 * the catalog's (D1). Per resource pattern and per condition, as written: which Allow/Deny
 * statements name them before and after (D2).
 */
import { builtinCatalog } from '../catalog/builtin.js';
import { expandActionPattern } from '../catalog/query.js';
import type { Catalog } from '../catalog/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compileWildcard } from '../match/wildcard.js';
import type { Statement } from '../policy/types.js';
import { checkNoNewAccess, type AccessOptions, type AnalysisPolicy } from './access-check.js';

/** One action line: a catalog action, or the actions outside the catalog matching a pattern. */
export interface ActionChange {
  /** `cams:UpdateInstance`, or a pattern for `outsideCatalog`. */
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
  diagnostics: Diagnostic[];
}

/** Options: `scope` limits the actions considered (e.g. `cams:*`). */
export interface DiffOptions {
  scope?: string[];
  catalog?: Catalog;
  singleValuedKeys?: boolean;
}

const actionPatterns = (p: AnalysisPolicy): { patterns: string[]; notAction: boolean } => ({
  patterns: p.document.statements.flatMap((s) => s.actions ?? s.notActions ?? []),
  notAction: p.document.statements.some((s) => s.notActions !== undefined),
});

function written(p: AnalysisPolicy, of: (s: Statement) => string[]): Set<string> {
  return new Set(p.document.statements.flatMap((s) => of(s).map((t) => `${s.effect}\u0000${t}`)));
}

function writtenChanges(before: AnalysisPolicy, after: AnalysisPolicy, of: (s: Statement) => string[]): WrittenChange[] {
  const a = written(before, of);
  const b = written(after, of);
  const out: WrittenChange[] = [];
  const push = (change: WrittenChange['change'], key: string) => {
    const [effect, text] = key.split('\u0000') as ['Allow' | 'Deny', string];
    out.push({ change, effect, text });
  };
  for (const k of b) if (!a.has(k)) push('added', k);
  for (const k of a) if (!b.has(k)) push('removed', k);
  return out;
}

/** Computes the diff from `before` to `after`. */
export function diffPolicies(before: AnalysisPolicy, after: AnalysisPolicy, options: DiffOptions = {}): PolicyDiff {
  const catalog = options.catalog ?? builtinCatalog();
  const scope = (options.scope ?? []).map((p) => compileWildcard(p.toLowerCase()));
  const inScope = (name: string) => scope.length === 0 || scope.some((m) => m.test(name.toLowerCase()));
  const sides = [actionPatterns(before), actionPatterns(after)];
  const anyAction = sides.some((s) => s.notAction || s.patterns.includes('*'));
  const reachable = anyAction ? [...catalog.actions.values()] : [...new Set(sides.flatMap((s) => s.patterns.flatMap((p) => expandActionPattern(catalog, p).actions)))];
  const diagnostics: Diagnostic[] = [];
  const base: AccessOptions = { maxWitnesses: 1, catalog: { ...catalog, actions: new Map(), services: new Map() }, ...(options.singleValuedKeys ? { singleValuedKeys: true } : {}) };
  const both = (actions: string[], exclude?: string[]) => {
    const o: AccessOptions = { ...base, actions, ...(options.scope && options.scope.length > 0 ? { alsoActions: options.scope } : {}), ...(exclude && exclude.length > 0 ? { excludeActions: exclude } : {}) };
    const added = checkNoNewAccess(before, after, o);
    const removed = checkNoNewAccess(after, before, o);
    for (const d of [...added.diagnostics, ...removed.diagnostics]) if (!diagnostics.some((x) => x.message === d.message)) diagnostics.push(d);
    return { added: added.verdict !== 'pass', removed: removed.verdict !== 'pass' };
  };
  const actions: ActionChange[] = [];
  for (const a of reachable.filter((x) => inScope(x.fullName))) {
    const r = both([a.fullName]);
    if (r.added || r.removed) actions.push({ action: a.fullName, outsideCatalog: false, ...r });
  }
  // D1: the actions outside the catalog, per pattern of either policy (NotAction reaches any action).
  const known = [...catalog.actions.values()].map((a) => a.fullName);
  const outsidePatterns = new Set([...sides.flatMap((s) => s.patterns), ...(sides.some((s) => s.notAction) ? ['*'] : [])]);
  for (const pattern of outsidePatterns) {
    const r = both([pattern], known);
    if (r.added || r.removed) actions.push({ action: pattern, outsideCatalog: true, ...r });
  }
  return {
    actions,
    resources: writtenChanges(before, after, (s) => s.resources ?? []),
    conditions: writtenChanges(before, after, (s) => s.conditions.map((c) => `${c.operator} ${c.key} = ${c.values.join(', ')}`)),
    diagnostics,
  };
}
