/**
 * The three forms of one statement (issue 17) called on their own, as the audit calls them: on a
 * statement that was not picked by the action index, the fast and formula forms still check the
 * Action; a clause known false makes the formula FALSE whatever else is unknown; the trace says
 * `no-match` for a trust statement whose Principal does not match, and `match` for a statement
 * whose clause matched.
 */
import { describe, expect, it } from 'vitest';
import { statementApplies, statementFormula, traceStatement } from '../../src/eval/statement.js';
import { compilePolicySet, emptyPolicySet, parsePolicy, prepareRequest, type PolicyKind } from '../../src/index.js';

function statementOf(statement: object, kind: PolicyKind = 'identity') {
  const { policy } = parsePolicy(JSON.stringify({ Version: '1', Statement: [statement] }), { kind });
  const set = emptyPolicySet();
  if (kind === 'trust') set.resource.push({ name: 'trust', document: policy! });
  else set.identity.push({ name: 'p', document: policy! });
  return compilePolicySet(set).all[0]!;
}

const request = (action: string, context: Record<string, string> = {}, arn = 'acs:ram::1:user/alice') =>
  prepareRequest({ principal: { type: 'RamUser', arn }, action, resource: 'acs:cams:r:1:instance/i', context });

describe('a statement taken out of the action index', () => {
  const updates = statementOf({ Effect: 'Allow', Action: 'cams:Update*', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' } } });

  it('does not apply to another action, in the fast form and as a formula', () => {
    expect(statementApplies(updates, request('cams:DeleteInstance', { 'acs:SourceVpc': 'vpc-1' }), [])).toBe(0);
    expect(statementFormula(updates, request('cams:DeleteInstance'), [])).toEqual({ kind: 'false' });
  });

  it('applies to its action: 1 when known, a formula over the unknown clause otherwise', () => {
    expect(statementApplies(updates, request('cams:UpdateInstance', { 'acs:SourceVpc': 'vpc-1' }), [])).toBe(1);
    expect(statementApplies(updates, request('cams:UpdateInstance'), [])).toBe(2);
    expect(statementFormula(updates, request('cams:UpdateInstance', { 'acs:SourceVpc': 'vpc-1' }), [])).toEqual({ kind: 'true' });
    expect(statementFormula(updates, request('cams:UpdateInstance'), [])).toMatchObject({ kind: 'condition', operator: 'StringEquals', key: 'acs:SourceVpc', values: ['vpc-1'] });
  });

  it('is FALSE as a formula when one clause is known false, whatever the others are', () => {
    const two = statementOf({ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' }, StringLike: { 'cams:Tag': 'a*' } } });
    expect(statementFormula(two, request('cams:UpdateInstance', { 'acs:SourceVpc': 'vpc-2' }), [])).toEqual({ kind: 'false' });
    expect(statementFormula(two, request('cams:UpdateInstance', { 'cams:Tag': 'b' }), [])).toEqual({ kind: 'false' });
    expect(statementApplies(two, request('cams:UpdateInstance', { 'cams:Tag': 'b' }), [])).toBe(0);
  });
});

describe('the trace of one statement', () => {
  it('says no-match, and names nothing, when a trust statement does not trust the caller', () => {
    const trust = statementOf({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1:user/bob'] } }, 'trust');
    const denied = traceStatement(trust, request('sts:AssumeRole'), []);
    expect(denied.principal).toEqual({ result: 'no-match', matchedBy: undefined });
    expect(denied.result).toBe('no-match');
    const allowed = traceStatement(trust, request('sts:AssumeRole', {}, 'acs:ram::1:user/bob'), []);
    expect(allowed.principal).toEqual({ result: 'match', matchedBy: 'acs:ram::1:user/bob' });
    expect(allowed.result).toBe('match');
  });

  it('says match when every clause matched, unknown when one is unknown', () => {
    const s = statementOf({ Effect: 'Allow', Action: 'cams:*', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' } } });
    expect(traceStatement(s, request('cams:UpdateInstance', { 'acs:SourceVpc': 'vpc-1' }), []).result).toBe('match');
    expect(traceStatement(s, request('cams:UpdateInstance'), []).result).toBe('unknown');
    expect(traceStatement(s, request('cams:UpdateInstance', { 'acs:SourceVpc': 'vpc-2' }), []).result).toBe('no-match');
  });
});
