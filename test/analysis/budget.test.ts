/**
 * The analysis' budgets (N10) and the pieces its exactness rests on: request values written for
 * a region must read back as exactly that value (numbers, dates, IP addresses).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkNoNewAccess, confirmWitnesses } from '../../src/analysis/access-check.js';
import { buildModel } from '../../src/analysis/model.js';
import { DATE_MAX, DATE_MIN, formatDate, formatDecimal, ipCandidates, nextDown, nextUp } from '../../src/analysis/typed-values.js';
import { readIsoDateTime } from '../../src/conditions/date.js';
import { readIpAddress, readIpRange, samePrefix } from '../../src/conditions/ip.js';
import { readDecimal } from '../../src/conditions/numeric.js';
import { parsePolicy } from '../../src/index.js';

const policy = (name: string, statements: unknown[]) => ({ name, document: parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind: 'identity' }).policy! });

describe('budgets', () => {
  // Given patterns whose product automaton is large (each `*a?b` pattern tracks its own positions)
  const many = Array.from({ length: 12 }, (_, i) => `acs:cams:*${'ab'[i % 2]}?${'ba'[i % 2]}*${i}`);
  const base = policy('base', [{ Effect: 'Allow', Action: 'cams:*', Resource: many.slice(0, 6) }]);
  const candidate = policy('candidate', [{ Effect: 'Allow', Action: 'cams:*', Resource: many }]);

  it('answers UNKNOWN with analysis-limit past the automaton budget, never a guess', () => {
    const answer = checkNoNewAccess(base, candidate, { maxStates: 50 });
    expect(answer.verdict).toBe('unknown');
    expect(answer.diagnostics.map((d) => d.code)).toEqual(['analysis-limit']);
  });

  it('answers UNKNOWN past the search budget', () => {
    const answer = checkNoNewAccess(base, candidate, { maxNodes: 1 });
    expect(answer.verdict).toBe('unknown');
  });

  it('answers within the default budgets', () => {
    expect(checkNoNewAccess(base, candidate).verdict).toBe('fail');
  });
});

describe('answers that are not proofs', () => {
  it('reports a choice the evaluator does not confirm as witness-not-confirmed, never as a witness (N8)', () => {
    // Given a choice that is no witness at all: the candidate denies everything
    const candidate = policy('candidate', [{ Effect: 'Deny', Action: '*', Resource: '*' }]);
    const base = policy('base', [{ Effect: 'Allow', Action: '*', Resource: '*' }]);
    const model = buildModel({ granted: candidate, notGranted: base, alwaysPresentKeys: new Set(), singleValuedKeys: false });
    // When it is confirmed
    const { witnesses, diagnostics } = confirmWitnesses(model, [model.dimensions.map(() => 0)], candidate, base);
    // Then it is dropped with an internal error
    expect(witnesses).toEqual([]);
    expect(diagnostics.map((d) => d.code)).toEqual(['witness-not-confirmed']);
  });

  it('says a key tested as a string and as an IP is sampled: analysis-inexact-key, verdict unknown (N7)', () => {
    const base = policy('base', [{ Effect: 'Deny', Action: '*', Resource: '*' }]);
    const candidate = policy('candidate', [{ Effect: 'Allow', Action: 'cams:*', Resource: '*', Condition: { StringLike: { 'acs:SourceIp': '10.*' }, NotIpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }]);
    const answer = checkNoNewAccess(base, candidate);
    expect(answer.verdict).toBe('unknown');
    expect(answer.diagnostics.map((d) => d.code)).toEqual(['analysis-inexact-key']);
  });
});

describe('values written for a region read back exactly', () => {
  it('decimals, including neighbours of doubles and infinities', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true }), (x) => {
        for (const y of [x, nextUp(x), nextDown(x)]) {
          const text = formatDecimal(y);
          // -0 reads as 0, which every comparison treats alike
          expect(readDecimal(text) === y && (y !== 0 || readDecimal(text) === 0)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('dates over the whole readable range, with an offset where UTC cannot say it', () => {
    fc.assert(
      fc.property(fc.integer({ min: DATE_MIN, max: DATE_MAX }), (ms) => {
        expect(readIsoDateTime(formatDate(ms))).toBe(ms);
      }),
      { numRuns: 2000 },
    );
    expect(readIsoDateTime(formatDate(DATE_MIN))).toBe(DATE_MIN);
    expect(readIsoDateTime(formatDate(DATE_MAX))).toBe(DATE_MAX);
  });

  it('IP candidates: one address in each block outside its sub-blocks, and one outside all', () => {
    const ranges = ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.3', 'fe80::/10', 'fe80::/11'];
    const candidates = ipCandidates(ranges).map((a) => readIpAddress(a)!);
    const parsed = ranges.map((r) => readIpRange(r)!);
    const signature = (a: { kind: string; bytes: number[] }) => parsed.map(([n, p]) => n.kind === a.kind && samePrefix(a.bytes, n.bytes, p)).join();
    const seen = new Set(candidates.map(signature));
    // Every region of this laminar family: none (v4 and v6), 10/8 only, 10.1/16, 10.1.2.3, fe80::/10 only, fe80::/11
    expect(seen.size).toBe(6);
  });
});
