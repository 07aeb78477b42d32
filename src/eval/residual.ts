/**
 * Boolean formulas over what the request left unknown (E10, E11). Constructors fold constants
 * (Kleene logic); `isConstant` then decides exactly, by enumerating the distinct unknown atoms
 * as independent booleans, whether a formula holds under every assignment, none, or some.
 */
import type { Residual } from '../decision/types.js';

/** The constant true. */
export const TRUE: Residual = { kind: 'true' };
/** The constant false. */
export const FALSE: Residual = { kind: 'false' };

/** A conjunction or disjunction with constants folded and nested ones of the same kind flattened. */
function junction(kind: 'and' | 'or', parts: Residual[]): Residual {
  const absorbing = kind === 'and' ? 'false' : 'true';
  const out: Residual[] = [];
  for (const p of parts) {
    if (p.kind === absorbing) return p;
    if (p.kind === 'true' || p.kind === 'false') continue; // the neutral constant
    if (p.kind === kind) for (const item of p.of) out.push(item);
    else out.push(p);
  }
  if (out.length === 0) return kind === 'and' ? TRUE : FALSE;
  return out.length === 1 ? out[0]! : { kind, of: out };
}

/** Conjunction, folding constants and nested conjunctions. */
export function and(parts: Residual[]): Residual {
  return junction('and', parts);
}

/** Disjunction, folding constants and nested disjunctions. */
export function or(parts: Residual[]): Residual {
  return junction('or', parts);
}

/** Negation, folding constants and double negation. */
export function not(p: Residual): Residual {
  if (p.kind === 'true') return FALSE;
  if (p.kind === 'false') return TRUE;
  if (p.kind === 'not') return p.of;
  return { kind: 'not', of: p };
}

/** An unknown fact: a condition clause of one statement, or the request's resource group. */
type Atom = Extract<Residual, { kind: 'condition' | 'resource-group' }>;

/**
 * Atoms that stand for the same unknown fact get the same id. An absent level or resource group
 * prints as `undefined`: the layer, first in the id, already tells a control level (always
 * numbered) and a resource-group statement (always named) from the layers that have neither.
 */
function atomId(p: Atom): string {
  // Stryker disable next-line MethodExpression: equivalent, upper- or lower-casing both fold case alike for the ids compared (docs/testing.md)
  if (p.kind === 'condition') return `c:${p.from.layer}:${p.from.level}:${p.from.resourceGroup}:${p.from.policy}#${p.from.statement}:${p.operator}:${p.key.toLowerCase()}`;
  return `rg:${p.resourceGroup}`;
}

function collectAtoms(p: Residual, into: Map<string, Residual>): void {
  if (p.kind === 'and' || p.kind === 'or') p.of.forEach((q) => collectAtoms(q, into));
  else if (p.kind === 'not') collectAtoms(p.of, into);
  else if (p.kind === 'condition' || p.kind === 'resource-group') into.set(atomId(p), p);
}

/** Above this many distinct atoms, enumeration stops and the formula counts as not constant. */
export const MAX_ENUMERATED_ATOMS = 16;

/** The distinct unknown atoms of a formula. */
export function atomsOf(p: Residual): Residual[] {
  const atoms = new Map<string, Residual>();
  collectAtoms(p, atoms);
  return [...atoms.values()];
}

/** A formula with its atoms numbered once, so that evaluating it builds no ids. */
type Numbered = { k: 'const'; v: boolean } | { k: 'atom'; i: number } | { k: 'not'; of: Numbered } | { k: 'and' | 'or'; of: Numbered[] };

function numbered(p: Residual, ids: Map<string, number>): Numbered {
  switch (p.kind) {
    case 'true':
      return { k: 'const', v: true };
    case 'false':
      return { k: 'const', v: false };
    case 'and':
    case 'or':
      return { k: p.kind, of: p.of.map((q) => numbered(q, ids)) };
    case 'not':
      return { k: 'not', of: numbered(p.of, ids) };
    default: {
      const id = atomId(p);
      let i = ids.get(id);
      if (i === undefined) ids.set(id, (i = ids.size));
      return { k: 'atom', i };
    }
  }
}

