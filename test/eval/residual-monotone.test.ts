/**
 * `isConstant` settles a formula of atoms under AND and OR alone without numbering its atoms (it
 * is false with every atom false, true with every atom true). The shortcut must answer what
 * enumeration answers, and must not take a formula with a NOT, a constant or an empty junction
 * inside (an empty AND is true, an empty OR false) for one of that kind.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Residual } from '../../src/decision/types.js';
import { FALSE, isConstant, not, TRUE } from '../../src/eval/residual.js';

const atom = (n: number): Residual => ({ kind: 'condition', operator: 'StringEquals', key: `k${n}`, values: ['v'], from: { layer: 'identity', policy: 'p', statement: n, effect: 'Allow' } }) as Residual;
/** Raw junctions (not the folding constructors): nested constants and empty lists stay as built. */
const raw = (kind: 'and' | 'or', of: Residual[]): Residual => ({ kind, of });

const monotoneFormula = fc.letrec<{ f: Residual }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small' },
    fc.integer({ min: 0, max: 40 }).map(atom),
    fc.array(tie('f'), { minLength: 1, maxLength: 4 }).map((of) => raw('and', of)),
    fc.array(tie('f'), { minLength: 1, maxLength: 4 }).map((of) => raw('or', of)),
  ),
})).f;

describe('isConstant on formulas of atoms under AND and OR', () => {
  it('is never constant, however many atoms (past the enumeration bound too)', () => {
    fc.assert(fc.property(monotoneFormula, (p) => isConstant(p) === undefined), { numRuns: 2000 });
  });

  it('a NOT, a constant or an empty junction inside is still decided by enumeration', () => {
    const a = atom(1);
    expect(isConstant(raw('or', [a, not(a)]))).toBe(true);
    expect(isConstant(raw('and', [a, not(a)]))).toBe(false);
    expect(isConstant(raw('or', [a, TRUE]))).toBe(true);
    expect(isConstant(raw('and', [a, FALSE]))).toBe(false);
    expect(isConstant(raw('or', [a, raw('and', [])]))).toBe(true);
    expect(isConstant(raw('and', [a, raw('or', [])]))).toBe(false);
    expect(isConstant(raw('and', []))).toBe(true);
    expect(isConstant(raw('or', []))).toBe(false);
    expect(isConstant(raw('or', [a, raw('and', [atom(2), a])]))).toBeUndefined();
  });
});
