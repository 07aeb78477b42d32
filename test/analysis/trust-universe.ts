/**
 * A small finite universe for trust policies (N11): random pairs of trust statements over two
 * accounts (`111`, `222`) whose `Principal.RAM` entries are account roots (some with a wildcard
 * in the account, which M7 compares literally), users, roles, wildcards over them, role sessions
 * and `*`, sometimes beside a `Service` entry; the conditions come from the identity universe's
 * keys. Brute force tries every caller of a list built from the pair's own entries (their
 * wildcards filled, each root's users and sessions, each role's sessions) × every context.
 */
import fc from 'fast-check';
import { KEYS, universeOf, type UniverseKey } from './universe.js';

const ENTRIES = [
  'acs:ram::111:root', 'acs:ram::222:root', 'acs:ram::*:root', 'acs:ram::1*:root', 'acs:ram::111:user/a', 'acs:ram::111:user/*', 'acs:ram::*:user/a',
  'acs:ram::111:role/r', 'acs:ram::222:role/*', 'acs:ram::111:role/r?', 'acs:sts::111:assumed-role/r/*', 'acs:ram::111:*', 'acs:ram::2?2:*', '*',
];
const word = (letters: string, max: number) => fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: max }).map((a) => a.join(''));
const entry = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...ENTRIES) },
  { weight: 2, arbitrary: fc.tuple(word('12*?', 3), fc.constantFrom('root', 'user/a', 'role/r', 'user/*', 'role/*')).map(([uid, rest]) => `acs:ram::${uid}:${rest}`) },
);

/** The identity universe's keys that trust policies use: strings, numbers, the source IP. */
export const TRUST_KEYS: UniverseKey[] = [
  ...KEYS.filter((k) => ['k:s', 'k:n', 'acs:SourceIp', 'acs:SecureTransport'].includes(k.key)),
  // Filled by the evaluator from the caller's ARN (never in a brute-force context): N11 couples it to the caller.
  { key: 'acs:PrincipalARN', operators: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringLike', 'StringNotLike'], policy: ['acs:ram::111:user/*', '*:role/*', 'ACS:RAM::111:ROOT', 'acs:sts::111:*', 'acs:ram::111:user/a', '*'], request: [], alwaysPresent: true },
];

const clause = (keys: UniverseKey[]) =>
  fc.constantFrom(...keys).chain((k) =>
    fc.record({
      operator: fc.constantFrom(...k.operators),
      key: fc.constant(k.key),
      values: k.single ? fc.constantFrom('true', 'false').map((v) => [v]) : fc.uniqueArray(fc.constantFrom(...k.policy), { minLength: 1, maxLength: 2 }),
    }),
  );

const statement = (keys: UniverseKey[]) =>
  fc.record({
    effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    ram: fc.uniqueArray(entry, { minLength: 0, maxLength: 2 }),
    service: fc.boolean().map((b) => b && Math.random() < 0.2),
    clauses: keys.length === 0 ? fc.constant([]) : fc.array(clause(keys), { maxLength: 2 }),
  }).map((s) => {
    const condition: Record<string, Record<string, string[]>> = {};
    for (const c of s.clauses) ((condition[c.operator] ??= {})[c.key] = c.values);
    const principal: Record<string, string[]> = {};
    if (s.ram.length > 0 || !s.service) principal['RAM'] = s.ram.length > 0 ? s.ram : ['acs:ram::111:root'];
    if (s.service) principal['Service'] = ['ecs.aliyuncs.com'];
    return { Effect: s.effect, Principal: principal, Action: 'sts:AssumeRole', ...(s.clauses.length > 0 ? { Condition: condition } : {}) };
  });

const document = (statements: unknown[]) => ({ Version: '1', Statement: statements });

/** A pair of raw trust policies: the candidate is often the base with a statement changed, added or removed. */
export const trustPolicyPair = fc
  .subarray(TRUST_KEYS, { maxLength: 2 })
  .chain((keys) => fc.tuple(fc.array(statement(keys), { minLength: 1, maxLength: 3 }), fc.array(statement(keys), { minLength: 1, maxLength: 2 }), fc.nat(3), fc.constant(keys)))
  .map(([base, extra, mode, keys]) => {
    const candidate = mode === 0 ? extra : mode === 1 ? [...base, extra[0]!] : mode === 2 ? [...base.slice(1), extra[0]!] : base.length > 1 ? base.slice(1) : extra;
    return { base: document(base), candidate: document(candidate), keys };
  });

const fill = (pattern: string, letter: string) => pattern.replace(/[*?]/g, letter);

/** The callers brute force tries for a pair: fixed ones, and each entry's fills, users and sessions. */
export function callersOf(base: any, candidate: any): string[] {
  const entries: string[] = [base, candidate].flatMap((d) => d.Statement.flatMap((s: any) => s.Principal.RAM ?? []));
  const out = new Set(['acs:ram::111:root', 'acs:ram::111:user/a', 'acs:ram::222:user/b', 'acs:sts::111:assumed-role/r/s', 'acs:ram::333:root', 'acs:ram:cn:111:user/a']);
  for (const e of entries) {
    for (const letter of ['1', 'a', '']) {
      const f = fill(e, letter);
      out.add(f);
      const root = /^acs:ram::([^:]+):root$/.exec(e);
      if (root) out.add(`acs:ram::${root[1]}:user/a`).add(`acs:sts::${fill(root[1]!, letter)}:assumed-role/r/s`).add(`acs:ram::${fill(root[1]!, letter)}:user/a`);
      const role = /^acs:ram::([^:]+):role\/(.+)$/.exec(f);
      if (role) out.add(`acs:sts::${role[1]}:assumed-role/${role[2]}/s`);
    }
  }
  return [...out];
}

/** The contexts brute force tries (the identity universe's, for the pair's keys; `acs:PrincipalARN` comes from the caller). */
export function trustContextsOf(keys: UniverseKey[]) {
  return universeOf({ Statement: [] }, { Statement: [] }, keys.filter((k) => k.key !== 'acs:PrincipalARN')).contexts;
}
