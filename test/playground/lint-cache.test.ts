/**
 * The page's lint cache gives what linting afresh gives, edit after edit: lines inserted above a
 * policy, a policy changed, policies swapped, its last character changed, a flow document.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/catalog/builtin.js';
import { analyseScenario } from '../../src/playground/analyse.js';
import { LintCache, sliceOf, lineStarts } from '../../src/playground/lint-cache.js';

const catalog = builtinCatalog();

const BASE = `request:
  action: cams:UpdateInstance
  resource: "*"
policies:
  identity:
    - name: a
      document:
        Version: "1"
        Statement:
          - Effect: Allow
            Action: cams:UpdateInstanse
            Resource: "*"
    - name: b
      document: { Version: "1", Statement: [{ Effect: Allow, Action: "ram:*", Resource: "*" }] }
    - name: c
      document:
        Version: "1"
        Statement:
          - Effect: Deny
            Action: cams:DeleteInstance
            Resource: acs:cams:*:*:instance/x
`;

/** Edits a user makes, each a function of the text. */
const EDITS: [string, (t: string) => string][] = [
  ['comment at the top', (t) => `# note\n${t}`],
  ['line above the policies', (t) => t.replace('policies:\n', '# policies follow\npolicies:\n')],
  ['fix the typo', (t) => t.replace('UpdateInstanse', 'UpdateInstance')],
  ['add the typo back', (t) => t.replace('Action: cams:UpdateInstance\n            Resource', 'Action: cams:UpdateInstanse\n            Resource')],
  ['last character of a policy', (t) => t.replace('instance/x\n', 'instance/*\n')],
  ['flow document changed', (t) => t.replace('"ram:*"', '"ram:Get*"')],
  ['swap a and c', (t) => t.replace('name: a', 'name: tmp').replace('name: c', 'name: a').replace('name: tmp', 'name: c')],
  ['request changed', (t) => t.replace('resource: "*"', 'resource: acs:cams:r:1:instance/x')],
  ['indent the document value differently', (t) => t.replace('      document:\n        Version: "1"\n        Statement:\n          - Effect: Deny', '      document:\n          Version: "1"\n          Statement:\n            - Effect: Deny').replace('            Action: cams:DeleteInstance\n            Resource: acs', '              Action: cams:DeleteInstance\n              Resource: acs')],
];

describe('LintCache', () => {
  it('gives the same problems as linting afresh, for any sequence of edits (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: EDITS.length - 1 }), { maxLength: 12 }), (steps) => {
        const cache = new LintCache();
        let text = BASE;
        for (const step of [-1, ...steps]) {
          if (step >= 0) text = EDITS[step]![1](text);
          expect(analyseScenario(text, catalog, cache).problems, steps.map((s) => EDITS[s]![0]).join(' → ')).toEqual(analyseScenario(text, catalog).problems);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('lints an unchanged policy once, however far it moves', () => {
    const cache = new LintCache();
    analyseScenario(BASE, catalog, cache);
    const size = cache.size;
    expect(size).toBe(3);
    analyseScenario(`# one\n# two\n${BASE}`, catalog, cache);
    expect(cache.size).toBe(size);
    analyseScenario(BASE.replace('instance/x', 'instance/y'), catalog, cache);
    expect(cache.size).toBe(size + 1);
  });

  it('slices a range with the rest of its last line', () => {
    const text = 'ab\ncdef\ngh';
    expect(sliceOf(text, lineStarts(text), { line: 2, column: 2, endLine: 2, endColumn: 3 })).toBe('def\n');
    expect(sliceOf(text, lineStarts(text), { line: 9, column: 1, endLine: 9, endColumn: 2 })).toBeUndefined();
  });
});
