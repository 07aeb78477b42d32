/**
 * Residual formulas (src/eval/residual.ts), deterministically: the constructors' folding, which
 * atoms are one fact, and `isConstant` against enumeration on a fixed, seeded stream of formulas —
 * those built by the constructors and raw ones (constants inside, double negations, nested
 * junctions of one kind), as a caller may hand `isConstant` any `Residual`.
 */
import { describe, expect, it } from 'vitest';
import type { Residual, StatementRef } from '../../src/decision/types.js';
import { and, atomsOf, FALSE, isConstant, not, or, TRUE } from '../../src/eval/residual.js';
import { seededRandom } from '../mutation/seeded-random.js';

const ref = (over: Partial<StatementRef> = {}): StatementRef => ({ layer: 'control', level: 1, policy: 'guard', statement: 0, effect: 'Deny', ...over }) as StatementRef;
const condition = (from: StatementRef, key = 'acs:SourceVpc'): Residual => ({ kind: 'condition', operator: 'StringEquals', key, values: ['vpc-1'], from });
/** Atom n of the enumeration tests: statement n of one policy. */
const atom = (n: number): Residual => condition(ref({ statement: n }));

/** The reference: the value under every assignment of the atoms (by statement number). */
function enumerate(p: Residual, atoms: number): boolean | undefined {
  const value = (q: Residual, on: number): boolean => {
    switch (q.kind) {
      case 'true':
        return true;
      case 'false':
        return false;
      case 'and':
        return q.of.every((x) => value(x, on));
      case 'or':
        return q.of.some((x) => value(x, on));
      case 'not':
        return !value(q.of, on);
      default:
        return (on & (1 << (q as { from: StatementRef }).from.statement)) !== 0;
    }
  };
  const first = value(p, 0);
  for (let on = 1; on < 1 << atoms; on++) if (value(p, on) !== first) return undefined;
  return first;
}

/** A seeded stream of formulas over `atoms` atoms: `raw` ones are built as literals, unfolded. */
function formulas(seed: number, atoms: number, count: number, raw: boolean): Residual[] {
  const rand = seededRandom(seed);
  const make = (depth: number): Residual => {
    const pick = rand(depth > 3 ? 3 : 6);
    if (pick === 0) return rand(2) === 0 ? TRUE : FALSE;
    if (pick <= 2) return atom(rand(atoms));
    if (pick === 3) return raw ? { kind: 'not', of: make(depth + 1) } : not(make(depth + 1));
    const parts = Array.from({ length: 1 + rand(3) }, () => make(depth + 1));
    const kind = pick === 4 ? 'and' : 'or';
    return raw ? { kind, of: parts } : kind === 'and' ? and(parts) : or(parts);
  };
  return Array.from({ length: count }, () => make(0));
}

describe('isConstant on a fixed stream of formulas', () => {
  for (const [name, seed, atoms, raw] of [
    ['built by the constructors, 3 atoms', 7, 3, false],
    ['built by the constructors, 5 atoms', 8, 5, false],
    ['raw (constants inside, double negations, nested junctions), 3 atoms', 9, 3, true],
    ['raw, 5 atoms', 10, 5, true],
  ] as const) {
    it(`answers as enumeration does: ${name}`, () => {
      let constant = 0;
      let open = 0;
      for (const p of formulas(seed, atoms, 600, raw)) {
        const expected = enumerate(p, atoms);
        expect(isConstant(p), JSON.stringify(p)).toBe(expected);
        if (expected === undefined) open++;
        else constant++;
      }
      // Both answers are met often enough to mean something
      expect(constant).toBeGreaterThan(60);
      expect(open).toBeGreaterThan(60);
    });
  }

  it('finds the assignment that disagrees after a branch that settled late', () => {
    // a∧b ∨ a∧¬b ∨ ¬a∧b is a∨b: true when a holds (for both values of b), false at a = b = false
    const [a, b] = [atom(0), atom(1)];
    expect(isConstant(or([and([a, b]), and([a, not(b)]), and([not(a), b])]))).toBeUndefined();
    expect(isConstant(or([and([a, b]), and([a, not(b)]), and([not(a), b]), and([not(a), not(b)])]))).toBe(true);
  });

  it('reads constants inside a raw formula', () => {
    const a = atom(0);
    expect(isConstant({ kind: 'or', of: [{ kind: 'true' }, a] })).toBe(true);
    expect(isConstant({ kind: 'and', of: [{ kind: 'false' }, a] })).toBe(false);
    expect(isConstant({ kind: 'and', of: [{ kind: 'true' }, a] })).toBeUndefined();
    expect(isConstant({ kind: 'not', of: { kind: 'or', of: [{ kind: 'false' }, { kind: 'true' }] } })).toBe(false);
  });
});

describe('the constructors', () => {
  const [a, b, c] = [atom(0), atom(1), atom(2)];

  it('flatten nested junctions of the same kind, and keep the other kind nested', () => {
    expect(and([a, and([b, c])])).toEqual({ kind: 'and', of: [a, b, c] });
    expect(or([or([a, b]), c])).toEqual({ kind: 'or', of: [a, b, c] });
    expect(and([a, or([b, c])])).toEqual({ kind: 'and', of: [a, { kind: 'or', of: [b, c] }] });
  });

  it('fold a double negation to the formula itself', () => {
    expect(not(not(a))).toBe(a);
    expect(not(not(and([a, b])))).toEqual({ kind: 'and', of: [a, b] });
    expect(not(a)).toEqual({ kind: 'not', of: a });
  });
});

describe('one fact, one atom', () => {
  it('keeps apart the same statement of same-named policies at control levels 1 and 2', () => {
    const level1 = condition(ref({ level: 1 }));
    const level2 = condition(ref({ level: 2 }));
    expect(atomsOf(and([level1, level2]))).toHaveLength(2);
    expect(isConstant(or([level1, not(level2)]))).toBeUndefined();
    expect(isConstant(or([level1, not(condition(ref({ level: 1 })))]))).toBe(true);
  });

  it('keeps apart the same statement attached in two resource groups, and two resource groups', () => {
    const inA = condition(ref({ layer: 'resource-group', level: undefined, resourceGroup: 'rg-a', effect: 'Allow' }));
    const inB = condition(ref({ layer: 'resource-group', level: undefined, resourceGroup: 'rg-b', effect: 'Allow' }));
    expect(isConstant(or([inA, not(inB)]))).toBeUndefined();
    const groupA: Residual = { kind: 'resource-group', resourceGroup: 'rg-a' };
    const groupB: Residual = { kind: 'resource-group', resourceGroup: 'rg-b' };
    expect(isConstant(or([groupA, not(groupB)]))).toBeUndefined();
    expect(isConstant(or([groupA, not({ kind: 'resource-group', resourceGroup: 'rg-a' })]))).toBe(true);
  });

  it('reads a key written in another case as the same fact', () => {
    expect(isConstant(or([condition(ref(), 'acs:SourceVpc'), not(condition(ref(), 'ACS:sourcevpc'))]))).toBe(true);
  });
});
