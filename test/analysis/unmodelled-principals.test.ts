/**
 * Service and Federated trust principals compared as written (N12), called directly: which
 * statements count as the same (effect, actions in any case and order, those principals in any
 * order, conditions with keys in any case and values in any order), which differences are reported,
 * and what the diagnostic says — the side, the names, the statement's path (issue 17).
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisPolicy } from '../../src/analysis/model.js';
import { unmodelledPrincipalProblems } from '../../src/analysis/unmodelled-principals.js';
import { parsePolicy } from '../../src/index.js';

function trust(name: string, statements: object[]): AnalysisPolicy {
  const { policy, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind: 'trust' });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { name, document: policy! };
}

const ecs = (over: object = {}) => ({ Effect: 'Allow', Principal: { Service: ['ecs.aliyuncs.com'] }, Action: 'sts:AssumeRole', ...over });
const TAIL = 'in statements the other policy does not have as written; ramguard\'s evaluator has no service or federated callers (M7), so what they gain cannot be witnessed';

describe('service and federated principals, compared as written', () => {
  it('find nothing when each NEW Allow naming one is in OLD, whatever the order and case of what it lists', () => {
    const old = trust('old', [
      { Effect: 'Allow', Principal: { Service: ['fc.aliyuncs.com', 'ecs.aliyuncs.com', 'ecs.aliyuncs.com'], Federated: ['acs:ram::1:saml-provider/b', 'acs:ram::1:saml-provider/a'] }, Action: ['sts:AssumeRole'], Condition: { StringEquals: { 'acs:SourceVpc': ['vpc-2', 'vpc-1'] }, Bool: { 'acs:SecureTransport': 'true' } } },
    ]);
    const next = trust('new', [
      { Effect: 'Allow', Principal: { Service: ['ecs.aliyuncs.com', 'fc.aliyuncs.com'], Federated: ['acs:ram::1:saml-provider/a', 'acs:ram::1:saml-provider/b'] }, Action: 'sts:assumeROLE', Condition: { Bool: { 'ACS:SecureTransport': 'true' }, StringEquals: { 'acs:sourcevpc': ['vpc-1', 'vpc-2'] } } },
      { Effect: 'Allow', Principal: { RAM: ['acs:ram::1:root'] }, Action: 'sts:AssumeRole' },
    ]);
    expect(unmodelledPrincipalProblems(next, old)).toEqual([]);
    // a statement naming neither kind is never reported, even with nothing to compare with
    expect(unmodelledPrincipalProblems(trust('ram-only', [{ Effect: 'Allow', Principal: { RAM: ['acs:ram::1:root'] }, Action: 'sts:AssumeRole' }]), undefined)).toEqual([]);
  });

  it('report a NEW Allow that OLD does not have, naming the trusting policy, the principals and the statement', () => {
    const old = trust('old', [ecs()]);
    const next = trust('new', [{ Effect: 'Allow', Principal: { RAM: ['acs:ram::1:root'] }, Action: 'sts:AssumeRole' }, ecs({ Principal: { Service: ['ecs.aliyuncs.com'], Federated: ['acs:ram::1:saml-provider/idp'] } })]);
    expect(unmodelledPrincipalProblems(next, old)).toEqual([
      {
        code: 'analysis-unmodelled-principal',
        severity: 'error',
        message: `\`new\` trusts \`ecs.aliyuncs.com\`, \`acs:ram::1:saml-provider/idp\` ${TAIL}`,
        path: '/Statement/1',
        help: 'review the Service and Federated principals by hand; the verdict covers RAM users, role sessions and account roots only',
      },
    ]);
  });

  it('report an OLD Deny that NEW lost, naming the denying policy', () => {
    const old = trust('old', [ecs(), ecs({ Effect: 'Deny', Principal: { Service: ['fc.aliyuncs.com'] } })]);
    const next = trust('new', [ecs()]);
    const [problem, ...rest] = unmodelledPrincipalProblems(next, old);
    expect(rest).toEqual([]);
    expect(problem!.message).toBe(`\`old\` denies \`fc.aliyuncs.com\` ${TAIL}`);
    expect(problem!.path).toBe('/Statement/1');
    // the same Deny kept in NEW, and a Deny added, report nothing
    expect(unmodelledPrincipalProblems(trust('new', [ecs(), ecs({ Effect: 'Deny', Principal: { Service: ['fc.aliyuncs.com'] } })]), old)).toEqual([]);
  });

  it('tell statements apart by effect, condition operator, key or values, and principals', () => {
    const old = trust('old', [ecs({ Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' } } })]);
    for (const changed of [
      ecs({ Effect: 'Deny' }),
      ecs({ Condition: { StringLike: { 'acs:SourceVpc': 'vpc-1' } } }),
      ecs({ Condition: { StringEquals: { 'acs:SourceVpcId': 'vpc-1' } } }),
      ecs({ Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-2' } } }),
      ecs({ Principal: { Service: ['ecs.aliyuncs.com'], Federated: ['acs:ram::1:saml-provider/a'] }, Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' } } }),
    ]) {
      const problems = unmodelledPrincipalProblems(trust('new', [ecs({ Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' } } }), changed]), old);
      const isAllow = (changed as { Effect: string }).Effect === 'Allow';
      expect(problems.map((p) => p.message.split(' ').slice(0, 2).join(' '))).toEqual(isAllow ? ['`new` trusts'] : []);
    }
  });

  it('report every Allow naming one when there is no OLD policy, and a NEW Allow before a lost Deny', () => {
    const [alone] = unmodelledPrincipalProblems(trust('new', [ecs(), ecs({ Principal: { Federated: ['acs:ram::1:oidc-provider/gh'] } })]), undefined);
    expect(alone!.message).toBe(`\`new\` trusts \`ecs.aliyuncs.com\`, \`acs:ram::1:oidc-provider/gh\` ${TAIL}`);
    expect(alone!.path).toBe('/Statement/0');
    const old = trust('old', [ecs({ Effect: 'Deny', Principal: { Service: ['fc.aliyuncs.com'] } })]);
    const [both] = unmodelledPrincipalProblems(trust('new', [ecs()]), old);
    expect(both!.message).toBe(`\`new\` trusts \`ecs.aliyuncs.com\`, \`fc.aliyuncs.com\` ${TAIL}`);
  });
});
