/**
 * The search over a model: choose one option per dimension so that the granted side allows and
 * the other side does not. Statements are evaluated three-valued on partial choices (an atom not
 * yet chosen is unknown), so a branch is cut as soon as the answer is fixed either way; the next
 * dimension is one an undecided statement still depends on.
 */
import { AnalysisLimitError } from './string-regions.js';
import type { Model, ModelStatement } from './model.js';

/** 0 false, 1 true, 2 unknown. */
type Tri = 0 | 1 | 2;

/** One satisfying choice: an option index per dimension (-1 = any). */
export type Choice = number[];

function anyOf(atoms: number[], a: Int8Array): Tri {
  let r: Tri = 0;
  for (const atom of atoms) {
    const v = a[atom]!;
    if (v === 1) return 1;
    if (v === -1) r = 2;
  }
  return r;
}

function statementValue(s: ModelStatement, a: Int8Array): Tri {
  let r: Tri = 1;
  let act = anyOf(s.actionAtoms, a);
  if (s.notAction && act !== 2) act = act === 1 ? 0 : 1;
  if (act === 0) return 0;
  if (act === 2) r = 2;
  const res = anyOf(s.resourceAtoms, a);
  if (res === 0) return 0;
  if (res === 2) r = 2;
  if (s.principalAtoms) {
    const who = anyOf(s.principalAtoms, a);
    if (who === 0) return 0;
    if (who === 2) r = 2;
  }
  for (const c of s.clauses) {
    const v = a[c.atom]!;
    if (v === -1) r = 2;
    else if ((v === 1) === c.negated) return 0;
  }
  return r;
}

const and = (x: Tri, y: Tri): Tri => (x === 0 || y === 0 ? 0 : x === 1 && y === 1 ? 1 : 2);
const not = (x: Tri): Tri => (x === 2 ? 2 : x === 1 ? 0 : 1);

/** allow ∧ ¬deny over one side, three-valued. */
function sideAllows(statements: ModelStatement[], a: Int8Array): Tri {
  let allow: Tri = 0;
  let deny: Tri = 0;
  for (const s of statements) {
    const v = statementValue(s, a);
    if (v === 0) continue;
    if (s.deny) {
      if (v === 1) return 0;
      deny = 2;
    } else if (allow !== 1) allow = v;
  }
  return and(allow, not(deny));
}

/** The question's value on a partial choice. */
export function goal(model: Model, a: Int8Array): Tri {
  let g: Tri = sideAllows(model.sides[0]!, a);
  if (g === 0) return 0;
  if (model.actionScope.length > 0) g = and(g, anyOf(model.actionScope, a));
  if (model.actionScopeAlso.length > 0) g = and(g, anyOf(model.actionScopeAlso, a));
  if (model.actionExclusions.length > 0) g = and(g, not(anyOf(model.actionExclusions, a)));
  if (model.resourceScope.length > 0) g = and(g, anyOf(model.resourceScope, a));
  if (g === 0 || model.sides.length < 2) return g;
  return and(g, not(sideAllows(model.sides[1]!, a)));
}

/** Options of a dimension that differ in effect: two options fixing every statement alike are one. */
function distinctOptions(model: Model, d: number): number[] {
  const dim = model.dimensions[d]!;
  const a = new Int8Array(model.atomCount).fill(-1);
  const seen = new Set<string>();
  const keep: number[] = [];
  const statements = model.sides.flat();
  dim.options.forEach((o, i) => {
    dim.atoms.forEach((atom, j) => (a[atom] = o.bits[j] ? 1 : 0));
    const key = statements.map((s) => statementValue(s, a)).join('') + anyOf(model.actionScope, a) + anyOf(model.actionScopeAlso, a) + anyOf(model.actionExclusions, a) + anyOf(model.resourceScope, a);
    if (!seen.has(key)) {
      seen.add(key);
      keep.push(i);
    }
  });
  return keep;
}

/** Search statistics, for the bench and `--format json`. */
export interface SearchStats {
  nodes: number;
}

/**
 * Finds up to `max` satisfying choices, each with a different action option (so witnesses show
 * different actions where they can). Throws AnalysisLimitError past `maxNodes`.
 */
export function search(model: Model, max: number, maxNodes = 2_000_000, actionOptions?: number[]): { choices: Choice[]; stats: SearchStats } {
  const a = new Int8Array(model.atomCount).fill(-1);
  const options = model.dimensions.map((_, d) => distinctOptions(model, d));
  const chosen: Choice = model.dimensions.map(() => -1);
  const stats: SearchStats = { nodes: 0 };
  const dimOfAtom = new Int32Array(model.atomCount);
  model.dimensions.forEach((dim, d) => dim.atoms.forEach((atom) => (dimOfAtom[atom] = d)));
  const statements = model.sides.flat();

  const assign = (d: number, option: number | -1): void => {
    const dim = model.dimensions[d]!;
    chosen[d] = option;
    dim.atoms.forEach((atom, j) => (a[atom] = option < 0 ? -1 : dim.options[option]!.bits[j] ? 1 : 0));
  };
  /** The next dimension an undecided statement (or scope) still depends on. */
  const nextDimension = (): number => {
    // Action, resource and (trust policies) principal first; then keys an undecided statement tests.
    for (let d = 0; d < chosen.length && model.dimensions[d]!.kind !== 'key'; d++) if (chosen[d] === -1) return d;
    for (const s of statements) {
      if (statementValue(s, a) !== 2) continue;
      for (const c of s.clauses) if (a[c.atom] === -1) return dimOfAtom[c.atom]!;
    }
    return -1;
  };
  const solve = (): boolean => {
    if (++stats.nodes > maxNodes) throw new AnalysisLimitError(`more than ${maxNodes} search steps`);
    const g = goal(model, a);
    if (g === 0) return false;
    if (g === 1) return true;
    const d = nextDimension();
    if (d < 0) return false;
    for (const option of options[d]!) {
      assign(d, option);
      if (solve()) return true;
    }
    assign(d, -1);
    return false;
  };

  const choices: Choice[] = [];
  for (const actionOption of actionOptions ?? options[0]!) {
    if (choices.length >= max) break;
    assign(0, actionOption);
    if (solve()) choices.push([...chosen]);
    for (let d = 1; d < chosen.length; d++) assign(d, -1);
  }
  return { choices, stats };
}
