/**
 * fast-check generators for the differential test: small random universes of raw RAM policy
 * documents (valid under docs/semantics.md) and requests whose context keys are each given,
 * declared absent, or unknown. The universe is kept tiny on purpose, so that random patterns,
 * values and requests collide often enough for matches, misses and unknowns all to be common.
 */
import fc from 'fast-check';
import type { AuthorizationRequest, PrincipalType } from '../../src/request/types.js';
import type { RawNamedPolicy, RawPolicies } from '../reference/naive-evaluator.js';

/** One generated case: the layers of policies and the request, as a scenario would hold them. */
export interface DifferentialCase {
  policies: RawPolicies;
  request: AuthorizationRequest;
}

const ACTIONS = ['cams:UpdateInstance', 'cams:QueryInstance', 'cams:DeleteInstance', 'sts:AssumeRole', 'ram:ListUsers'];
const RESOURCES = [
  'acs:cams:ap-southeast-1:111:instance/ins-1',
  'acs:cams:ap-southeast-1:111:instance/ins-2',
  'acs:cams:cn-hangzhou:222:instance/ins-1',
  'acs:ram::111:role/deployer',
  'acs:ram::111:user/alice',
];
const TRUST_PRINCIPALS = [
  'acs:ram::111:root',
  'acs:ram::222:root',
  'acs:ram::111:user/alice',
  'acs:ram::111:user/*',
  'acs:ram::*:user/bob',
  'acs:ram::111:role/deployer',
  'acs:ram::222:role/ops',
  'acs:sts::111:assumed-role/deployer/*',
];

const STRING_OPERATORS = ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'];

/**
 * The condition keys of the universe: their operators, policy values and request values. A typed
 * key may also be tested by string operators, with `strings` as policy values: some of them no
 * value of the key's type can meet (C11), some it can.
 */
const KEYS: { key: string; operators: string[]; policy: string[]; request: string[]; single?: boolean; strings?: string[] }[] = [
  {
    key: 'acs:SourceIp',
    operators: ['IpAddress', 'NotIpAddress'],
    policy: ['10.0.0.0/8', '10.1.0.0/16', '192.168.1.0/24', '10.1.2.3', '0.0.0.0/0', '192.168.1.7/32'],
    request: ['10.1.2.3', '10.2.0.1', '192.168.1.7', '8.8.8.8'],
    strings: ['10.1.2.3', '10.*', '10.1.2.?', '*.7', 'ten', '10.0.0.0/8', '*/8', '?'],
  },
  {
    key: 'acs:CurrentTime',
    operators: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'],
    policy: ['2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z', '2026-06-01T08:00:00+08:00', '2026-12-31T23:59:59-01:00'],
    request: ['2025-12-31T23:59:59Z', '2026-06-01T00:00:00Z', '2026-06-01T10:00:00+08:00', '2027-01-01T00:30:00Z'],
    strings: ['2026-06-01T00:00:00Z', '2026-06-01t00:00:00z', '2026-*', '*Z', 'yesterday', '*day*', '2026-06-01'],
  },
  { key: 'acs:SecureTransport', operators: ['Bool'], policy: ['true', 'false'], request: ['true', 'false', 'True', 'FALSE'], single: true, strings: ['true', 'TRUE', 'yes', 't*', 'y*', '?????'] },
  { key: 'acs:MFAPresent', operators: ['Bool'], policy: ['true', 'false'], request: ['true', 'false'], single: true },
  {
    key: 'acs:Foo',
    operators: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'],
    policy: ['-1', '0', '2.5', '10', '10.0'],
    request: ['-3', '0', '2.5', '10', '11'],
  },
  {
    key: 'acs:UserAgent',
    operators: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'],
    policy: ['curl/*', 'Curl/7.1', 'curl/7.1', 'aliyun-cli', '*cli?', 'a?iyun-*'],
    request: ['curl/7.1', 'CURL/7.1', 'aliyun-cli', 'aliyun-clix'],
  },
  {
    key: 'acs:PrincipalARN',
    operators: ['StringEquals', 'StringNotEquals', 'StringLike', 'StringNotLike', 'StringEqualsIgnoreCase'],
    policy: ['acs:ram::111:user/*', 'acs:ram::111:user/alice', 'ACS:RAM::111:USER/ALICE', 'acs:sts::*:assumed-role/deployer/*'],
    request: ['acs:ram::111:user/alice', 'acs:sts::111:assumed-role/deployer/s1', 'acs:ram::222:user/bob'],
  },
];

