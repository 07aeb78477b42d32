/**
 * The search over a model (src/analysis/search.ts), on a model written by hand: one option per
 * dimension so that the granted side allows — options alike in effect tried once, the action,
 * resource and principal first, then only the keys an undecided statement tests, a branch cut as
 * soon as the answer is fixed (the step counts below are the search's own: a cut missed or an
 * option tried twice shows in them), the scopes, the witness limit and the step limit (issue 17:
 * these were reached only through the brute-force tests' random policies).
 */
import { describe, expect, it } from 'vitest';
import type { Dimension, Model, ModelStatement } from '../../src/analysis/model.js';
import { search } from '../../src/analysis/search.js';
import { AnalysisLimitError } from '../../src/analysis/string-regions.js';

const option = (bits: boolean[], values: string[]) => ({ bits, values });

/**
 * Atoms: 0 = action pattern `svc:a*`, 1 = `svc:b*`, 2 = resource `r1`, 3 = key k1 is v1, 4 = key k2 is v2.
 * The action `svc:a2` falls in the same patterns as `svc:a1`: the two are one option in effect.
 */
const dimensions: Dimension[] = [
  { kind: 'action', name: 'action', atoms: [0, 1], options: [option([true, false], ['svc:a1']), option([true, false], ['svc:a2']), option([false, true], ['svc:b1']), option([false, false], ['other:c'])] },
  { kind: 'resource', name: 'resource', atoms: [2], options: [option([true], ['r1']), option([false], ['r2'])] },
  { kind: 'key', name: 'k1', atoms: [3], options: [option([false], []), option([true], ['v1'])] },
  { kind: 'key', name: 'k2', atoms: [4], options: [option([false], []), option([true], ['v2'])] },
];

const allow = (statement: number, actionAtoms: number[], clauseAtoms: number[]): ModelStatement => ({
  deny: false,
  notAction: false,
  actionAtoms,
  resourceAtoms: [2],
  clauses: clauseAtoms.map((atom) => ({ atom, negated: false })),
  ref: { layer: 'identity', policy: 'granted', statement, effect: 'Allow' },
});

/**
 * Granted: `svc:b*` on r1 (statement 0); `svc:b*` on r1 when k1 is v1 (1); `svc:a*` on r1 when k2 is v2 (2).
 * So `svc:a1` needs k2 only, `svc:b1` needs nothing more, `other:c` is never allowed.
 */
function model(extra: Partial<Model> = {}): Model {
  return {
    atomCount: 5,
    dimensions,
    sides: [[allow(0, [1], []), allow(1, [1], [3]), allow(2, [0], [4])]],
    actionScope: [],
    actionScopeAlso: [],
    actionExclusions: [],
    actionPatterns: ['svc:a*', 'svc:b*'],
    resourceScope: [],
    inexactKeys: [],
    ...extra,
  };
}

describe('the search over a model', () => {
  it('finds one choice per action option alike in effect, choosing only the keys an undecided statement tests', () => {
    const { choices, stats } = search(model(), 10);
    // svc:a1 with r1 and k2 = v2 (k1 untouched: only a statement already decided tests it);
    // svc:b1 with r1 (statement 0 allows: statement 1's key is not chosen); svc:a2 is svc:a1 again.
    expect(choices).toEqual([
      [0, 0, -1, 1],
      [2, 0, -1, -1],
    ]);
    // Steps: svc:a1 root, r1, k2 absent, k2 = v2; svc:b1 root, r1; other:c root (cut at once).
    expect(stats.nodes).toBe(7);
  });

  it('stops at the number of witnesses asked for', () => {
    expect(search(model(), 1).choices).toEqual([[0, 0, -1, 1]]);
  });

  it('keeps to the action scope, cutting an action outside it at once', () => {
    const { choices, stats } = search(model({ actionScope: [0] }), 10);
    expect(choices).toEqual([[0, 0, -1, 1]]);
    // svc:a1 as above (4); svc:b1 and other:c cut at their roots (1 each).
    expect(stats.nodes).toBe(6);
  });

  it('keeps to the second action scope and leaves out the excluded actions', () => {
    expect(search(model({ actionScopeAlso: [1] }), 10).choices).toEqual([[2, 0, -1, -1]]);
    expect(search(model({ actionExclusions: [1] }), 10).choices).toEqual([[0, 0, -1, 1]]);
    expect(search(model({ actionScope: [0, 1], actionExclusions: [0] }), 10).choices).toEqual([[2, 0, -1, -1]]);
  });

  it('keeps apart two action options alike for the statements but not for the scopes', () => {
    // Given svc:y1 and svc:x1, both matched by the one statement's svc:*, and only svc:x1 in both scopes
    const scoped: Model = {
      ...model(),
      atomCount: 4,
      dimensions: [
        { kind: 'action', name: 'action', atoms: [0, 1, 2], options: [option([true, false, false], ['svc:y1']), option([true, true, true], ['svc:x1'])] },
        { kind: 'resource', name: 'resource', atoms: [3], options: [option([true], ['r1'])] },
      ],
      sides: [[{ ...allow(0, [0], []), resourceAtoms: [3] }]],
      actionScope: [1],
      actionScopeAlso: [2],
    };
    // Then svc:x1 is the witness (the two are not one option)
    expect(search(scoped, 10).choices).toEqual([[1, 0]]);
  });

  it('tries only the action options it is given', () => {
    expect(search(model(), 10, undefined, [3, 2]).choices).toEqual([[2, 0, -1, -1]]);
  });

  it('throws an analysis limit error past maxNodes steps, and not at them', () => {
    expect(search(model(), 10, 7).stats.nodes).toBe(7);
    const run = () => search(model(), 10, 6);
    expect(run).toThrow(AnalysisLimitError);
    expect(run).toThrow('more than 6 search steps');
  });

  it('answers a two-sided question: allowed by the first side, not by the second', () => {
    // Given a second side that allows svc:b* on r1 (so svc:b1 is no longer an answer)
    const { choices } = search(model({ sides: [model().sides[0]!, [allow(0, [1], [])]] }), 10);
    expect(choices).toEqual([[0, 0, -1, 1]]);
  });
});
