/**
 * A clause's values compiled together (sets, sorted IP ranges, bounds, a pattern index) must
 * answer exactly what the values compiled one by one answer, OR-ed (C1) — for small clauses,
 * scanned, and for large ones, indexed. And large clauses must be decided, not merely started.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operatorSpec, OPERATOR_NAMES } from '../../src/conditions/operators.js';
import type { FamilyName } from '../../src/conditions/spec.js';
import { compilePolicySet, emptyPolicySet, evaluate, parsePolicy, type AuthorizationRequest } from '../../src/index.js';

/** Policy and request values per family, chosen to collide often. */
const POOLS: Record<FamilyName, { policy: string[]; request: string[] }> = {
  string: {
    policy: ['a', 'A', 'ab', 'a*', '*b', '?b', 'ß', 'SS', 'İ', 'i̇', 'x', '', '*', 'a?', '😀', '?', 'a*b*'],
    request: ['a', 'A', 'ab', 'b', 'ss', 'SS', 'ß', 'i̇', 'İ', 'x', '', 'a😀', '😀', 'aab'],
  },
  'string-ignore-case': { policy: [], request: [] }, // the string pools, read lower-cased
  numeric: { policy: ['-1', '0', '2.5', '10', '10.0', '+3', '007', '-0'], request: ['-3', '0', '-0', '2.5', '10', '11', '3'] },
  date: {
    policy: ['2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z', '2026-06-01T08:00:00+08:00', '2026-12-31T23:59:59-01:00'],
    request: ['2025-12-31T23:59:59Z', '2026-06-01T00:00:00Z', '2026-06-01T10:00:00+08:00', '2027-01-01T00:30:00Z', '2026-01-01T00:00:00.000Z'],
  },
  bool: { policy: ['true', 'false'], request: ['true', 'false', 'True', 'FALSE'] },
  ip: {
    policy: ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.3', '0.0.0.0/0', '192.168.1.0/24', '10.1.2.128/25', '255.255.255.255', '::/0', '2001:db8::/32', '2001:db8::1', '::1', '2001:db8::/127'],
    request: ['10.1.2.3', '10.1.2.200', '192.168.1.7', '8.8.8.8', '0.0.0.0', '255.255.255.255', '2001:db8::1', '::1', '2001:db9::1', '::'],
  },
};
POOLS['string-ignore-case'] = POOLS.string;

describe('clause value sets agree with the values one by one', () => {
  for (const name of OPERATOR_NAMES) {
    it(name, () => {
      const spec = operatorSpec(name)!;
      const pool = POOLS[spec.family.name];
      // Given lists of 0–24 policy values (both sides of the small-clause threshold) and request values
      const policyValues = fc.array(fc.constantFrom(...pool.policy), { maxLength: 24 });
      const requestValues = fc.array(fc.constantFrom(...pool.request), { maxLength: 6 });
      fc.assert(
        fc.property(policyValues, requestValues, (values, requests) => {
          const set = spec.compileValues(values)!;
          const one = values.map((v) => spec.compileValue(v)!);
          const read = requests.map((r) => spec.family.read(r)!);
          // Then "some value matches" and "which values some request value matches" are the same
          for (const r of read) expect(set.matchesAny(r)).toBe(one.some((p) => p(r)));
          expect(set.matchedBy(read)).toEqual(one.map((p) => read.some((r) => p(r))));
        }),
        { numRuns: 1_500 },
      );
    });
  }

  it('refuses a list with one invalid value', () => {
    expect(operatorSpec('IpAddress')!.compileValues([...Array(20).fill('10.0.0.0/8'), '10.0.0.0/33'])).toBeUndefined();
    expect(operatorSpec('NumericLessThan')!.compileValues(['1', 'x'])).toBeUndefined();
    expect(operatorSpec('Bool')!.compileValues(['true', 'yes'])).toBeUndefined();
  });
});

