/**
 * A small finite universe for testing the access analysis against brute force: random policy
 * pairs over two services, short action names and ARNs, and six condition keys (one per operator
 * family, typed and untyped, always present or not); and, for each pair, every request of a
 * universe built from the pair's own constants (their wildcards filled several ways, values next
 * to each bound, several case spellings), each key absent (unless always present), given one
 * value, or two. The analysis reasons over all strings and numbers, so the universe is a sample
 * of its domain: a difference brute force finds must be found by the analysis too.
 */
import fc from 'fast-check';

/** A key of the universe: its operators, policy values and extra request values. */
export interface UniverseKey {
  key: string;
  operators: string[];
  policy: string[];
  request: string[];
  alwaysPresent: boolean;
  single?: boolean;
}

export const KEYS: UniverseKey[] = [
  { key: 'k:s', operators: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike'], policy: ['a', 'A', 'ab', 'a*', '*b', '?', 'A?', '*'], request: ['', 'A', 'ab', 'aB', 'c'], alwaysPresent: false },
  { key: 'k:n', operators: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals', 'NumericGreaterThan', 'NumericGreaterThanEquals'], policy: ['-1', '0', '2.5', '10', '10.0'], request: ['-2', '-1', '0', '2.5', '3', '10', '11'], alwaysPresent: false },
  { key: 'acs:CurrentTime', operators: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan', 'DateGreaterThanEquals'], policy: ['2026-01-01T00:00:00Z', '2026-06-01T08:00:00+08:00', '2026-06-01T00:00:00Z'], request: ['2025-12-31T23:59:59Z', '2026-01-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z'], alwaysPresent: true },
  { key: 'k:b', operators: ['Bool'], policy: ['true', 'false'], request: ['true', 'false', 'TRUE'], alwaysPresent: false, single: true },
  { key: 'acs:SecureTransport', operators: ['Bool'], policy: ['true', 'false'], request: ['true', 'false'], alwaysPresent: true, single: true },
  // Typed as a boolean (C7) but tested as a string too: its values are the spellings of true and false.
  { key: 'acs:MFAPresent', operators: ['Bool', 'StringEquals', 'StringEqualsIgnoreCase', 'StringNotLike'], policy: ['true', 'false', 'TRUE', 't*', '?rue'], request: ['true', 'false', 'TRUE', 'False'], alwaysPresent: false, single: true },
  { key: 'acs:SourceIp', operators: ['IpAddress', 'NotIpAddress'], policy: ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.3', '0.0.0.0/0', '::1', 'fe80::/10'], request: ['10.1.2.3', '10.1.9.9', '10.2.0.1', '8.8.8.8', '::1', 'fe80::1'], alwaysPresent: true },
];

export const ALWAYS_PRESENT = KEYS.filter((k) => k.alwaysPresent).map((k) => k.key);

const word = (letters: string, max: number) => fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: max }).map((a) => a.join(''));
const actionPattern = fc.oneof({ weight: 1, arbitrary: fc.constant('*') }, { weight: 8, arbitrary: fc.tuple(fc.constantFrom('s', 't'), word('abAB*?', 3)).map(([s, w]) => `${s}:${w}`) });
const resourcePattern = fc.oneof({ weight: 1, arbitrary: fc.constant('*') }, { weight: 6, arbitrary: word('abA*?:', 4).map((w) => `r${w}`) });

/** One condition clause on a key of the pair. */
const clause = (keys: UniverseKey[]) =>
  fc.constantFrom(...keys).chain((k) =>
    fc.record({
      operator: fc.constantFrom(...k.operators),
      key: fc.constant(k.key),
      values: k.single ? fc.constantFrom(...k.policy).map((v) => [v]) : fc.uniqueArray(fc.constantFrom(...k.policy), { minLength: 1, maxLength: 2 }),
    }).map((c) => (c.operator === 'Bool' && !['true', 'false'].includes(c.values[0]!) ? { ...c, values: ['true'] } : c)),
  );

/** A raw statement. */
const statement = (keys: UniverseKey[]) =>
  fc.record({
    effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    not: fc.boolean().map((b) => b && Math.random() < 0.3),
    actions: fc.uniqueArray(actionPattern, { minLength: 1, maxLength: 2 }),
    resources: fc.uniqueArray(resourcePattern, { minLength: 1, maxLength: 2 }),
    clauses: keys.length === 0 ? fc.constant([]) : fc.array(clause(keys), { maxLength: 2 }),
  }).map((s) => {
    const condition: Record<string, Record<string, string[]>> = {};
    for (const c of s.clauses) ((condition[c.operator] ??= {})[c.key] = c.values);
    return { Effect: s.effect, [s.not ? 'NotAction' : 'Action']: s.actions, Resource: s.resources, ...(s.clauses.length > 0 ? { Condition: condition } : {}) };
  });

const document = (statements: unknown[]) => ({ Version: '1', Statement: statements });

/** A pair of raw policies: the candidate is often the base with a statement changed, added or removed. */
export const policyPair = fc
  .subarray(KEYS, { maxLength: 2 })
  .chain((keys) =>
    fc.tuple(fc.array(statement(keys), { minLength: 1, maxLength: 3 }), fc.array(statement(keys), { minLength: 1, maxLength: 2 }), fc.nat(3), fc.constant(keys)),
  )
  .map(([base, extra, mode, keys]) => {
    const candidate = mode === 0 ? extra : mode === 1 ? [...base, extra[0]!] : mode === 2 ? [...base.slice(1), extra[0]!] : base.length > 1 ? base.slice(1) : extra;
    return { base: document(base), candidate: document(candidate), keys };
  });

/** Wildcard fills of a pattern: the words brute force tries. */
function fills(pattern: string, letters: string[]): string[] {
  let out = [''];
  for (const c of pattern) {
    if (c === '*') out = out.flatMap((p) => ['', ...letters].map((l) => p + l));
    else if (c === '?') out = out.flatMap((p) => letters.map((l) => p + l));
    else out = out.map((p) => p + c);
    if (out.length > 12) out = out.slice(0, 12);
  }
  return out;
}

/** At most `max` items, spread over the list (the universe must stay small enough to enumerate). */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]!);
}

