/**
 * The distinct unknowns of a formula (E10, issue 17): `atomsOf` walks and, or and not, keeps one
 * atom per fact — the same clause of the same statement once, whatever the key's case — and keeps
 * apart what differs in layer, control level, resource group, policy, statement or operator.
 */
import { describe, expect, it } from 'vitest';
import type { Residual, StatementRef } from '../../src/decision/types.js';
import { and, atomsOf, FALSE, isConstant, not, or, TRUE } from '../../src/eval/residual.js';

const ref = (over: Partial<StatementRef> = {}): StatementRef => ({ layer: 'control', level: 0, policy: 'guard', statement: 0, effect: 'Allow', ...over });
const clause = (from: StatementRef, key = 'acs:SourceVpc', operator: 'StringEquals' | 'StringLike' = 'StringEquals'): Residual => ({ kind: 'condition', operator, key, values: ['vpc-1'], from });
const group = (resourceGroup: string): Residual => ({ kind: 'resource-group', resourceGroup });

describe('atomsOf', () => {
  it('finds the atoms under and, or and not, each once', () => {
    const a = clause(ref());
    const b = clause(ref({ statement: 1 }));
    const formula = or([and([a, not(b)]), and([not(a), group('rg-1')]), b]);
    expect(atomsOf(formula)).toEqual([a, b, group('rg-1')]);
    expect(atomsOf(TRUE)).toEqual([]);
    expect(atomsOf(FALSE)).toEqual([]);
  });

  it('reads the same clause with the key in another case as the same atom', () => {
    const a = clause(ref(), 'acs:SourceVpc');
    const atoms = atomsOf(and([a, clause(ref(), 'ACS:SOURCEVPC')]));
    expect(atoms).toHaveLength(1);
    expect((atoms[0] as { key: string }).key.toLowerCase()).toBe('acs:sourcevpc');
    expect(isConstant(or([a, not(clause(ref(), 'ACS:SOURCEVPC'))]))).toBe(true);
  });

  it.each([
    ['control level', ref({ level: 1 })],
    ['no control level', ref({ level: undefined })],
    ['layer', ref({ layer: 'identity', level: undefined })],
    ['resource group', ref({ layer: 'resource-group', level: undefined, resourceGroup: 'rg-1' })],
    ['policy', ref({ policy: 'other' })],
    ['statement', ref({ statement: 2 })],
  ])('keeps apart two clauses that differ in %s', (_, other) => {
    const a = clause(ref());
    const b = clause(other);
    expect(atomsOf(and([a, b]))).toHaveLength(2);
    expect(isConstant(or([a, not(b)]))).toBeUndefined();
  });

  it('keeps apart two operators on one key, and two resource groups', () => {
    expect(atomsOf(and([clause(ref()), clause(ref(), 'acs:SourceVpc', 'StringLike')]))).toHaveLength(2);
    expect(atomsOf(or([group('rg-1'), group('rg-2'), not(group('rg-1'))]))).toEqual([group('rg-1'), group('rg-2')]);
    expect(isConstant(or([group('rg-1'), not(group('rg-1'))]))).toBe(true);
    expect(isConstant(and([group('rg-1'), not(group('rg-1'))]))).toBe(false);
  });
});
