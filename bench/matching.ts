/**
 * `npm run bench`, issue 12 item 8: the wildcard matcher's worst case with `?`, and one condition
 * clause of 10,000 policy values against a request key of 10,000 values, per operator (the request
 * values match none of the policy values, so nothing stops early). Printed, never asserted.
 */
import { compilePolicySet, emptyPolicySet, evaluate, parsePolicy, prepareRequest, type AuthorizationRequest } from '../src/index.js';
import { compileWildcard } from '../src/entries/internals.js';

const N = 10_000;
const ACCOUNT = '1234567890123456';

/** Milliseconds of one call: the fastest of up to `runs` calls, stopping once 2 s are spent. */
function timeOf(fn: () => unknown, runs = 5): number {
  let best = Infinity;
  const start = performance.now();
  for (let i = 0; i < runs && performance.now() - start < 2000; i++) {
    const t = performance.now();
    fn();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

const ms = (n: number) => `${n < 10 ? n.toFixed(2) : Math.round(n).toLocaleString('en-US')} ms`;

/** The wildcard matcher: `*` + `a?`×3000 + `b*` against 100,000 characters. */
function questionMarkPattern(): void {
  const matcher = compileWildcard('*' + 'a?'.repeat(3000) + 'b*');
  const miss = 'a'.repeat(100_000);
  const hit = 'a'.repeat(99_999) + 'b';
  let results = '';
  const missMs = timeOf(() => (results = `${matcher.test(miss)}`));
  const hitMs = timeOf(() => (results += `/${matcher.test(hit)}`), 1);
  console.log(`matcher: "*" + "a?"×3000 + "b*" against 100,000 "a": ${ms(missMs)}; ending in "b": ${ms(hitMs)} (matched: ${results})`);
}

interface OperatorCase {
  operator: string;
  key: string;
  policy: (i: number) => string;
  request: (i: number) => string;
}

const user = (i: number) => `acs:ram::${ACCOUNT}:user/team-${i}/alice`;
const other = (i: number) => `acs:ram::${ACCOUNT}:user/other-${i}/alice`;
const CASES: OperatorCase[] = [
  { operator: 'StringEquals', key: 'acs:PrincipalARN', policy: user, request: other },
  { operator: 'StringNotEquals', key: 'acs:PrincipalARN', policy: user, request: other },
  { operator: 'StringEqualsIgnoreCase', key: 'acs:PrincipalARN', policy: (i) => user(i).toUpperCase(), request: other },
  { operator: 'StringNotEqualsIgnoreCase', key: 'acs:PrincipalARN', policy: (i) => user(i).toUpperCase(), request: other },
  { operator: 'StringLike', key: 'acs:PrincipalARN', policy: (i) => `acs:ram::${ACCOUNT}:user/team-${i}/*`, request: other },
  { operator: 'StringNotLike', key: 'acs:PrincipalARN', policy: (i) => `acs:ram::${ACCOUNT}:user/team-${i}/*`, request: other },
  { operator: 'StringLike', key: 'acs:PrincipalARN', policy: (i) => `acs:ram::*:user/team-${i}/?lice`, request: other },
  { operator: 'StringLike', key: 'acs:PrincipalARN', policy: (i) => `*:user/team-${i}/*`, request: other },
  { operator: 'StringLike', key: 'acs:PrincipalARN', policy: (i) => `*team-${i}?*`, request: other },
  { operator: 'IpAddress', key: 'acs:SourceIp', policy: (i) => `10.${i >> 8}.${i & 255}.0/24`, request: (i) => `11.${i >> 8}.${i & 255}.7` },
  { operator: 'NotIpAddress', key: 'acs:SourceIp', policy: (i) => `10.${i >> 8}.${i & 255}.0/24`, request: (i) => `11.${i >> 8}.${i & 255}.7` },
  { operator: 'IpAddress', key: 'acs:SourceIp', policy: (i) => `2001:db8:${i.toString(16)}::/48`, request: (i) => `2001:db9:${i.toString(16)}::1` },
  { operator: 'NumericEquals', key: 'acs:ResourceTag/n', policy: (i) => `${i}`, request: (i) => `${i + N}` },
  { operator: 'NumericLessThan', key: 'acs:ResourceTag/n', policy: (i) => `${i}`, request: (i) => `${i + N}` },
  { operator: 'DateEquals', key: 'acs:ResourceTag/d', policy: (i) => new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), request: (i) => new Date(Date.UTC(2027, 0, 1) + i * 60_000).toISOString() },
];

/** One clause of 10,000 values (beyond the 6,144-character policy limit, so set directly). */
function clauseCase(c: OperatorCase): void {
  const parsed = parsePolicy(JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:*', Resource: '*', Condition: { [c.operator]: { [c.key]: c.policy(0) } } }] }), { kind: 'identity' });
  if (!parsed.policy) throw new Error(`bench policy is invalid: ${JSON.stringify(parsed.diagnostics)}`);
  parsed.policy.statements[0]!.conditions[0]!.values = Array.from({ length: N }, (_, i) => c.policy(i));
  const set = emptyPolicySet();
  set.identity.push({ name: 'big', document: parsed.policy });
  const request: AuthorizationRequest = {
    principal: { type: 'RamUser', arn: user(-1) },
    action: 'cams:UpdateInstance',
    resource: `acs:cams:ap-southeast-1:${ACCOUNT}:instance/ins-1`,
    context: { [c.key]: Array.from({ length: N }, (_, i) => c.request(i)) },
  };
  const compileMs = timeOf(() => compilePolicySet(set), 3);
  const compiled = compilePolicySet(set);
  let decision = '';
  // A fresh prepared request each time: request values are read (parsed) once per request.
  const fastMs = timeOf(() => (decision = evaluate(compiled, prepareRequest({ ...request }), { trace: false }).decision));
  const tracedMs = timeOf(() => evaluate(compiled, prepareRequest({ ...request }), { trace: true }), 3);
  const label = `${c.operator} \`${c.policy(0)}\``;
  console.log(`  ${label.padEnd(62)} evaluate ${ms(fastMs).padStart(9)}, with trace ${ms(tracedMs).padStart(9)}, compile ${ms(compileMs).padStart(9)}   ${decision}`);
}

questionMarkPattern();
console.log(`conditions: one clause, ${N.toLocaleString('en-US')} policy values × ${N.toLocaleString('en-US')} request values, none matching (target < 50 ms)`);
for (const c of CASES) clauseCase(c);

/** 10,000 request values that are not of the clause's type, on two keys: each is reported once (C6, C7). */
function badValues(): void {
  const parsed = parsePolicy(JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:*', Resource: '*', Condition: { NumericEquals: { 'acs:ResourceTag/n': '1' }, IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }] }), { kind: 'identity' });
  const set = emptyPolicySet();
  set.identity.push({ name: 'p', document: parsed.policy! });
  const compiled = compilePolicySet(set);
  const bad = (prefix: string) => Array.from({ length: N }, (_, i) => `${prefix}${i}`);
  const request: AuthorizationRequest = { principal: { type: 'RamUser', arn: user(-1) }, action: 'cams:UpdateInstance', resource: `acs:cams:ap-southeast-1:${ACCOUNT}:instance/ins-1`, context: { 'acs:ResourceTag/n': bad('x'), 'acs:SourceIp': bad('y') } };
  let reported = 0;
  const fastMs = timeOf(() => (reported = evaluate(compiled, { ...request }, { trace: false }).diagnostics.length), 3);
  console.log(`  ${N.toLocaleString('en-US')} values of the wrong type on each of 2 keys: evaluate ${ms(fastMs)} (${reported.toLocaleString('en-US')} diagnostics, one per value)`);
}
badValues();
