/**
 * `isConstant` decides by splitting on atoms under Kleene's logic; it must answer exactly what
 * enumerating every assignment answers, on any formula (fast-check), including atoms that stand
 * for the same fact, negations, constants and the 16-atom bound.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Residual } from '../../src/decision/types.js';
import { and, FALSE, isConstant, MAX_ENUMERATED_ATOMS, not, or, TRUE } from '../../src/eval/residual.js';

/** An atom: the condition of statement `n` of policy `p` (the same `n` is the same fact). */
const atom = (n: number): Residual => ({ kind: 'condition', operator: 'StringEquals', key: `k${n}`, values: ['v'], from: { layer: 'identity', policy: 'p', statement: n, effect: 'Allow' } }) as Residual;

/** The reference: every assignment of the atoms, by brute force. */
function enumerate(p: Residual): boolean | undefined {
  const ids: number[] = [];
  const walk = (q: Residual): void => {
    if (q.kind === 'and' || q.kind === 'or') q.of.forEach(walk);
    else if (q.kind === 'not') walk(q.of);
    else if (q.kind === 'condition') {
      const n = (q as { from: { statement: number } }).from.statement;
      if (!ids.includes(n)) ids.push(n);
    }
  };
  walk(p);
  if (ids.length > MAX_ENUMERATED_ATOMS) return undefined;
  const value = (q: Residual, on: Set<number>): boolean =>
    q.kind === 'true' ? true : q.kind === 'false' ? false : q.kind === 'and' ? q.of.every((x) => value(x, on)) : q.kind === 'or' ? q.of.some((x) => value(x, on)) : q.kind === 'not' ? !value(q.of, on) : on.has((q as { from: { statement: number } }).from.statement);
  let seen: boolean | undefined;
  for (let mask = 0; mask < 1 << ids.length; mask++) {
    const v = value(p, new Set(ids.filter((_, i) => (mask & (1 << i)) !== 0)));
    if (seen === undefined) seen = v;
    else if (seen !== v) return undefined;
  }
  return seen;
}

const formula = (atoms: number): fc.Arbitrary<Residual> =>
  fc.letrec<{ f: Residual }>((tie) => ({
    f: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(TRUE, FALSE),
      fc.integer({ min: 0, max: atoms - 1 }).map(atom),
      fc.integer({ min: 0, max: atoms - 1 }).map(atom),
      tie('f').map(not),
      fc.array(tie('f'), { minLength: 1, maxLength: 4 }).map(and),
      fc.array(tie('f'), { minLength: 1, maxLength: 4 }).map(or),
    ),
  })).f;

describe('isConstant', () => {
  it('answers as enumeration does, on random formulas over few atoms (many constant ones)', () => {
    fc.assert(fc.property(formula(3), (p) => {
        expect(isConstant(p)).toBe(enumerate(p));
      }), { numRuns: 3000 });
  });

  it('answers as enumeration does over more atoms', () => {
    fc.assert(fc.property(formula(10), (p) => {
        expect(isConstant(p)).toBe(enumerate(p));
      }), { numRuns: 500 });
  });

  it('knows tautologies and contradictions that only the atoms decide', () => {
    const a = atom(1);
    const b = atom(2);
    expect(isConstant(or([a, not(a)]))).toBe(true);
    expect(isConstant(and([a, not(a)]))).toBe(false);
    expect(isConstant(or([and([a, b]), not(a), not(b)]))).toBe(true);
    expect(isConstant(or([a, b]))).toBeUndefined();
    // A conjunction of 16 distinct atoms OR its negation: constant true; 17 atoms: past the bound.
    const many = (n: number) => and(Array.from({ length: n }, (_, i) => atom(i)));
    expect(isConstant(or([many(MAX_ENUMERATED_ATOMS), not(many(MAX_ENUMERATED_ATOMS))]))).toBe(true);
    expect(isConstant(or([many(MAX_ENUMERATED_ATOMS + 1), not(many(MAX_ENUMERATED_ATOMS + 1))]))).toBeUndefined();
  });
});