/** A key as written: M4 says spelling case must not matter, so vary it. */
const spelled = (key: string) => fc.constantFrom(key, key.toLowerCase(), key.toUpperCase());

/** A string or, sometimes, an array: a single string and a one-element array are equivalent. */
const stringOrArray = (item: fc.Arbitrary<string>, max = 2): fc.Arbitrary<string | string[]> =>
  fc.oneof(item, fc.array(item, { minLength: 1, maxLength: max }));

/** Replaces spans with `*`, characters with `?`, or flips case, never touching `keep` leading chars. */
function mutated(base: string, keep: number): fc.Arbitrary<string> {
  const edit = fc.record({ at: fc.nat(), len: fc.nat({ max: 6 }), kind: fc.constantFrom('*', '?', 'case') });
  return fc.array(edit, { maxLength: 2 }).map((edits) => {
    let s = base;
    for (const { at, len, kind } of edits) {
      if (s.length <= keep) break;
      const i = keep + (at % (s.length - keep));
      if (kind === '*') s = s.slice(0, i) + '*' + s.slice(i + len);
      else if (kind === '?') s = s.slice(0, i) + '?' + s.slice(i + 1);
      else s = s.slice(0, i) + (s[i] === s[i]?.toLowerCase() ? (s[i] ?? '').toUpperCase() : (s[i] ?? '').toLowerCase()) + s.slice(i + 1);
    }
    return s;
  });
}

/** The request's own action and resource, so that generated patterns hit it often enough. */
interface Target {
  action: string;
  resource: string;
}

/** S13: the service stays lower-case and literal; only the action name takes wildcards. */
const actionPattern = (t: Target) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant('*') },
    { weight: 1, arbitrary: fc.constantFrom('cams:*', 'sts:*', 'ram:*', 'cams:Query*', 'cams:*Instance') },
    { weight: 2, arbitrary: fc.constantFrom(...ACTIONS).chain((a) => mutated(a, a.indexOf(':') + 1)) },
    { weight: 3, arbitrary: mutated(canonicalAction(t.action), t.action.indexOf(':') + 1) },
  );

/** Resource patterns keep the `acs:` prefix so that no validator can call them malformed. */
const resourcePattern = (t: Target) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant('*') },
    { weight: 2, arbitrary: fc.constantFrom(...RESOURCES).chain((r) => mutated(r, 4)) },
    { weight: 3, arbitrary: mutated(t.resource, 4) },
  );

/** The universe's spelling of an action given in any case (policies keep the service lower-case). */
function canonicalAction(action: string): string {
  return ACTIONS.find((a) => a.toLowerCase() === action.toLowerCase()) ?? action;
}

const clause = fc.constantFrom(...KEYS).chain((k) =>
  fc.constantFrom(...k.operators, ...(k.strings ? STRING_OPERATORS : [])).chain((operator) => {
    const strings = STRING_OPERATORS.includes(operator) && k.strings ? k.strings : undefined;
    return fc.record({
      operator: fc.constant(operator),
      canonical: fc.constant(k.key.toLowerCase()),
      key: spelled(k.key),
      values: strings ? stringOrArray(fc.constantFrom(...strings)) : k.single ? fc.constantFrom(...k.policy) : stringOrArray(fc.constantFrom(...k.policy)),
    });
  }),
);

/** C1: a Condition object; one key appears at most once under each operator. */
const condition = fc
  .uniqueArray(clause, { minLength: 1, maxLength: 2, selector: (c) => `${c.operator}|${c.canonical}` })
  .map((clauses) => {
    const out: Record<string, Record<string, string | string[]>> = {};
    for (const c of clauses) (out[c.operator] ??= {})[c.key] = c.values;
    return out;
  });

const effect = fc.constantFrom('Allow', 'Allow', 'Allow', 'Deny');
const optionalCondition = fc.option(condition, { freq: 3, nil: undefined });

/** NotAction is rarer (a quarter of the time) because it matches almost everything. */
const permissionStatement = (t: Target) =>
  fc
    .record({
      Effect: effect,
      actions: stringOrArray(actionPattern(t)),
      not: fc.constantFrom(false, false, false, true),
      Resource: stringOrArray(resourcePattern(t)),
      Condition: optionalCondition,
    })
    .map(({ Effect, actions, not, Resource, Condition }) => ({
      Effect,
      ...(not ? { NotAction: actions } : { Action: actions }),
      Resource,
      ...(Condition ? { Condition } : {}),
    }));

