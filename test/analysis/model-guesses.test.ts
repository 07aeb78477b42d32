/**
 * The model's readable first guesses and its atoms, written out (src/analysis/model.ts): each
 * region's value is the first of the catalog's names, the catalog's example ARNs, the witness role
 * and the patterns filled in that falls in it; one atom per distinct pattern, folded as RAM folds
 * actions; and in a trust policy, `acs:PrincipalARN` as atoms of the caller only when every test
 * of it is a string test. Each model is built inside its test: perTest coverage credits a test
 * only with the code it runs itself (docs/testing.md, round 5).
 */
import { describe, expect, it } from 'vitest';
import type { AnalysisPolicy } from '../../src/analysis/access-check.js';
import { buildModel, WITNESS_ROLE_ARN, type Model } from '../../src/analysis/model.js';
import { builtinCatalog } from '../../src/catalog/builtin.js';
// From its module, not src/index.js: each mutant's run imports its covering test files afresh, and
// the whole library adds 0.5-1 s to every run (docs/testing.md, round 5)
import { parsePolicy } from '../../src/policy/parse-policy.js';
import type { PolicyKind } from '../../src/policy/types.js';

function policy(name: string, Statement: object[], kind: PolicyKind = 'identity'): AnalysisPolicy {
  const { policy: document, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement }), { kind });
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return { name, document: document! };
}

const input = { alwaysPresentKeys: new Set<string>(), singleValuedKeys: false };

/** A dimension's options as `bits → value`. */
const options = (model: Model, kind: string) =>
  model.dimensions
    .filter((d) => d.kind === kind)
    .flatMap((d) => d.options.map((o) => [o.bits.map((b) => (b ? 1 : 0)).join(''), o.values.join(',')]));

describe('readable first guesses', () => {
  it('fills each wildcard with x, then drops the stars: two guesses per pattern', () => {
    // `s:a*b` filled is `s:axb`, which `s:axb` names too; dropping the star gives `s:ab`, in `s:a*b` only
    const model = buildModel({ granted: policy('p', [{ Effect: 'Allow', Action: ['s:a*b', 's:axb'], Resource: ['acs:s:*:*:a?*', 'acs:s:*:*:ax'] }]), ...input });
    expect(options(model, 'action')).toEqual([
      ['11', 's:axb'],
      ['10', 's:ab'],
      ['00', ''],
    ]);
    // `?` stays a character in the second guess: `acs:s:*:*:ax` (filled: `acs:s:x:x:axx`, dropped: `acs:s:::ax`)
    expect(options(model, 'resource')).toEqual([
      ['10', 'acs:s:x:x:axx'],
      ['11', 'acs:s:::ax'],
      ['00', ''],
    ]);
  });

  it('tries the example ARN of each catalog resource type, its placeholders filled', () => {
    const model = buildModel({ granted: policy('p', [{ Effect: 'Allow', Action: 'cams:*', Resource: ['acs:cams:*:*:instance/*', 'acs:ram:*:*:user/*'] }]), catalog: builtinCatalog(), ...input });
    expect(options(model, 'resource')).toEqual([
      ['10', 'acs:cams:cn-hangzhou:1234567890123456:instance/example'],
      ['01', 'acs:ram:*:1234567890123456:user/example'],
      ['00', expect.any(String)],
    ]);
  });

  it('starts from the empty string when no guess falls in a region', () => {
    const model = buildModel({ granted: policy('p', [{ Effect: 'Allow', Action: 's:Get', Resource: 'r' }]), ...input });
    expect(options(model, 'resource')).toEqual([
      ['1', 'r'],
      ['0', ''],
    ]);
  });
});

describe('atoms', () => {
  it('makes one atom of a pattern written twice, and one of an action in two cases', () => {
    const model = buildModel({ granted: policy('p', [{ Effect: 'Allow', Action: 's:Get', Resource: 'r' }, { Effect: 'Allow', Action: 's:GET', Resource: 'r' }]), ...input });
    expect(model.atomCount).toBe(2);
    expect(model.actionPatterns).toEqual(['s:get']);
    expect(model.sides[0]!.map((s) => [s.actionAtoms, s.resourceAtoms])).toEqual([
      [[0], [1]],
      [[0], [1]],
    ]);
  });

  it('folds actions by their lower case: `s:ß` and `s:ss` are two patterns (their upper cases are one)', () => {
    // A policy's actions are ASCII (invalid-action-format); a scope is taken as given
    const model = buildModel({ granted: policy('p', [{ Effect: 'Allow', Action: 's:*', Resource: '*' }]), actionScope: ['s:ß', 's:SS'], ...input });
    expect(model.actionPatterns).toEqual(['s:*', 's:ß', 's:ss']);
  });

  it('gives every option one bit per atom of its dimension, with and without excluded actions', () => {
    const granted = policy('p', [{ Effect: 'Allow', Action: ['s:Get', 's:*'], Resource: '*' }]);
    for (const model of [buildModel({ granted, ...input }), buildModel({ granted, actionExclusions: ['s:Put'], ...input })]) {
      for (const d of model.dimensions) for (const o of d.options) expect(o.bits).toHaveLength(d.atoms.length);
    }
  });
});

describe('the caller of a trust policy', () => {
  const trust = (condition: object) => policy('t', [{ Effect: 'Allow', Principal: { RAM: ['acs:ram::1:root'] }, Action: 'sts:AssumeRole', Condition: condition }], 'trust');

  it('is the witness caller where no entry names it', () => {
    const model = buildModel({ granted: trust({ StringEquals: { 'acs:SourceVpc': 'v' } }), ...input });
    expect(options(model, 'principal')).toContainEqual(['0', 'acs:ram::1234567890123456:user/ramguard-witness']);
    // Keys other than acs:PrincipalARN stay keys
    expect(model.dimensions.map((d) => [d.kind, d.name])).toEqual([
      ['action', 'action'],
      ['resource', 'resource'],
      ['principal', 'principal'],
      ['key', 'acs:SourceVpc'],
    ]);
    expect(model.dimensions[2]!.atoms).toHaveLength(1);
  });

  it('takes acs:PrincipalARN as atoms of the caller when every test of it is a string test, and keeps the other keys', () => {
    const model = buildModel({ granted: trust({ StringLike: { 'acs:PrincipalARN': 'acs:ram::1:*' }, StringEquals: { 'acs:SourceVpc': 'v' } }), ...input });
    expect(model.dimensions.map((d) => [d.kind, d.name])).toEqual([
      ['action', 'action'],
      ['resource', 'resource'],
      ['principal', 'principal'],
      ['key', 'acs:SourceVpc'],
    ]);
    expect(model.dimensions[2]!.atoms).toHaveLength(2);
  });

  it('takes acs:PrincipalARN as a key of its own when one of its tests is not a string test', () => {
    const model = buildModel({ granted: trust({ StringLike: { 'acs:PrincipalARN': 'acs:ram::1:*' }, Bool: { 'acs:PrincipalARN': 'true' } }), ...input });
    expect(model.dimensions.map((d) => [d.kind, d.name])).toEqual([
      ['action', 'action'],
      ['resource', 'resource'],
      ['principal', 'principal'],
      ['key', 'acs:PrincipalARN'],
    ]);
    expect(model.dimensions[2]!.atoms).toHaveLength(1);
    expect(options(model, 'resource')).toEqual([['1', WITNESS_ROLE_ARN]]);
  });
});
