/**
 * Two cases issue 17's round 4 found killable and left unwritten: a trust pair whose sides differ
 * in their effects lists no resource (a trust statement has none), and a key tested as a string and
 * as two typed families is not called inexact — its values are read, not sampled as spellings.
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisPolicy } from '../../src/analysis/access-check.js';
import { diffPolicies } from '../../src/analysis/diff.js';
import { buildModel } from '../../src/analysis/model.js';
import type { Catalog } from '../../src/catalog/types.js';
// From its module, not src/index.js: each mutant's run imports its covering test files afresh, and
// the whole library adds 0.5-1 s to every run (docs/testing.md, round 5)
import { parsePolicy } from '../../src/policy/parse-policy.js';
import type { PolicyKind } from '../../src/policy/types.js';

const EMPTY: Catalog = { services: new Map(), actions: new Map(), conditionKeys: [], systemPolicies: new Map() };

function policy(name: string, Statement: object[], kind: PolicyKind = 'identity'): AnalysisPolicy {
  const { policy: document, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement }), { kind });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { name, document: document! };
}

describe('diff of two trust policies', () => {
  it('lists no resource when a Deny is written on one side only: trust statements have none', () => {
    const alice = { Effect: 'Allow', Principal: { RAM: ['acs:ram::1:user/alice'] }, Action: 'sts:AssumeRole' };
    const denyBob = { Effect: 'Deny', Principal: { RAM: ['acs:ram::1:user/bob'] }, Action: 'sts:AssumeRole' };
    const diff = diffPolicies(policy('before', [alice], 'trust'), policy('after', [alice, denyBob], 'trust'), { catalog: EMPTY });
    expect(diff.resources).toEqual([]);
    expect(diff.principals).toEqual([{ change: 'added', effect: 'Deny', text: 'RAM acs:ram::1:user/bob' }]);
  });
});

describe('a key tested as a string and as typed values', () => {
  const model = (condition: object) => buildModel({ granted: policy('p', [{ Effect: 'Allow', Action: 'ecs:*', Resource: '*', Condition: condition }]), alwaysPresentKeys: new Set(), singleValuedKeys: false });

  it('is inexact beside one typed family: its spellings are sampled', () => {
    expect(model({ StringEquals: { 'ecs:x': '5' }, NumericLessThan: { 'ecs:x': '7' } }).inexactKeys).toEqual(['ecs:x']);
  });

  it('is not called inexact beside two typed families (a number and a date)', () => {
    expect(model({ StringEquals: { 'ecs:x': '5' }, NumericLessThan: { 'ecs:x': '7' }, DateLessThan: { 'ecs:x': '2020-01-01T00:00:00Z' } }).inexactKeys).toEqual([]);
  });
});
