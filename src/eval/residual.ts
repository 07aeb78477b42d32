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

/** Atoms that stand for the same unknown fact get the same id. */
function atomId(p: Residual): string {
  if (p.kind === 'condition') return `c:${p.from.layer}:${p.from.level ?? ''}:${p.from.resourceGroup ?? ''}:${p.from.policy}#${p.from.statement}:${p.operator}:${p.key.toLowerCase()}`;
  if (p.kind === 'resource-group') return `rg:${p.resourceGroup}`;
  return '';
}

function collectAtoms(p: Residual, into: Map<string, Residual>): void {
  if (p.kind === 'and' || p.kind === 'or') p.of.forEach((q) => collectAtoms(q, into));
  else if (p.kind === 'not') collectAtoms(p.of, into);
  else if (p.kind === 'condition' || p.kind === 'resource-group') into.set(atomId(p), p);
}

function valueUnder(p: Residual, assignment: Map<string, boolean>): boolean {
  switch (p.kind) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'and':
      return p.of.every((q) => valueUnder(q, assignment));
    case 'or':
      return p.of.some((q) => valueUnder(q, assignment));
    case 'not':
      return !valueUnder(p.of, assignment);
    default:
      return assignment.get(atomId(p)) ?? false;
  }
}

/** Above this many distinct atoms, enumeration stops and the formula counts as not constant. */
export const MAX_ENUMERATED_ATOMS = 16;

/** The distinct unknown atoms of a formula. */
export function atomsOf(p: Residual): Residual[] {
  const atoms = new Map<string, Residual>();
  collectAtoms(p, atoms);
  return [...atoms.values()];
}

/** `true`/`false` when the formula has that value under every assignment of its atoms, else undefined. */
export function isConstant(p: Residual): boolean | undefined {
  if (p.kind === 'true') return true;
  if (p.kind === 'false') return false;
  const atoms = [...new Map(atomsOf(p).map((a) => [atomId(a), a])).keys()];
  if (atoms.length > MAX_ENUMERATED_ATOMS) return undefined;
  let seen: boolean | undefined;
  for (let mask = 0; mask < 1 << atoms.length; mask++) {
    const assignment = new Map(atoms.map((id, i) => [id, (mask & (1 << i)) !== 0]));
    const value = valueUnder(p, assignment);
    if (seen === undefined) seen = value;
    else if (seen !== value) return undefined;
  }
  return seen;
}
