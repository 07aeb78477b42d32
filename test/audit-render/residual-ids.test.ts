import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Residual } from '../../src/decision/types.js';
import { ResidualIds } from '../../src/audit/render/json.js';

const from = { layer: 'identity' as const, policy: 'p', statement: 0, effect: 'Allow' as const };
const atom = fc.oneof(
  fc.constant<Residual>({ kind: 'true' }),
  fc.constant<Residual>({ kind: 'false' }),
  fc.record({ key: fc.constantFrom('acs:SourceIp', 'acs:MFAPresent'), values: fc.array(fc.constantFrom('a', 'b'), { maxLength: 2 }) }).map(({ key, values }): Residual => ({ kind: 'condition', operator: 'StringEquals', key, values, from })),
  fc.constantFrom('rg-1', 'rg-2').map((resourceGroup): Residual => ({ kind: 'resource-group', resourceGroup })),
);
// Trees of fresh objects, some composites written with their keys in another order.
const tree = fc.letrec<{ r: Residual }>((t) => ({
  r: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    atom,
    fc.tuple(fc.constantFrom('and', 'or'), fc.array(t('r'), { maxLength: 3 }), fc.boolean()).map(([kind, of, swapped]) => (swapped ? { of, kind } : { kind, of }) as Residual),
    fc.tuple(t('r'), fc.boolean()).map(([of, swapped]) => (swapped ? { of, kind: 'not' } : { kind: 'not', of }) as Residual),
  ),
})).r;
const copy = (r: Residual): Residual => JSON.parse(JSON.stringify(r)) as Residual;

describe('ResidualIds (the JSON renderer looks a condition up by number, issue 13)', () => {
  it('gives two residuals the same number exactly when their JSON texts are equal', () => {
    fc.assert(
      fc.property(tree, tree, (a, b) => {
        const ids = new ResidualIds();
        expect(ids.of(a) === ids.of(b)).toBe(JSON.stringify(a) === JSON.stringify(b));
        // A copy (new objects, same text) gets the same number; asking again changes nothing.
        expect(ids.of(copy(a))).toBe(ids.of(a));
        expect(ids.of(b)).toBe(ids.of(copy(b)));
      }),
      { numRuns: 500 },
    );
  });

  it('keeps apart residuals of the same parts in another order or with the keys in another order', () => {
    const ids = new ResidualIds();
    const x: Residual = { kind: 'resource-group', resourceGroup: 'rg-1' };
    const y: Residual = { kind: 'true' };
    expect(ids.of({ kind: 'and', of: [x, y] })).not.toBe(ids.of({ kind: 'and', of: [y, x] }));
    expect(ids.of({ kind: 'and', of: [x, y] })).not.toBe(ids.of({ kind: 'or', of: [x, y] }));
    expect(ids.of({ kind: 'not', of: x })).not.toBe(ids.of({ of: x, kind: 'not' } as Residual));
    expect(ids.of({ kind: 'and', of: [x] })).not.toBe(ids.of(x));
    expect(ids.of({ kind: 'and', of: [x, y] })).toBe(ids.of({ kind: 'and', of: [copy(x), copy(y)] }));
  });
});
