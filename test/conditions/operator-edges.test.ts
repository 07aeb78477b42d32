/**
 * Edges of the operator table (issue 17): the unsupported-operator reasons match whole prefixes
 * only, an ordered operator refuses a policy value it cannot read, and a StringLike pattern on a
 * typed key is met exactly up to the longest and from the shortest value of the type.
 */
import { describe, expect, it } from 'vitest';
import { operatorSpec, unsupportedOperatorReason } from '../../src/conditions/operators.js';
import { typedValueCanMeet } from '../../src/conditions/typed-strings.js';
import { TYPED_KEYS } from '../../src/request/prepare.js';

describe('unsupported operator reasons', () => {
  it('name a set operator qualifier only at the start of the name', () => {
    expect(unsupportedOperatorReason('ForAnyValue:StringEquals')).toBe('set operator qualifiers like `ForAnyValue:` are not supported by RAM');
    expect(unsupportedOperatorReason('forallvalues:StringLike')).toBe('set operator qualifiers like `forallvalues:` are not supported by RAM');
    expect(unsupportedOperatorReason('NotForAnyValue:StringEquals')).toBeUndefined();
  });
});

describe('ordered operators', () => {
  it('refuse a policy value they cannot read, and compare with the ones they can', () => {
    for (const name of ['NumericLessThan', 'NumericGreaterThanEquals', 'DateLessThan', 'DateGreaterThan']) {
      expect(operatorSpec(name)!.compileValue('soon'), name).toBeUndefined();
    }
    expect(operatorSpec('NumericLessThan')!.compileValue('5')!(4)).toBe(true);
    expect(operatorSpec('NumericLessThan')!.compileValue('5')!(5)).toBe(false);
  });

  it('match no bound when the request gives no value', () => {
    const values = operatorSpec('NumericLessThan')!.compileValues(['5', '7'])!;
    expect(values.matchedBy([])).toEqual([false, false]);
    expect(values.matchedBy([6])).toEqual([false, true]);
  });
});

describe('StringLike on a typed key (C11)', () => {
  const date = TYPED_KEYS['acs:currenttime']!;
  const like = (pattern: string) => typedValueCanMeet(operatorSpec('StringLike')!, pattern, date);

  it('is met by a pattern that needs as many characters as the longest date, not one more', () => {
    const longest = '2026-01-01T00:00:00.123456789+08:00';
    expect(longest).toHaveLength(35);
    expect(like(`${longest}*`)).toBe(true);
    expect(like(`${longest}?*`)).toBe(false);
  });

  it('is met by a pattern without `*` as long as the shortest date, not one shorter', () => {
    expect(like('2026-01-01T00:0?Z')).toBe(true);
    expect(like('2026-01-01T00:?Z')).toBe(false);
  });
});
