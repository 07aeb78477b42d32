/**
 * One hidden class per kind of object on the hot path (issue 15): every statement reference and
 * every trace entry has every field, in one order, whatever its layer — and JSON output, which
 * drops undefined fields, is what it always was.
 */
import { describe, expect, it } from 'vitest';
import { compilePolicySet, emptyPolicySet, evaluate, parsePolicy, type PolicyKind, type PolicySet } from '../../src/index.js';

function policy(kind: PolicyKind, statements: object[]) {
  const { policy, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind });
  expect(diagnostics).toEqual([]);
  return policy!;
}

/** A set with a statement in every layer, with and without a Sid. */
function everyLayer(): PolicySet {
  const allow = (sid?: string) => ({ ...(sid ? { Sid: sid } : {}), Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' });
  const set = emptyPolicySet();
  set.control = [[{ name: 'root-folder', document: policy('control', [allow('C')]) }], [{ name: 'level-1', document: policy('control', [allow()]) }]];
  set.session = { name: 'session', document: policy('identity', [allow()]) };
  set.identity = [{ name: 'id', document: policy('identity', [allow('I'), allow()]) }];
  set.resourceGroup = [{ name: 'rg', resourceGroup: 'rg-1', document: policy('identity', [allow()]) }];
  set.resource = [{ name: 'trust', document: policy('trust', [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1:root'] } }]) }];
  return set;
}

const request = { principal: { type: 'RamUser' as const, arn: 'acs:ram::1:user/alice' }, action: 'sts:AssumeRole', resource: 'acs:ram::1:role/r' };

describe('one shape per kind', () => {
  it('gives every statement reference the same fields in the same order, whatever its layer', () => {
    // Given statements in every layer, some with a Sid
    const compiled = compilePolicySet(everyLayer());
    // When their references' own keys are listed
    const keys = new Set(compiled.all.map((s) => Object.keys(s.ref).join(',')));
    // Then there is one list: every field present, undefined where absent
    expect([...keys]).toEqual(['layer,level,resourceGroup,policy,statement,effect,sid']);
    expect(new Set(compiled.all.map((s) => Object.keys(s).join(','))).size).toBe(1);
  });

  it('gives every trace entry the same fields in the same order', () => {
    // Given the same set, When a request is traced
    const result = evaluate(compilePolicySet(everyLayer()), request);
    // Then every entry has one list of keys
    expect(result.statements).toHaveLength(7);
    expect(new Set(result.statements.map((t) => Object.keys(t).join(','))).size).toBe(1);
  });

  it('writes references and trace entries in JSON with only their defined fields, in the order they always had', () => {
    // Given the same set and request
    const result = evaluate(compilePolicySet(everyLayer()), request);
    // When the result is written as JSON
    const json = JSON.parse(JSON.stringify(result)) as { decidingStatements: object[]; statements: object[] };
    // Then a deciding control statement reads layer, level, policy, statement, effect, sid
    expect(Object.keys(json.decidingStatements[0]!)).toEqual(['layer', 'level', 'policy', 'statement', 'effect', 'sid']);
    // And a trace entry: the reference's fields first (level after effect), then action, conditions, result, resource
    expect(Object.keys(json.statements[0]!)).toEqual(['layer', 'policy', 'statement', 'effect', 'level', 'sid', 'action', 'conditions', 'result', 'resource']);
    expect(Object.keys(json.statements[4]!)).toEqual(['layer', 'policy', 'statement', 'effect', 'action', 'conditions', 'result', 'resource']);
    expect(Object.keys(json.statements[6]!)).toEqual(['layer', 'policy', 'statement', 'effect', 'action', 'conditions', 'result', 'principal']);
    expect(json.statements[6]).toMatchObject({ action: { result: 'match', notAction: false, matchedBy: 'sts:AssumeRole' } });
  });
});
