/** Residuals and traces read plainly: twin operators for negations, absorption, no tick on a failed clause. */
import { describe, expect, it } from 'vitest';
import type { ConditionTrace, EvaluationResult, Residual, StatementRef } from '../../src/decision/types.js';
import type { ConditionOperator } from '../../src/conditions/operator-name.js';
import { plainResidual, renderResidual } from '../../src/explain/residual-text.js';
import { renderEvaluationText } from '../../src/explain/text.js';

const from = (statement: number): StatementRef => ({ layer: 'identity', policy: 'p', statement, effect: 'Allow' });
const cond = (operator: ConditionOperator, key: string, values: string[], statement = 0): Residual => ({ kind: 'condition', operator, key, values, from: from(statement) });
const not = (of: Residual): Residual => ({ kind: 'not', of });
const and = (...of: Residual[]): Residual => ({ kind: 'and', of });
const or = (...of: Residual[]): Residual => ({ kind: 'or', of });

const OUTSIDE = cond('NotIpAddress', 'acs:SourceIp', ['10.0.0.0/8']);
const MFA = cond('Bool', 'acs:MFAPresent', ['true'], 1);
const TLS = cond('Bool', 'acs:SecureTransport', ['true'], 2);

describe('plainResidual', () => {
  it.each<[string, Residual, string]>([
    ['a negated twin operator is written as its positive twin', not(OUTSIDE), '`acs:SourceIp` IpAddress `10.0.0.0/8`'],
    ['and the other way round, with several values', not(cond('StringEquals', 'acs:PrincipalARN', ['a', 'b'])), '`acs:PrincipalARN` StringNotEquals one of `a`, `b`'],
    ['an operator without an exact twin keeps its `not`', not(cond('NumericLessThan', 'k', ['5'])), 'not (`k` NumericLessThan `5`)'],
    ['a negated resource group reads as a sentence', not({ kind: 'resource-group', resourceGroup: 'rg-1' }), 'the resource is not in resource group `rg-1`'],
    ['negations go down through and/or (De Morgan)', not(and(MFA, OUTSIDE)), 'not (`acs:MFAPresent` Bool `true`) or `acs:SourceIp` IpAddress `10.0.0.0/8`'],
    ['`A or (not A and B)` is `A or B`', or(MFA, and(not(MFA), TLS)), '`acs:MFAPresent` Bool `true` or `acs:SecureTransport` Bool `true`'],
    ['`A or (A and B)` is `A`', or(MFA, and(MFA, TLS)), '`acs:MFAPresent` Bool `true`'],
    ['`A and (not A or B)` is `A and B`', and(MFA, or(not(MFA), TLS)), '`acs:MFAPresent` Bool `true` and `acs:SecureTransport` Bool `true`'],
    ['the same clause from two statements is one fact', or(MFA, and(not({ ...MFA, from: from(7) } as Residual), TLS)), '`acs:MFAPresent` Bool `true` or `acs:SecureTransport` Bool `true`'],
    ['a duplicate is said once', and(MFA, MFA, TLS), '`acs:MFAPresent` Bool `true` and `acs:SecureTransport` Bool `true`'],
    ['nested junctions keep their parentheses', and(MFA, or(TLS, OUTSIDE)), '`acs:MFAPresent` Bool `true` and (`acs:SecureTransport` Bool `true` or `acs:SourceIp` NotIpAddress `10.0.0.0/8`)'],
    ['`A or B or (not A and not B)` is always', or(MFA, TLS, and(not(MFA), not(TLS))), 'always'],
  ])('%s', (_, residual, text) => {
    expect(plainResidual(residual)).toBe(text);
  });

  it('leaves renderResidual (the formula as built) unchanged', () => {
    expect(renderResidual(not(OUTSIDE))).toBe('not (`acs:SourceIp` NotIpAddress `10.0.0.0/8`)');
  });
});

describe('condition lines of the trace', () => {
  const trace = (c: ConditionTrace): string => {
    const result = {
      decision: 'ImplicitDeny',
      decidingStatements: [],
      statements: [{ ...from(0), action: { result: 'match', matchedBy: 'cams:*', notAction: false }, conditions: [c], result: c.result }],
      possibleDenies: [],
      unknownKeys: [],
      notes: [],
      diagnostics: [],
    } as unknown as EvaluationResult;
    return renderEvaluationText(result, { principal: { type: 'RamUser' }, action: 'cams:UpdateInstance', resource: 'r', context: {}, absent: [] }).split('\n').at(-1)!;
  };

  it('a negated clause whose value the request matches: ✗, "does not hold", and which value matched — no tick', () => {
    const line = trace({ operator: 'NotIpAddress', key: 'acs:SourceIp', requestValues: ['10.1.2.3'], values: [{ value: '10.0.0.0/8', result: 'match' }], result: 'no-match' } as ConditionTrace);
    expect(line).toBe('      ✗ `acs:SourceIp` NotIpAddress `10.0.0.0/8`: does not hold (request: `10.1.2.3`; it matches `10.0.0.0/8`)');
    expect(line).not.toContain('no-match');
  });

  it('a clause that holds and one left unknown', () => {
    expect(trace({ operator: 'StringEquals', key: 'k', requestValues: ['a'], values: [{ value: 'a', result: 'match' }, { value: 'b', result: 'no-match' }], result: 'match' } as ConditionTrace)).toBe('      ✓ `k` StringEquals `a`, `b`: holds (request: `a`; it matches `a`)');
    expect(trace({ operator: 'Bool', key: 'k', requestValues: 'unknown', values: [{ value: 'true', result: 'unknown' }], result: 'unknown' } as ConditionTrace)).toBe('      ? `k` Bool `true`: unknown (request: unknown)');
  });
});
