/**
 * Hostile policies that keep the bytes well-formed but break the structure: truncated documents,
 * a wrong type at each element, keys that name Object.prototype members, terminal escapes in each
 * string field, and duplicate keys by the thousand.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { offsets, pointerName, PROTO_KEYS, replaceAt, TERMINAL_PAYLOADS, withKey, WRONG_TYPES, type HostileInput } from './inputs.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path), 'utf8');

/** The valid policies every mutation starts from. */
export const GOOD_POLICY_TEXT = read('policies/good/cams-operator.json');
export const GOOD_POLICY = JSON.parse(GOOD_POLICY_TEXT) as Record<string, unknown>;
const CONTROL_TEXT = read('policies/examples/control-no-deletes-in-prod.control.json');
const YAML_TEXT = read('policies/examples/deny-without-mfa-on-delete.yaml');

/** A hostile policy input of `family`, written under `policies/<family>/`. */
export const policy = (family: string, variant: string, content: string | Buffer, extra: Partial<HostileInput> = {}, ext = 'json'): HostileInput => ({
  name: `${family}/${variant}`,
  family,
  file: `policies/${family}/${variant}.${ext}`,
  content,
  ...extra,
});

/** A valid JSON text cut short is never valid; a YAML text cut at a line may still be. */
function truncated(): HostileInput[] {
  const inputs: HostileInput[] = [];
  const sources: Array<[string, string, number]> = [
    ['pretty', GOOD_POLICY_TEXT.trimEnd(), 24],
    ['minified', JSON.stringify(GOOD_POLICY), 12],
    ['control', CONTROL_TEXT.trimEnd(), 10],
  ];
  for (const [label, text, count] of sources) {
    for (const at of offsets(text.length, count, text.length)) inputs.push(policy('truncated-json', `${label}-${at}`, text.slice(0, at), { verdict: 'invalid' }));
  }
  for (const at of offsets(YAML_TEXT.trimEnd().length, 12, 7)) inputs.push(policy('truncated-yaml', `at-${at}`, YAML_TEXT.slice(0, at), {}, 'yaml'));
  return inputs;
}

/** Elements of the good policy that hold a string, a container, or a condition value. */
const STRING_ELEMENTS = ['/Version', '/Statement/0/Sid', '/Statement/0/Effect', '/Statement/0/Action/0', '/Statement/1/Action', '/Statement/1/Resource'];
const CONTAINER_ELEMENTS = ['', '/Statement', '/Statement/0', '/Statement/1/Condition', '/Statement/1/Condition/IpAddress'];
const CONDITION_VALUES = ['/Statement/1/Condition/IpAddress/acs:SourceIp', '/Statement/1/Condition/Bool/acs:SecureTransport'];

/** Each element given each wrong type. A number or boolean may be an acceptable condition value. */
function wrongTypes(): HostileInput[] {
  const inputs: HostileInput[] = [];
  for (const pointer of [...STRING_ELEMENTS, ...CONTAINER_ELEMENTS, ...CONDITION_VALUES]) {
    const replacements = CONTAINER_ELEMENTS.includes(pointer) ? [...WRONG_TYPES.filter(([t]) => t !== 'object' || pointer === ''), ['string', 'x'] as const] : WRONG_TYPES;
    for (const [type, value] of replacements) {
      const scalarCondition = CONDITION_VALUES.includes(pointer) && (type === 'number' || type === 'boolean');
      const text = JSON.stringify(replaceAt(GOOD_POLICY, pointer, value), null, 2);
      inputs.push(policy('wrong-type', `${pointerName(pointer)}-${type}`, text, scalarCondition ? {} : { verdict: 'invalid' }));
    }
  }
  // The same through the YAML reader.
  for (const pointer of ['/Version', '/Statement/0/Effect', '/Statement/1/Condition']) {
    for (const [type, value] of WRONG_TYPES.slice(0, 3)) {
      inputs.push(policy('wrong-type-yaml', `${pointerName(pointer)}-${type}`, stringify(replaceAt(GOOD_POLICY, pointer, value)), { verdict: 'invalid' }, 'yaml'));
    }
  }
  return inputs;
}

