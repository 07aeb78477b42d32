/**
 * The boolean algebra of src/eval/layers.ts: the layers' combination is written once over an
 * algebra, and `booleanAlgebra` is the plain-boolean one. Its n-ary `and` / `or` are what a group
 * evaluator built with `algebraGroups` uses for "any applying Allow" and "any applying Deny".
 */
import { describe, expect, it } from 'vitest';
import type { CompiledStatement } from '../../src/eval/compile.js';
import { algebraGroups, booleanAlgebra, type LayerPlan } from '../../src/eval/layers.js';

describe('booleanAlgebra', () => {
  it('and holds when every part holds (and of none holds)', () => {
    expect(booleanAlgebra.and([])).toBe(true);
    expect(booleanAlgebra.and([true, true])).toBe(true);
    expect(booleanAlgebra.and([true, false, true])).toBe(false);
  });

  it('or holds when some part holds (or of none does not)', () => {
    expect(booleanAlgebra.or([])).toBe(false);
    expect(booleanAlgebra.or([false, false])).toBe(false);
    expect(booleanAlgebra.or([false, true, false])).toBe(true);
  });

  it('gives a group Allow when any Allow applies and Deny when any Deny applies', () => {
    // Given a group of two Allows and one Deny, and which of them apply
    const allowA = { deny: false } as CompiledStatement;
    const allowB = { deny: false } as CompiledStatement;
    const denyC = { deny: true } as CompiledStatement;
    const group = { statements: [allowA, allowB, denyC] } as unknown as LayerPlan;
    const evaluate = (applying: CompiledStatement[]) => algebraGroups(booleanAlgebra, (s) => applying.includes(s))(group);
    // Then
    expect(evaluate([])).toEqual({ allow: false, deny: false });
    expect(evaluate([allowB])).toEqual({ allow: true, deny: false });
    expect(evaluate([denyC])).toEqual({ allow: false, deny: true });
    expect(evaluate([allowA, denyC])).toEqual({ allow: true, deny: true });
  });
});
