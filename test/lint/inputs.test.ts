/** Policies found in Terraform plans and ROS templates: their kind, origin and positions. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/index.js';
import { lintPolicy } from '../../src/lint/engine.js';
import { extractPolicies, kindFromFileName } from '../../src/lint/inputs/extract.js';

const fixture = (name: string) => new URL(`./fixtures/${name}`, import.meta.url).pathname;
const lintFile = (name: string) => {
  const file = fixture(name);
  const extraction = extractPolicies(readFileSync(file, 'utf8'), file);
  return { extraction, findings: extraction.sources.flatMap((s) => lintPolicy(s, builtinCatalog())) };
};

describe('Terraform plan JSON', () => {
  it('finds every RAM policy, role trust policy and control policy, in child modules too, skipping unknown values', () => {
    const { extraction } = lintFile('plan.json');
    expect(extraction.format).toBe('terraform-plan');
    expect(extraction.sources.map((s) => [s.kind, s.origin, s.pointerPrefix])).toEqual([
      ['identity', 'alicloud_ram_policy.cams_ops (policy_document)', '/planned_values/root_module/resources/0/values/policy_document'],
      ['trust', 'alicloud_ram_role.deployer (assume_role_policy_document)', '/planned_values/root_module/resources/1/values/assume_role_policy_document'],
      ['control', 'module.guard.alicloud_resource_manager_control_policy.no_deletes (policy_document)', '/planned_values/root_module/child_modules/0/resources/0/values/policy_document'],
    ]);
  });

  it('reports findings at the attribute line, with the path inside the embedded document', () => {
    const { findings } = lintFile('plan.json');
    expect(findings.map((f) => [f.code, f.range?.line, f.path, f.origin])).toEqual([
      ['allow-star-on-star', 12, '/planned_values/root_module/resources/0/values/policy_document/Statement/0', 'alicloud_ram_policy.cams_ops (policy_document)'],
      ['invalid-effect', 20, '/planned_values/root_module/resources/1/values/assume_role_policy_document/Statement/0/Effect', 'alicloud_ram_role.deployer (assume_role_policy_document)'],
    ]);
  });
});

describe('ROS templates', () => {
  it('finds managed policies, trust policies and inline policies of roles, users and groups', () => {
    const { extraction } = lintFile('template.ros.yaml');
    expect(extraction.format).toBe('ros-template');
    expect(extraction.sources.map((s) => [s.kind, s.pointerPrefix])).toEqual([
      ['identity', '/Resources/CamsOpsPolicy/Properties/PolicyDocument'],
      ['trust', '/Resources/Deployer/Properties/AssumeRolePolicyDocument'],
      ['identity', '/Resources/Deployer/Properties/Policies/0/PolicyDocument'],
      ['identity', '/Resources/Ops/Properties/Policies/0/PolicyDocument'],
    ]);
  });

  it('points at the exact line inside the template', () => {
    const { findings } = lintFile('template.ros.yaml');
    const byCode = Object.fromEntries(findings.map((f) => [f.code, f]));
    expect([byCode['allow-star-on-star']?.range?.line, byCode['allow-star-on-star']?.path]).toEqual([10, '/Resources/CamsOpsPolicy/Properties/PolicyDocument/Statement/0']);
    expect([byCode['invalid-effect']?.range?.line, byCode['invalid-effect']?.origin]).toEqual([29, 'Deployer (ALIYUN::RAM::Role inline policy inline)']);
  });
});

describe('bare files', () => {
  it.each([
    ['p.json', 'identity'],
    ['p.trust.json', 'trust'],
    ['org/root.control.yaml', 'control'],
    ['s.SESSION.yml', 'session'],
    ['trust.json', 'identity'],
  ] as const)('%s is a %s policy', (file, kind) => expect(kindFromFileName(file)).toBe(kind));

  it('skips YAML that is not a policy when a directory walk found it, and lints it when named', () => {
    const workflow = 'name: ci\non: [push]\njobs: {}\n';
    expect(extractPolicies(workflow, 'ci.yml', { explicit: false }).sources).toEqual([]);
    const named = extractPolicies(workflow, 'ci.yml', { explicit: true });
    expect(lintPolicy(named.sources[0]!, builtinCatalog()).map((f) => f.code)).toContain('missing-element');
  });

  it('lints a file that does not parse as a syntax-error finding', () => {
    const extraction = extractPolicies('{"Version": "1",, }', 'broken.json', { explicit: false });
    expect(lintPolicy(extraction.sources[0]!, builtinCatalog()).map((f) => [f.code, f.range?.line, f.range?.column])).toEqual([['syntax-error', 1, 17]]);
  });
});