/** `__proto__` and friends as every kind of key, and as values. */
function protoKeys(): HostileInput[] {
  const inputs: HostileInput[] = [];
  const statement = (s: string) => `{"Version": "1", "Statement": [${s}]}`;
  for (const key of PROTO_KEYS) {
    const k = JSON.stringify(key);
    const at = (where: string, text: string, verdict: HostileInput['verdict']) => inputs.push(policy('proto-key', `${where}-${key}`, text, { verdict }));
    at('document', withKey(GOOD_POLICY_TEXT, key, '{"polluted": true}'), 'invalid');
    at('statement', statement(`{${k}: "x", "Effect": "Allow", "Action": "cams:*", "Resource": "*"}`), 'invalid');
    at('operator', statement(`{"Effect": "Allow", "Action": "cams:*", "Resource": "*", "Condition": {${k}: {"acs:SourceIp": "10.0.0.1"}}}`), 'invalid');
    at('condition-key', statement(`{"Effect": "Allow", "Action": "cams:*", "Resource": "*", "Condition": {"StringEquals": {${k}: "x"}}}`), undefined);
    at('action-value', statement(`{"Effect": "Allow", "Action": ${k}, "Resource": ${k}}`), 'invalid');
    inputs.push(policy('proto-key', `yaml-document-${key}`, `${key}: {polluted: true}\n${YAML_TEXT}`, { verdict: 'invalid' }, 'yaml'));
  }
  return inputs;
}

/** Each terminal payload in each string field; a Sid or a condition value may hold anything. */
function terminalEscapes(): HostileInput[] {
  const inputs: HostileInput[] = [];
  for (const [label, payload] of Object.entries(TERMINAL_PAYLOADS)) {
    const p = JSON.stringify(payload);
    const fields: Array<[string, string, HostileInput['verdict']]> = [
      ['sid', `{"Sid": ${p}, "Effect": "Allow", "Action": "cams:*", "Resource": "*"}`, undefined],
      ['action', `{"Effect": "Allow", "Action": ${JSON.stringify('cams:' + payload)}, "Resource": "*"}`, undefined],
      ['resource', `{"Effect": "Allow", "Action": "cams:*", "Resource": ${JSON.stringify('acs:cams:*:*:instance/' + payload)}}`, undefined],
      ['effect', `{"Effect": ${p}, "Action": "cams:*", "Resource": "*"}`, 'invalid'],
      ['operator', `{"Effect": "Allow", "Action": "cams:*", "Resource": "*", "Condition": {${p}: {"acs:SourceIp": "10.0.0.1"}}}`, 'invalid'],
      ['condition-key', `{"Effect": "Allow", "Action": "cams:*", "Resource": "*", "Condition": {"StringEquals": {${JSON.stringify('acs:' + payload)}: "x"}}}`, undefined],
      ['condition-value', `{"Effect": "Allow", "Action": "cams:UpdateInstance", "Resource": "*", "Condition": {"StringEquals": {"acs:UserAgent": ${p}}}}`, undefined],
    ];
    for (const [field, statement, verdict] of fields) inputs.push(policy('terminal', `${field}-${label}`, `{"Version": "1", "Statement": [${statement}]}`, { verdict }));
    inputs.push(policy('terminal', `version-${label}`, `{"Version": ${p}, "Statement": []}`, { verdict: 'invalid' }));
    inputs.push(policy('terminal', `element-${label}`, withKey(GOOD_POLICY_TEXT, payload, '1'), { verdict: 'invalid' }));
    inputs.push(policy('terminal', `yaml-sid-${label}`, stringify({ Version: '1', Statement: [{ Sid: payload, Effect: 'Allow', Action: 'cams:*', Resource: '*' }] }), {}, 'yaml'));
  }
  return inputs;
}

/** Thousands of duplicate keys (issue 12 item 4: 5,000 made 225 MB of lint output, 20,000 `Invalid string length`). */
function duplicateKeys(): HostileInput[] {
  const inputs: HostileInput[] = [];
  for (const n of [5_000, 20_000]) {
    const keys = Array.from({ length: n }, () => '"Sid": "a"').join(', ');
    inputs.push(policy('duplicate-keys', `json-${n}`, `{"Version": "1", "Statement": [{${keys}, "Effect": "Allow", "Action": "cams:*", "Resource": "*"}]}`, { verdict: 'invalid', heavy: true }));
  }
  const yaml = `Version: "1"\nStatement:\n  - Effect: Allow\n    Action: cams:*\n    Resource: "*"\n${'    Sid: a\n'.repeat(5_000)}`;
  inputs.push(policy('duplicate-keys', 'yaml-5000', yaml, { verdict: 'invalid', heavy: true }, 'yaml'));
  inputs.push(policy('duplicate-keys', 'statement-twice', `{"Version": "1", "Statement": [], "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}`, { verdict: 'invalid' }));
  inputs.push(policy('duplicate-keys', 'proto-twice', `{"Version": "1", "__proto__": {}, "__proto__": {}, "Statement": []}`, { verdict: 'invalid' }));
  return inputs;
}

/** The structural families of hostile policies. */
export function structuralPolicies(): HostileInput[] {
  return [...truncated(), ...wrongTypes(), ...protoKeys(), ...terminalEscapes(), ...duplicateKeys()];
}
