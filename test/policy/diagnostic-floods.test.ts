/**
 * A policy whose every item is wrong (issue 12, item 4): validation keeps a bounded number of
 * diagnostics, in file order, and says how many more there are — no stack overflow from
 * `push(...list)`, no seconds spent placing diagnostics nobody will see.
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy, validatePolicy } from '../../src/policy/parse-policy.js';
import { MAX_DIAGNOSTICS_PER_FILE, omittedBy } from '../../src/parse/limits.js';

describe('diagnostic floods in one policy', () => {
  it('reports 190,000 invalid actions as 100 diagnostics and one `too-many-diagnostics` (was `Maximum call stack size exceeded`)', () => {
    // Given 190,000 invalid actions in one statement (950 KB of JSON)
    const text = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: Array.from({ length: 190_000 }, () => 'x'), Resource: '*' }] });
    const start = performance.now();
    // When it is parsed and validated
    const { policy, diagnostics } = parsePolicy(text, { kind: 'identity', file: 'actions.json' });
    // Then it is refused with the first diagnostics in file order, the size first, and a count of the rest
    expect(policy).toBeUndefined();
    expect(diagnostics.length).toBe(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(diagnostics.slice(0, 3).map((d) => [d.code, d.range?.column])).toEqual([
      ['policy-too-large', 1],
      ['invalid-action-format', 57],
      ['invalid-action-format', 61],
    ]);
    const last = diagnostics.at(-1)!;
    expect([last.code, last.file, omittedBy(last)]).toEqual(['too-many-diagnostics', 'actions.json', 190_001 - MAX_DIAGNOSTICS_PER_FILE]);
    expect(performance.now() - start).toBeLessThan(5000);
  });

  it('keeps every diagnostic of an ordinary broken policy, sorted by position', () => {
    const { diagnostics } = validatePolicy({ Version: '2', Statement: [{ Effect: 'Maybe', Action: ['x', 'y'], Resource: '*' }] }, { kind: 'identity' });
    expect(diagnostics.map((d) => d.code).sort()).toEqual(['invalid-action-format', 'invalid-action-format', 'invalid-effect', 'invalid-version']);
  });

  it('refuses a value that is not an object without throwing', () => {
    for (const value of [undefined, null, 3, 'x', []]) {
      const { policy, diagnostics } = validatePolicy(value, { kind: 'identity' });
      expect(policy, String(value)).toBeUndefined();
      expect(diagnostics.map((d) => d.code), String(value)).toContain('wrong-type');
    }
  });
});
