/**
 * `ramguard diff` in process (src/analysis/diff.ts), on a small catalog: the per-action answer in
 * both directions (D1) with the actions outside the catalog shown by the patterns that reach them,
 * the resources and conditions as written (D2), the principals of trust policies and the
 * diagnostic for Service callers (N12) as an error or, once a RAM caller gains access, a warning,
 * `scope`, `singleValuedKeys`, NotAction (issue 17: only the CLI tests, which run the built binary,
 * looked at these fields).
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisPolicy } from '../../src/analysis/access-check.js';
import { diffPolicies } from '../../src/analysis/diff.js';
import type { Catalog, CatalogAction } from '../../src/catalog/types.js';
import { parsePolicy } from '../../src/index.js';
import type { PolicyKind } from '../../src/policy/types.js';

const NAMES = ['s:a', 's:b', 's:ab', 's:ba', 't:a'];
const action = (fullName: string): CatalogAction => ({ service: fullName.split(':')[0]!, name: fullName.split(':')[1]!, fullName, access: 'unknown', resources: 'unknown', conditionKeys: [], changesPermissions: false, source: { inferred: 'test' } });
const CATALOG: Catalog = {
  services: new Map(),
  actions: new Map(NAMES.map((n) => [n, action(n)])),
  conditionKeys: [
    { name: 'acs:CurrentTime', type: 'date', alwaysPresent: true, description: '', source: { inferred: 'test' } },
    { name: 'acs:Tag/*', type: 'string', alwaysPresent: true, description: '', source: { inferred: 'test' } },
  ],
  systemPolicies: new Map(),
};

function policy(name: string, Statement: object[], kind: PolicyKind = 'identity'): AnalysisPolicy {
  const { policy: document, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement }), { kind });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { name, document: document! };
}

const r = (n: number) => `acs:x:*:*:r${n}`;
const vpc = { StringEquals: { 'acs:SourceVpc': ['vpc-1', 'vpc-2'] } };

describe('diff of two identity policies', () => {
  // t:a is allowed alike on both sides; s:A and s:B* are s:a and s:b* again (patterns are matched lower-cased)
  const before = policy('before', [
    { Effect: 'Allow', Action: 's:a', Resource: r(1), Condition: vpc },
    { Effect: 'Allow', Action: 't:a', Resource: '*' },
  ]);
  const after = policy('after', [
    { Effect: 'Allow', Action: ['s:a', 's:b*'], Resource: [r(1), r(2)] },
    { Effect: 'Deny', Action: ['s:A', 's:B*'], Resource: r(3) },
    { Effect: 'Allow', Action: 't:a', Resource: '*' },
  ]);

  it('lists each catalog action gained, the patterns reaching gained actions outside the catalog, and what is written on one side only', () => {
    expect(diffPolicies(before, after, { catalog: CATALOG })).toEqual({
      actions: [
        { action: 's:a', outsideCatalog: false, added: true, removed: false },
        { action: 's:b', outsideCatalog: false, added: true, removed: false },
        { action: 's:ba', outsideCatalog: false, added: true, removed: false },
        { action: 's:b*', outsideCatalog: true, added: true, removed: false },
      ],
      resources: [
        { change: 'added', effect: 'Allow', text: r(2) },
        { change: 'added', effect: 'Deny', text: r(3) },
      ],
      conditions: [{ change: 'removed', effect: 'Allow', text: 'StringEquals acs:SourceVpc = vpc-1, vpc-2' }],
      diagnostics: [],
    });
  });

  it('lists the same actions as removed the other way round', () => {
    const back = diffPolicies(after, before, { catalog: CATALOG });
    expect(back.actions.map((a) => [a.action, a.outsideCatalog, a.added, a.removed])).toEqual([
      ['s:a', false, false, true],
      ['s:b', false, false, true],
      ['s:ba', false, false, true],
      ['s:b*', true, false, true],
    ]);
    expect(back.resources.map((c) => c.change)).toEqual(['removed', 'removed']);
    expect(back.conditions).toEqual([{ change: 'added', effect: 'Allow', text: 'StringEquals acs:SourceVpc = vpc-1, vpc-2' }]);
  });

  it('keeps to the scope, matched without regard to case, outside the catalog too', () => {
    // Given also every u: action allowed after (none of them is in the catalog): u:x… is reached by two patterns
    const wider = policy('after', [
      { Effect: 'Allow', Action: ['s:a', 's:b*', 'u:*', 'u:x*'], Resource: [r(1), r(2)] },
      { Effect: 'Deny', Action: ['s:A', 's:B*'], Resource: r(3) },
      { Effect: 'Allow', Action: 't:a', Resource: '*' },
    ]);
    expect(diffPolicies(before, wider, { catalog: CATALOG }).actions.map((a) => a.action)).toEqual(['s:a', 's:b', 's:ba', 's:b*', 'u:*`, `u:x*', 'u:*']);
    expect(diffPolicies(before, wider, { catalog: CATALOG, scope: ['S:B*', 'x:y'] }).actions.map((a) => a.action)).toEqual(['s:b', 's:ba', 's:b*']);
    expect(diffPolicies(before, wider, { catalog: CATALOG, scope: [] }).actions).toHaveLength(6);
  });

  it('finds nothing between a policy and itself', () => {
    expect(diffPolicies(after, after, { catalog: CATALOG })).toEqual({ actions: [], resources: [], conditions: [], diagnostics: [] });
  });
});

describe('diff with NotAction, several values per key, always-present keys and the analysis limit', () => {
  it('reaches every catalog action through NotAction, and shows the other actions as `*` when no pattern names them', () => {
    const before = policy('before', [{ Effect: 'Allow', NotAction: 's:a', Resource: '*' }]);
    const after = policy('after', [{ Effect: 'Deny', Action: 's:a', Resource: r(9) }]);
    expect(diffPolicies(before, after, { catalog: CATALOG }).actions).toEqual([
      ...['s:b', 's:ab', 's:ba', 't:a'].map((a) => ({ action: a, outsideCatalog: false, added: false, removed: true })),
      { action: '*', outsideCatalog: true, added: false, removed: true },
    ]);
  });

  it('tells keys of one value from keys of several (singleValuedKeys)', () => {
    // Given an Allow only a request giving acs:SourceVpc two values (vpc-1 and a vpc-2…) meets
    const before = policy('before', [{ Effect: 'Allow', Action: 's:a', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': 'vpc-1' }, StringLike: { 'acs:SourceVpc': 'vpc-2*' } } }]);
    const after = policy('after', [{ Effect: 'Deny', Action: 's:a', Resource: r(9) }]);
    expect(diffPolicies(before, after, { catalog: CATALOG }).actions).toEqual([{ action: 's:a', outsideCatalog: false, added: false, removed: true }]);
    expect(diffPolicies(before, after, { catalog: CATALOG, singleValuedKeys: true }).actions).toEqual([]);
  });

  it('never takes a key the catalog says is always present as absent', () => {
    // Given an Allow that holds only when acs:CurrentTime is absent (every value matches *)
    const before = policy('before', [{ Effect: 'Allow', Action: 's:a', Resource: '*', Condition: { StringNotLike: { 'acs:CurrentTime': '*' } } }]);
    const after = policy('after', [{ Effect: 'Deny', Action: 's:a', Resource: r(9) }]);
    expect(diffPolicies(before, after, { catalog: CATALOG }).actions).toEqual([]);
  });

  it('reports an analysis limit as a diagnostic, with the written changes still listed', () => {
    // Given 17 conditions on one multi-valued key: 2^17 combinations of values
    const before = policy('before', Array.from({ length: 17 }, (_, i) => ({ Effect: 'Allow', Action: 's:a', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': `vpc-${i}` } } })));
    const after = policy('after', [{ Effect: 'Deny', Action: 's:a', Resource: r(9) }]);
    const diff = diffPolicies(before, after, { catalog: CATALOG });
    expect(diff.actions).toEqual([]);
    expect(diff.resources).toEqual([
      { change: 'added', effect: 'Deny', text: r(9) },
      { change: 'removed', effect: 'Allow', text: '*' },
    ]);
    expect(diff.diagnostics).toEqual([{ code: 'analysis-limit', severity: 'error', message: 'the analysis stopped: more than 100000 value combinations for one condition key', path: '' }]);
  });
});

describe('diff of two trust policies', () => {
  const trust = (name: string, principal: object[]) => policy(name, principal.map((Principal) => ({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' })), 'trust');
  const before = trust('before', [{ RAM: ['acs:ram::1:root'] }]);

  it('lists the principals written on one side, and a Service caller gained as an error while no RAM caller gains', () => {
    const diff = diffPolicies(before, trust('after', [{ RAM: ['acs:ram::1:root'] }, { Service: ['ecs.aliyuncs.com'] }]));
    expect(diff.principals).toEqual([{ change: 'added', effect: 'Allow', text: 'Service ecs.aliyuncs.com' }]);
    expect(diff.actions).toEqual([]);
    expect(diff.diagnostics.map((d) => [d.code, d.severity])).toEqual([['analysis-unmodelled-principal', 'error']]);
  });

  it('makes that diagnostic a warning once a RAM caller gains access', () => {
    const diff = diffPolicies(before, trust('after', [{ RAM: ['acs:ram::1:root', 'acs:ram::2:root'] }, { Service: ['ecs.aliyuncs.com'] }]));
    expect(diff.principals).toEqual([
      { change: 'added', effect: 'Allow', text: 'RAM acs:ram::2:root' },
      { change: 'added', effect: 'Allow', text: 'Service ecs.aliyuncs.com' },
    ]);
    expect(diff.actions.map((a) => [a.action, a.added, a.removed])).toEqual([['sts:AssumeRole', true, false]]);
    expect(diff.diagnostics.map((d) => [d.code, d.severity])).toEqual([['analysis-unmodelled-principal', 'warning']]);
  });
});
