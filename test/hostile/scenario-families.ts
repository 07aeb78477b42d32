/**
 * Hostile scenarios (`eval --scenario`, `preflight --scenario`): truncated, wrong types, keys named
 * after Object.prototype members, `file:` references outside the tree, terminal escapes, very long
 * strings, YAML bombs, very many values. Every input lives in `scenarios/` beside the policies the
 * valid scenario references.
 */
import { stringify } from 'yaml';
import { RESOURCE } from './commands.js';
import { offsets, pointerName, PROTO_KEYS, replaceAt, TERMINAL_PAYLOADS, wrongTypesAt, type HostileInput, type Verdict } from './inputs.js';
import { yamlBombs, emptyAndPaths } from './document-families.js';
import { hostileReferences } from './references.js';

export const SCENARIO_DIR = 'scenarios';

/** A valid scenario: the request, a control level, file and inline identity policies. */
export const BASE_SCENARIO = {
  request: {
    principal: { type: 'RamUser', arn: 'acs:ram::1234567890123456:user/alice' },
    action: 'cams:UpdateInstance',
    resource: RESOURCE,
    context: { 'acs:SecureTransport': 'true', 'acs:CurrentTime': '2026-11-28T10:00:00Z' },
    absent: ['acs:MFAPresent'],
  },
  policies: {
    control: [[{ name: 'control', file: 'control-no-deletes-in-prod.control.json' }]],
    identity: [
      { name: 'cams-operator', file: 'cams-operator.json' },
      { name: 'inline', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:Get*', Resource: '*' }] } },
    ],
  },
};

const scenario = (family: string, variant: string, content: string | Buffer, extra: Partial<HostileInput> = {}, ext = 'yaml'): HostileInput => ({
  name: `scenario-${family}/${variant}`,
  family,
  file: `${SCENARIO_DIR}/${family}--${variant}.${ext}`,
  content,
  ...extra,
});

const yamlOf = (value: unknown) => stringify(value, { lineWidth: 0 });
const withValue = (pointer: string, value: unknown) => replaceAt(BASE_SCENARIO, pointer, value);

function truncated(): HostileInput[] {
  const yaml = yamlOf(BASE_SCENARIO).trimEnd();
  const json = JSON.stringify(BASE_SCENARIO, null, 2);
  return [
    ...offsets(yaml.length, 10, 3).map((at) => scenario('truncated', `yaml-${at}`, yaml.slice(0, at))),
    ...offsets(json.length, 8, 4).map((at) => scenario('truncated', `json-${at}`, json.slice(0, at), { verdict: 'invalid' }, 'json')),
  ];
}

const POINTERS = ['', '/request', '/request/principal', '/request/principal/type', '/request/principal/arn', '/request/action', '/request/resource', '/request/context', '/request/absent', '/request/absent/0', '/policies', '/policies/identity', '/policies/identity/0', '/policies/identity/0/file', '/policies/identity/1/document', '/policies/control/0'];

/** Each field given each wrong type; a context value may be a number or a list. */
function wrongTypes(): HostileInput[] {
  const inputs: HostileInput[] = [];
  for (const pointer of [...POINTERS, '/request/context/acs:SecureTransport']) {
    for (const [type, value] of wrongTypesAt(BASE_SCENARIO, pointer)) {
      const mayBeValid = pointer.startsWith('/request/context/') && type !== 'object' && type !== 'nested-array';
      inputs.push(scenario('wrong-type', `${pointerName(pointer)}-${type}`, yamlOf(withValue(pointer, value)), mayBeValid ? {} : { verdict: 'invalid' }));
    }
  }
  return inputs;
}

/** Keys named `__proto__`, `constructor`, … as context keys, absent keys, policy names and elements. */
function protoKeys(): HostileInput[] {
  const inputs: HostileInput[] = [];
  const base = yamlOf(BASE_SCENARIO);
  for (const key of PROTO_KEYS) {
    const add = (where: string, text: string, verdict?: Verdict) => inputs.push(scenario('proto-key', `${where}-${key}`, text, { verdict }));
    add('context-key', base.replace('  context:\n', `  context:\n    ${key}: x\n`));
    add('absent-key', base.replace('  absent:\n', `  absent:\n    - ${key}\n`));
    add('policy-name', base.replace('name: cams-operator', `name: ${key}`));
    add('document-key', `${key}: {polluted: true}\n${base}`, 'invalid');
    add('request-key', base.replace('request:\n', `request:\n  ${key}: {polluted: true}\n`), 'invalid');
    add('layer-name', base.replace('policies:\n', `policies:\n  ${key}: []\n`), 'invalid');
  }
  return inputs;
}

/** Every hostile reference, from the identity layer and from the control layer. */
function references(): HostileInput[] {
  return hostileReferences(SCENARIO_DIR).flatMap((ref) => [
    scenario('reference', `identity-${ref.label}`, yamlOf(withValue('/policies/identity/0/file', ref.path)), { verdict: 'invalid', code: ref.code, secret: ref.secret, companions: ref.companions }),
    scenario('reference', `control-${ref.label}`, yamlOf(withValue('/policies/control/0/0/file', ref.path)), { verdict: 'invalid', code: ref.code, secret: ref.secret, companions: ref.companions }),
  ]);
}

/** Terminal payloads in each string field. */
function terminal(): HostileInput[] {
  const fields = ['/request/action', '/request/resource', '/request/principal/arn', '/request/context/acs:SecureTransport', '/policies/identity/0/name', '/policies/identity/0/file', '/request/absent/0'];
  const inputs: HostileInput[] = [];
  for (const [label, payload] of Object.entries(TERMINAL_PAYLOADS).slice(0, 2)) {
    for (const pointer of fields) inputs.push(scenario('terminal', `${pointerName(pointer)}-${label}`, yamlOf(withValue(pointer, payload))));
    const keyed = structuredClone(BASE_SCENARIO) as { request: { context: Record<string, string> } };
    keyed.request.context[`acs:${payload}`] = 'x';
    inputs.push(scenario('terminal', `context-key-${label}`, yamlOf(keyed)));
  }
  return inputs;
}

/** Long strings, and very many values, keys, absent keys and policies. */
function sizes(): HostileInput[] {
  const inputs: HostileInput[] = [];
  const heavy = { heavy: true };
  for (const length of [100_000, 900_000]) {
    const s = 'ab?*'.repeat(length / 4);
    for (const pointer of ['/request/action', '/request/resource', '/request/context/acs:SecureTransport']) inputs.push(scenario('long-string', `${pointerName(pointer)}-${length}`, yamlOf(withValue(pointer, s)), heavy));
  }
  const many = <T>(n: number, f: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => f(i));
  inputs.push(scenario('many', 'context-values-10000', yamlOf(withValue('/request/context/acs:SourceIp', many(10_000, (i) => `10.0.${(i >> 8) & 255}.${i & 255}`))), heavy));
  inputs.push(scenario('many', 'context-keys-10000', yamlOf(withValue('/request/context', Object.fromEntries(many(10_000, (i) => [`acs:K${i}`, 'x'])))), heavy));
  inputs.push(scenario('many', 'absent-keys-10000', yamlOf(withValue('/request/absent', many(10_000, (i) => `acs:K${i}`))), heavy));
  const inline = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:Get*', Resource: '*' }] };
  inputs.push(scenario('many', 'identity-policies-5000', JSON.stringify(withValue('/policies/identity', many(5_000, (i) => ({ name: `p${i}`, document: inline })))), heavy, 'json'));
  return inputs;
}

/** Every hostile scenario. */
export function hostileScenarios(): HostileInput[] {
  const valid = yamlOf(BASE_SCENARIO);
  return [
    ...truncated(),
    ...wrongTypes(),
    ...protoKeys(),
    ...references(),
    ...terminal(),
    ...sizes(),
    ...yamlBombs(valid, (variant, content, extra) => scenario('yaml', variant, content, extra)),
    ...emptyAndPaths(SCENARIO_DIR, 'scenario', 1_000_001),
  ];
}
