/**
 * The model of a policy pair (src/analysis/model.ts), built directly: the dimensions' kinds and
 * names, the readable first guesses of each region (catalog names, patterns with their wildcards
 * filled in, the witness role), the exclusion atom, statement references, and one atom per
 * language whatever the order of its values (issue 17: these were reached only through answers).
 */
import { describe, expect, it } from 'vitest';
import { buildModel, WITNESS_ROLE_ARN } from '../../src/analysis/model.js';
import type { AnalysisPolicy } from '../../src/analysis/access-check.js';
import type { Catalog, CatalogAction } from '../../src/catalog/types.js';
// From its module, not src/index.js: each mutant's run imports its covering test files afresh, and
// the whole library adds 0.5-1 s to every run (docs/testing.md, round 5)
import { parsePolicy } from '../../src/policy/parse-policy.js';
import type { PolicyKind } from '../../src/policy/types.js';

const action = (fullName: string): CatalogAction => ({ service: fullName.split(':')[0]!, name: fullName.split(':')[1]!, fullName, access: 'unknown', resources: 'unknown', conditionKeys: [], changesPermissions: false, source: { inferred: 'test' } });
const CATALOG: Catalog = { services: new Map(), actions: new Map(['s:Get', 's:Put'].map((n) => [n, action(n)])), conditionKeys: [], systemPolicies: new Map() };

function policy(name: string, Statement: object[], kind: PolicyKind = 'identity'): AnalysisPolicy {
  const { policy: document, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement }), { kind });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { name, document: document! };
}

const input = { alwaysPresentKeys: new Set<string>(), singleValuedKeys: false };

describe('the model of two identity policies', () => {
  const granted = policy('granted', [
    { Sid: 'Wide', Effect: 'Allow', Action: 's:G*', Resource: 'acs:x:*:*:r?', Condition: { StringEquals: { 'acs:SourceVpc': ['vpc-2', 'vpc-1'] } } },
    { Effect: 'Deny', Action: 's:G?T', Resource: '*', Condition: { StringEquals: { 'acs:SourceVpc': ['vpc-1', 'vpc-2', 'vpc-1'] } } },
  ]);
  const notGranted = policy('old', [{ Effect: 'Allow', Action: 's:Put', Resource: '*' }]);
  // Built in each test, not here: perTest coverage credits only code run inside a test (docs/testing.md, round 5)
  const build = () => buildModel({ granted, notGranted, catalog: CATALOG, actionExclusions: ['s:Get', 's:Put'], ...input });

  it('has an action, a resource and a key dimension, the action one with the exclusion atom last', () => {
    const model = build();
    expect(model.dimensions.map((d) => [d.kind, d.name])).toEqual([
      ['action', 'action'],
      ['resource', 'resource'],
      ['key', 'acs:SourceVpc'],
    ]);
    expect(model.actionPatterns).toEqual(['s:g*', 's:g?t', 's:put']);
    expect(model.actionExclusions).toHaveLength(1);
    expect(model.dimensions[0]!.atoms.at(-1)).toBe(model.actionExclusions[0]);
  });

  it('names each action region by a catalog action where one falls in it, else by a pattern filled in', () => {
    const model = build();
    const values = model.dimensions[0]!.options.map((o) => o.values[0]);
    expect(values).toContain('s:Get');
    expect(values).toContain('s:Put');
    expect(values).toContain('s:gxt');
    // a resource region by its pattern with x for each wildcard
    expect(model.dimensions[1]!.options.map((o) => o.values[0])).toContain('acs:x:x:x:rx');
  });

  it('makes one atom of one language, whatever the order and repetition of its values', () => {
    const model = build();
    expect(model.dimensions[2]!.atoms).toHaveLength(1);
    expect(model.sides[0]!.map((s) => s.clauses.map((c) => c.atom))).toEqual([model.dimensions[2]!.atoms, model.dimensions[2]!.atoms]);
  });

  it('refers to each statement by layer, policy, index, effect and Sid', () => {
    const model = build();
    // Strict: a statement without a Sid has no `sid` field at all (JSON would drop it, `in` would not)
    expect(model.sides.map((side) => side.map((s) => s.ref))).toStrictEqual([
      [
        { layer: 'identity', policy: 'granted', statement: 0, effect: 'Allow', sid: 'Wide' },
        { layer: 'identity', policy: 'granted', statement: 1, effect: 'Deny' },
      ],
      [{ layer: 'identity', policy: 'old', statement: 0, effect: 'Allow' }],
    ]);
  });

  it('has no exclusion atom when nothing is excluded', () => {
    const plain = buildModel({ granted, notGranted, ...input });
    expect(plain.actionExclusions).toEqual([]);
    expect(plain.dimensions[0]!.atoms).toHaveLength(3);
  });
});

describe('the model of two trust policies', () => {
  const trust = (name: string, ram: string[]) => policy(name, [{ Effect: 'Allow', Principal: { RAM: ram }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'acs:PrincipalARN': 'acs:ram::1:*' } } }], 'trust');
  const build = () => buildModel({ granted: trust('new', ['acs:ram::1:root']), notGranted: trust('old', ['acs:ram::2:root']), ...input });

  it('assumes the witness role (any resource), and takes acs:PrincipalARN as atoms of the caller', () => {
    const model = build();
    expect(model.dimensions.map((d) => d.kind)).toEqual(['action', 'resource', 'principal']);
    expect(model.dimensions[1]!.options).toEqual([{ bits: [true], values: [WITNESS_ROLE_ARN] }]);
    expect(model.dimensions[2]!.name).toBe('principal');
    expect(model.dimensions[2]!.atoms).toHaveLength(3);
    expect(model.sides[0]![0]!.ref.layer).toBe('resource');
  });
});
