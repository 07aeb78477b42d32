/** Policy sets for the benchmark: one statement, a typical set of 10, a large set of 30 × 20. */
import { compilePolicySet, emptyPolicySet, parsePolicy, type AuthorizationRequest, type CompiledPolicySet, type PolicySet } from '../src/index.js';

const ACCOUNT = '1234567890123456';

function policy(name: string, statements: object[]) {
  const parsed = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind: 'identity' });
  if (!parsed.policy) throw new Error(`bench policy ${name} is invalid: ${JSON.stringify(parsed.diagnostics)}`);
  return { name, document: parsed.policy };
}

function compile(identity: ReturnType<typeof policy>[]): CompiledPolicySet {
  const set: PolicySet = emptyPolicySet();
  set.identity = identity;
  return compilePolicySet(set);
}

/** One Allow statement. */
export function oneStatement(): CompiledPolicySet {
  return compile([policy('one', [{ Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: '*' }])]);
}

/** Ten statements with wildcards and conditions, the last of them the one that allows. */
export function typicalStatements(seed: number): object[] {
  return [
    { Effect: 'Allow', Action: ['cams:Get*', 'cams:List*'], Resource: '*' },
    { Effect: 'Allow', Action: 'cams:Query*', Resource: `acs:cams:*:${ACCOUNT}:instance/*` },
    { Effect: 'Deny', Action: 'cams:Delete*', Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'false' } } },
    { Effect: 'Deny', Action: 'ram:*', Resource: '*' },
    { Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*', Condition: { StringLike: { 'acs:SourceVpc': 'vpc-*' } } },
    { Effect: 'Allow', Action: 'cams:Send*', Resource: '*', Condition: { DateLessThan: { 'acs:CurrentTime': '2027-01-01T00:00:00Z' } } },
    { Effect: 'Deny', Action: 'cams:*', Resource: `acs:cams:*:${ACCOUNT}:instance/frozen-${seed}-*` },
    { Effect: 'Allow', Action: 'oss:Get*', Resource: 'acs:oss:*:*:bucket/logs-*' },
    { Effect: 'Deny', Action: 'cams:UpdateInstance', Resource: '*', Condition: { NotIpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } } },
    {
      Effect: 'Allow',
      Action: ['cams:Update*', 'cams:Modify*'],
      Resource: `acs:cams:ap-southeast-1:${ACCOUNT}:instance/*`,
      Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' }, Bool: { 'acs:SecureTransport': 'true' } },
    },
  ];
}

/** The typical set of 10 statements as one policy. */
export function typicalSet(): CompiledPolicySet {
  return compile([policy('typical', typicalStatements(0))]);
}

/** 30 policies × 20 statements = 600 statements, over several services. */
export function largeSet(): CompiledPolicySet {
  return setOfPolicies(30);
}

/** `count` policies of 20 statements each (the large set's policies, more of them). */
export function setOfPolicies(count: number): CompiledPolicySet {
  return compile(policyTexts(count).map((text, i) => policy(`p${i}`, JSON.parse(text).Statement)));
}

/** The texts of `count` policies of 20 statements each, as `setOfPolicies` compiles them. */
export function policyTexts(count: number): string[] {
  return Array.from({ length: count }, (_, i) => JSON.stringify({ Version: '1', Statement: [...typicalStatements(i), ...typicalStatements(i + 100)] }));
}

/**
 * `count` policies of 20 statements each where no two statements are alike: each statement of the
 * large set also names a resource of its own that matches nothing, so no evaluation may share a
 * statement's result with another (the decisions are the large set's).
 */
export function distinctSet(count: number): CompiledPolicySet {
  const policies = Array.from({ length: count }, (_, p) =>
    policy(
      `d${p}`,
      [...typicalStatements(p), ...typicalStatements(p + 100)].map((s, i) => ({ ...s, Resource: [(s as { Resource: string }).Resource, `acs:bench:*:*:never-${p}-${i}`] })),
    ),
  );
  return compile(policies);
}

/** The one-statement policy as text, for measuring a set compiled per call. */
export const ONE_STATEMENT_TEXT = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: '*' }] });

/** Parses and compiles policy texts into a set of identity policies (what a caller without a compiled set pays). */
export function compileText(...texts: string[]): CompiledPolicySet {
  return compile(
    texts.map((text, i) => {
      const parsed = parsePolicy(text, { kind: 'identity' });
      if (!parsed.policy) throw new Error('bench policy text is invalid');
      return { name: `text${i}`, document: parsed.policy };
    }),
  );
}

/** The request every set is asked about: fully known context, allowed by the typical set. */
export function updateRequest(): AuthorizationRequest {
  return {
    principal: { type: 'RamUser', arn: `acs:ram::${ACCOUNT}:user/alice` },
    action: 'cams:UpdateInstance',
    resource: `acs:cams:ap-southeast-1:${ACCOUNT}:instance/ins-42`,
    context: { 'acs:SourceIp': '10.1.2.3', 'acs:SecureTransport': 'true', 'acs:CurrentTime': '2026-11-28T10:00:00Z', 'acs:SourceVpc': 'vpc-1' },
    absent: ['acs:MFAPresent'],
  };
}