/** Kleene's strong three-valued logic under a partial assignment: 1 true, 0 false, -1 unknown (atom unassigned). */
function kleene(n: Numbered, assignment: Int8Array): number {
  switch (n.k) {
    case 'const':
      return n.v ? 1 : 0;
    case 'atom':
      return assignment[n.i]!;
    case 'not': {
      const v = kleene(n.of, assignment);
      return v === -1 ? -1 : 1 - v;
    }
    default: {
      // and: any false is false; or: any true is true; else unknown if any is unknown.
      const absorbing = n.k === 'and' ? 0 : 1;
      let unknown = false;
      for (const q of n.of) {
        const v = kleene(q, assignment);
        if (v === absorbing) return absorbing;
        if (v === -1) unknown = true;
      }
      return unknown ? -1 : 1 - absorbing;
    }
  }
}

/**
 * Whether the formula is built of atoms by AND and OR alone (no NOT, no constant, no empty
 * junction, which is a constant): then it is false with every atom false and true with every atom
 * true, so not constant — settled without numbering its atoms. Most conditions the audit asks
 * about are of this kind (Allow statements' conditions ORed), and numbering them was a tenth of
 * the README demo's escalation search.
 */
// The mutants disabled here make `monotone` answer false where it answered true, which only sends
// the formula to the enumeration, which answers alike (docs/testing.md); those that make it answer
// true wrongly stay and are killed.
// Stryker disable next-line BlockStatement: equivalent, as above
function monotone(p: Residual): boolean {
  switch (p.kind) {
    // Stryker disable next-line StringLiteral: equivalent, as above
    case 'and':
    // Stryker disable next-line StringLiteral: equivalent, as above
    case 'or':
      if (p.of.length === 0) return false;
      for (const q of p.of) if (!monotone(q)) return false;
      // Stryker disable next-line BooleanLiteral: equivalent, as above
      return true;
    // Stryker disable next-line StringLiteral: equivalent, as above
    case 'condition':
    // Stryker disable next-line StringLiteral,ConditionalExpression: equivalent, as above
    case 'resource-group':
      // Stryker disable next-line BooleanLiteral: equivalent, as above
      return true;
    // Stryker disable next-line ConditionalExpression: equivalent, as above
    default:
      return false;
  }
}

/**
 * `true`/`false` when the formula has that value under every assignment of its atoms, else
 * undefined. Decided by splitting on one atom at a time and evaluating each partial assignment in
 * Kleene's logic, whose definite answer holds for every completion — so a branch stops as soon as
 * its value is settled, and the whole search as soon as two branches disagree. The answer is the
 * one enumerating all 2^n assignments gives (a property test checks it); enumerating cost the
 * escalation search of a 2,000-user account most of its minute, building a Map per assignment.
 */
export function isConstant(p: Residual): boolean | undefined {
  // Stryker disable next-line StringLiteral: equivalent, without the shortcut the constant is enumerated to the same answer (docs/testing.md)
  if (p.kind === 'true') return true;
  // Stryker disable next-line StringLiteral: equivalent, as above
  if (p.kind === 'false') return false;
  if (monotone(p)) return undefined;
  const ids = new Map<string, number>();
  const root = numbered(p, ids);
  if (ids.size > MAX_ENUMERATED_ATOMS) return undefined;
  const assignment = new Int8Array(ids.size).fill(-1);
  let seen = -1;
  // Whether every completion of the current partial assignment gives `seen` (set by the first one settled).
  const settle = (from: number): boolean => {
    const value = kleene(root, assignment);
    if (value !== -1) {
      if (seen === -1) seen = value;
      return seen === value;
    }
    let i = from;
    // Atoms are assigned in order and unassigned on return, so the atom at `from` is unassigned and
    // the loop never turns; it guards the invariant.
    // Stryker disable next-line ConditionalExpression,UpdateOperator: equivalent, as said (docs/testing.md)
    while (assignment[i] !== -1) i++; // an unknown value has an unassigned atom at or after `from`
    assignment[i] = 1;
    // Stryker disable next-line ArithmeticOperator: equivalent, `settle(i - 1)` starts at an assigned atom the loop then skips (docs/testing.md)
    const same = settle(i + 1) && ((assignment[i] = 0), settle(i + 1));
    assignment[i] = -1;
    return same;
  };
  return settle(0) ? seen === 1 : undefined;
}
