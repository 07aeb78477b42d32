/**
 * C11: a string test on a typed key (C7) that no value of the key's type can meet. The answer
 * must be sound — "cannot be met" only when no valid value passes — and, for the operators
 * where C11 says it is exact, complete.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { operatorSpec } from '../../src/conditions/operators.js';
import { typedValueCanMeet } from '../../src/conditions/typed-strings.js';
import { builtinCatalog, compilePolicySet, emptyPolicySet, evaluate, parsePolicy } from '../../src/index.js';
import { TYPED_KEYS } from '../../src/request/prepare.js';

const ip = TYPED_KEYS['acs:sourceip']!;
const date = TYPED_KEYS['acs:currenttime']!;
const bool = TYPED_KEYS['acs:securetransport']!;
const canMeet = (operator: string, value: string, family = ip) => typedValueCanMeet(operatorSpec(operator)!, value, family);

describe('which string tests a typed key can meet (C11)', () => {
  it.each([
    ['StringEquals', '10.*', ip, false],
    ['StringEquals', '10.1.2.3', ip, true],
    ['StringEquals', '010.1.2.3', ip, false],
    ['StringEquals', 'FE80::1', ip, true],
    ['StringNotEquals', 'ten', ip, false],
    ['StringEqualsIgnoreCase', 'FE80::1%ETH0', ip, true],
    ['StringEqualsIgnoreCase', 'localhost', ip, false],
    ['StringLike', '10.*', ip, true],
    ['StringLike', '*/8', ip, false],
    ['StringLike', '10.1.2.?', ip, true],
    ['StringLike', '?', ip, false],
    ['StringLike', '10.1.2.3', ip, true],
    ['StringLike', '10.1.2.3 ', ip, false],
    ['StringEquals', 'yesterday', date, false],
    ['StringEquals', '2026-01-01T00:00:00Z', date, true],
    ['StringEquals', '2026-02-30T00:00:00Z', date, false],
    ['StringEqualsIgnoreCase', '2026-01-01t00:00:00z', date, true],
    ['StringNotEqualsIgnoreCase', '2026-01-01', date, false],
    ['StringLike', '2026-*', date, true],
    ['StringLike', '*yesterday*', date, false],
    ['StringLike', '????-??-??T??:??:??Z', date, true],
    ['StringLike', '????-??-??', date, false],
    ['StringLike', `2026-${'?'.repeat(40)}*`, date, false],
    ['StringEquals', 'yes', bool, false],
    ['StringEquals', 'True', bool, true],
    ['StringEqualsIgnoreCase', 'TRUE', bool, true],
    ['StringLike', 't*', bool, true],
    ['StringLike', 'T?UE', bool, true],
    ['StringLike', 'y*', bool, false],
    ['StringNotLike', '?????', bool, true],
    ['StringLike', '??????', bool, false],
  ] as const)('%s `%s` on %s: %s', (operator, value, family, expected) => {
    expect(canMeet(operator, value, family)).toBe(expected);
  });

  it('leaves typed operators and untyped keys alone', () => {
    expect(canMeet('IpAddress', '10.0.0.0/8')).toBeUndefined();
    expect(typedValueCanMeet(operatorSpec('StringEquals')!, 'x', operatorSpec('StringEquals')!.family as never)).toBeUndefined();
  });

  it('is sound: a value said to be unmeetable is met by no valid value (random IPs, dates, booleans)', () => {
    // Given random valid values of each type and patterns cut from them
    const octet = fc.integer({ min: 0, max: 255 });
    const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
    const hex = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    const ipv6 = fc.tuple(hex, hex, fc.constantFrom('', '%eth0', '%Z9')).map(([a, b, zone]) => `fe80::${a}:${b}${zone}`);
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }).map((ms) => new Date(ms).toISOString());
    const spelled = fc.tuple(fc.constantFrom('true', 'false'), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 })).map(([w, up]) => [...w].map((c, i) => (up[i] ? c.toUpperCase() : c)).join(''));
    const mutate = (value: string) =>
      fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom('*', '?', 'case', 'x', '/') }), { maxLength: 3 }).map((edits) => {
        let s = value;
        for (const { at, kind } of edits) {
          const i = at % Math.max(1, s.length);
          const c = s[i] ?? '';
          s = s.slice(0, i) + (kind === 'case' ? (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase()) : kind) + s.slice(i + 1);
        }
        return s;
      });
    const families = [
      { family: ip, values: fc.oneof(ipv4, ipv6) },
      { family: date, values: instant },
      { family: bool, values: spelled },
    ];
    for (const { family, values } of families) {
      fc.assert(
        fc.property(values, values.chain(mutate), fc.constantFrom('StringEquals', 'StringEqualsIgnoreCase', 'StringLike'), (valid, policyValue, operator) => {
          const spec = operatorSpec(operator)!;
          const read = spec.family.read(valid);
          const met = spec.compileValue(policyValue)!(read);
          // Then whenever a valid value meets the policy value, C11 does not call it unmeetable
          if (met) expect(typedValueCanMeet(spec, policyValue, family)).toBe(true);
        }),
        { numRuns: 4_000 },
      );
    }
  });

  it('traces a value no value of the type can meet as a no-match, the others as unknown', () => {
    // Given a clause with one unmeetable and one meetable value, and a request without the key
    const document = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:*', Resource: '*', Condition: { StringEquals: { 'acs:SourceIp': ['10.*', '10.1.2.3'] } } }] };
    const set = emptyPolicySet();
    set.identity.push({ name: 'p', document: parsePolicy(JSON.stringify(document), { kind: 'identity' }).policy! });
    // When it is evaluated with the trace
    const result = evaluate(compilePolicySet(set), { principal: { type: 'RamUser', arn: 'acs:ram::1:user/a' }, action: 'cams:UpdateInstance', resource: 'acs:cams:r:1:instance/i' });
    // Then the clause is unknown, `10.*` is a no-match and `10.1.2.3` is unknown
    const clause = result.statements[0]!.conditions[0]!;
    expect(clause.result).toBe('unknown');
    expect(clause.values.map((v) => v.result)).toEqual(['no-match', 'unknown']);
  });

  it('types the keys the catalog types: every non-string common key is a typed key of the same type', () => {
    for (const key of builtinCatalog().conditionKeys) {
      const typed = TYPED_KEYS[key.name.toLowerCase()];
      if (key.type === 'string') expect(typed, key.name).toBeUndefined();
      else expect(typed?.name, key.name).toBe(key.type);
    }
  });
});