describe('10,000 policy values × 10,000 request values', () => {
  const N = 10_000;
  /** Evaluates one Allow whose only clause has N values, against a request key of N values. */
  function decide(operator: string, key: string, policy: (i: number) => string, request: (i: number) => string): string {
    const parsed = parsePolicy(JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:*', Resource: '*', Condition: { [operator]: { [key]: policy(0) } } }] }), { kind: 'identity' });
    // Beyond the 6,144-character policy limit: the values are set on the parsed document
    parsed.policy!.statements[0]!.conditions[0]!.values = Array.from({ length: N }, (_, i) => policy(i));
    const set = emptyPolicySet();
    set.identity.push({ name: 'big', document: parsed.policy! });
    const compiled = compilePolicySet(set);
    const ask: AuthorizationRequest = {
      principal: { type: 'RamUser', arn: 'acs:ram::1:user/alice' },
      action: 'cams:UpdateInstance',
      resource: 'acs:cams:ap-southeast-1:1:instance/ins-1',
      context: { [key]: Array.from({ length: N }, (_, i) => request(i)) },
    };
    const fast = evaluate(compiled, ask, { trace: false });
    const traced = evaluate(compiled, ask, { trace: true });
    expect(traced.decision).toBe(fast.decision);
    return fast.decision;
  }
  const arn = (i: number) => `acs:ram::1:user/team-${i}/alice`;
  const cases: [operator: string, key: string, policy: (i: number) => string, miss: (i: number) => string, hit: (i: number) => string][] = [
    ['StringEquals', 'acs:PrincipalARN', arn, (i) => arn(i + N), (i) => arn(i + N - 1)],
    ['StringEqualsIgnoreCase', 'acs:PrincipalARN', (i) => arn(i).toUpperCase(), (i) => arn(i + N), (i) => arn(N - 1 - i)],
    ['StringLike', 'acs:PrincipalARN', (i) => `acs:ram::*:user/team-${i}/?lice`, (i) => arn(i + N), (i) => (i === N - 1 ? arn(42) : arn(i + N))],
    ['IpAddress', 'acs:SourceIp', (i) => `10.${i >> 8}.${i & 255}.0/24`, (i) => `11.${i >> 8}.${i & 255}.7`, (i) => (i === N - 1 ? '10.39.15.255' : `11.${i >> 8}.${i & 255}.7`)],
    ['IpAddress', 'acs:SourceIp', (i) => `2001:db8:${i.toString(16)}::/48`, (i) => `2001:db9:${i.toString(16)}::1`, (i) => (i === 7 ? '2001:db8:270f:ffff::1' : `2001:db9:${i.toString(16)}::1`)],
    ['NumericLessThan', 'acs:ResourceTag/n', (i) => `${i}`, (i) => `${i + N}`, (i) => `${i + N - 2}`],
  ];
  for (const [operator, key, policy, miss, hit] of cases) {
    it(`${operator} \`${policy(0)}\`: decided when no value matches and when one does`, { timeout: 120_000 }, () => {
      expect(decide(operator, key, policy, miss)).toBe('ImplicitDeny');
      expect(decide(operator, key, policy, hit)).toBe('Allow');
      const negated = operator === 'IpAddress' ? 'NotIpAddress' : operator.replace(/^(String|Numeric)/, '$1Not');
      if (operator !== 'NumericLessThan') expect(decide(negated, key, policy, miss)).toBe('Allow');
    });
  }

  it('reports each of 10,000 request values that are not of the type once (C6, C7), and leaves the clause unknown', { timeout: 120_000 }, () => {
    // Given a numeric clause and an IP clause, and 10,000 values of neither type on each key
    const document = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:*', Resource: '*', Condition: { NumericEquals: { 'acs:ResourceTag/n': '1' }, IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }] };
    const set = emptyPolicySet();
    set.identity.push({ name: 'p', document: parsePolicy(JSON.stringify(document), { kind: 'identity' }).policy! });
    const bad = (prefix: string) => Array.from({ length: N }, (_, i) => `${prefix}${i}`);
    const ask: AuthorizationRequest = {
      principal: { type: 'RamUser', arn: 'acs:ram::1:user/a' },
      action: 'cams:UpdateInstance',
      resource: 'acs:cams:r:1:instance/i',
      context: { 'acs:ResourceTag/n': bad('x'), 'acs:SourceIp': bad('y') },
    };
    // When it is evaluated, with and without the trace
    for (const trace of [false, true]) {
      const result = evaluate(compilePolicySet(set), ask, { trace });
      // Then every bad value has one diagnostic (acs:SourceIp's from the request check), and the answer is Conditional
      expect(result.diagnostics.filter((d) => d.code === 'invalid-request-value')).toHaveLength(2 * N);
      expect(new Set(result.diagnostics.map((d) => d.message)).size).toBe(2 * N);
      expect(result.decision).toBe('Conditional');
    }
  });
});