const patternsOf = (doc: any, element: string): string[] => doc.Statement.flatMap((s: any) => s[element] ?? []);

/** The pair's universe: its actions, resources and contexts (every request is one of each). */
export interface Universe {
  actions: string[];
  resources: string[];
  contexts: { context: Record<string, string[]>; absent: string[] }[];
}

/** The universe of a pair (the requests brute force checks). */
export function universeOf(base: any, candidate: any, keys: UniverseKey[]): Universe {
  const docs = [base, candidate];
  const actionPatterns = docs.flatMap((d) => [...patternsOf(d, 'Action'), ...patternsOf(d, 'NotAction')]);
  const actions = spread([...new Set(['s:a', 'u:c', ...actionPatterns.flatMap((p) => fills(p === '*' ? 's:*' : p, ['a', 'c']))])], 8);
  const resources = spread([...new Set(['rc', ...docs.flatMap((d) => patternsOf(d, 'Resource')).flatMap((p) => fills(p, ['a', 'c']))])], 6);
  const keyOptions = keys.map((k) => {
    const values = [...new Set([...k.request, ...(k.operators[0]!.startsWith('String') ? k.policy.flatMap((p) => fills(p, ['a', 'B'])) : [])])];
    const options: (string[] | undefined)[] = k.alwaysPresent ? [] : [undefined];
    values.forEach((v) => options.push([v]));
    const few = values.slice(0, 3);
    if (!k.single) for (let i = 0; i < few.length; i++) for (let j = i + 1; j < few.length; j++) options.push([few[i]!, few[j]!]);
    return spread(options, keys.length > 1 ? 6 : 14);
  });
  const contexts: Universe['contexts'] = [];
  const walk = (i: number, context: Record<string, string[]>, absent: string[]) => {
    if (i === keys.length) return void contexts.push({ context, absent });
    for (const o of keyOptions[i]!) {
      if (o === undefined) walk(i + 1, context, [...absent, keys[i]!.key]);
      else walk(i + 1, { ...context, [keys[i]!.key]: o }, absent);
    }
  };
  walk(0, {}, []);
  return { actions, resources, contexts };
}