const trustStatement = fc
  .record({
    Effect: effect,
    Action: fc.constantFrom<string | string[]>('sts:AssumeRole', ['sts:AssumeRole']),
    Principal: fc.oneof(
      { weight: 5, arbitrary: stringOrArray(fc.constantFrom(...TRUST_PRINCIPALS)).map((RAM) => ({ RAM })) },
      { weight: 1, arbitrary: fc.constant({ Service: 'ecs.aliyuncs.com' }) },
    ),
    Condition: optionalCondition,
  })
  .map(({ Condition, ...rest }) => ({ ...rest, ...(Condition ? { Condition } : {}) }));

const doc = (statement: fc.Arbitrary<object>) => fc.array(statement, { minLength: 1, maxLength: 2 }).map((Statement) => ({ Version: '1', Statement }));
const FULL_ACCESS = { Version: '1', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
/** Control levels lean on FullAliyunAccess (attached by default) so later layers get a say. */
const controlDoc = (t: Target) => fc.oneof({ weight: 2, arbitrary: fc.constant(FULL_ACCESS) }, { weight: 3, arbitrary: doc(permissionStatement(t)) });

const principal = fc
  .record({ type: fc.constantFrom<PrincipalType>('RamUser', 'RamUser', 'AssumedRole', 'AssumedRole', 'Root'), account: fc.constantFrom('111', '222'), name: fc.constantFrom('alice', 'bob', 'deployer', 'ops') })
  .map(({ type, account, name }) => ({
    type,
    arn: type === 'RamUser' ? `acs:ram::${account}:user/${name}` : type === 'AssumedRole' ? `acs:sts::${account}:assumed-role/${name}/s1` : `acs:ram::${account}:root`,
  }));

/** Each key of the universe is given (sometimes with two values), absent, or unknown. */
const context = fc.tuple(...KEYS.map((k) => fc.record({ state: fc.constantFrom('given', 'given', 'absent', 'unknown', 'unknown'), key: spelled(k.key), values: k.single ? fc.constantFrom(...k.request) : stringOrArray(fc.constantFrom(...k.request)) })));

const request: fc.Arbitrary<AuthorizationRequest> = fc
  .record({
    principal,
    action: fc.constantFrom(...ACTIONS).chain((a) => fc.constantFrom(a, a.toLowerCase(), a.toUpperCase())),
    resource: fc.constantFrom(...RESOURCES),
    resourceGroup: fc.constantFrom<string | undefined>('rg-a', 'rg-b', undefined),
    keys: context,
  })
  .map(({ keys, resourceGroup, ...rest }) => ({
    ...rest,
    ...(resourceGroup === undefined ? {} : { resourceGroup }),
    context: Object.fromEntries(keys.filter((k) => k.state === 'given').map((k) => [k.key, k.values])),
    absent: keys.filter((k) => k.state === 'absent').map((k) => k.key),
  }));

const named = (prefix: string, docs: object[]): RawNamedPolicy[] => docs.map((document, i) => ({ name: `${prefix}${i}`, document }));

/** A whole case: every layer, with unique policy names so deciding statements are unambiguous. */
export const differentialCase: fc.Arbitrary<DifferentialCase> = request.chain((request) =>
  fc
    .record({
      control: fc.array(fc.array(controlDoc(request), { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
      session: fc.option(doc(permissionStatement(request)), { nil: undefined }),
      identity: fc.array(doc(permissionStatement(request)), { maxLength: 3 }),
      groups: fc.array(fc.record({ document: doc(permissionStatement(request)), group: fc.constantFrom('rg-a', 'rg-b') }), { maxLength: 2 }),
      trust: fc.array(doc(trustStatement), { maxLength: 2 }),
    })
    .map(({ control, session, identity, groups, trust }) => ({
      request,
      policies: {
        control: control.map((level, l) => named(`ctl${l}-`, level)),
        // Session policies exist only for assumed-role sessions (the reference's §6.2).
        ...(session && request.principal.type === 'AssumedRole' ? { session: { name: 'session', document: session } } : {}),
        identity: [...named('id', identity), ...groups.map((g, i) => ({ name: `rg${i}`, document: g.document, resourceGroup: g.group }))],
        resource: named('trust', trust),
      },
    })),
);
