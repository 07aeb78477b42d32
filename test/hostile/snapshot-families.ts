/**
 * Hostile account snapshots (`eval --snapshot`, `audit who-can`, `audit principal-can`): truncated,
 * wrong types, names and tag keys after Object.prototype members, `file:` references outside the
 * tree, terminal escapes, YAML bombs, very many principals and tags. Every input lives in
 * `snapshots/` beside the policies the example snapshot references.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { READ_LIMITS } from '../../src/cli/kit/limits.js';
import { emptyAndPaths, yamlBombs } from './document-families.js';
import { offsets, pointerName, PROTO_KEYS, replaceAt, TERMINAL_PAYLOADS, wrongTypesAt, type HostileInput, type Verdict } from './inputs.js';
import { hostileReferences } from './references.js';

export const SNAPSHOT_DIR = 'snapshots';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The example snapshot: text and data. */
export const SNAPSHOT_TEXT = readFileSync(resolve(ROOT, 'policies/examples/account.snapshot.yaml'), 'utf8');
const BASE = parse(SNAPSHOT_TEXT) as Record<string, unknown>;

const snapshot = (family: string, variant: string, content: string, extra: Partial<HostileInput> = {}, ext = 'yaml'): HostileInput => ({
  name: `snapshot-${family}/${variant}`,
  family,
  file: `${SNAPSHOT_DIR}/${family}--${variant}.${ext}`,
  content,
  ...extra,
});

const yamlOf = (value: unknown) => stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
const withValue = (pointer: string, value: unknown) => yamlOf(replaceAt(BASE, pointer, value));

function truncated(): HostileInput[] {
  const json = JSON.stringify(BASE);
  return [
    ...offsets(SNAPSHOT_TEXT.trimEnd().length, 10, 5).map((at) => snapshot('truncated', `yaml-${at}`, SNAPSHOT_TEXT.slice(0, at))),
    ...offsets(json.length, 6, 6).map((at) => snapshot('truncated', `json-${at}`, json.slice(0, at), { verdict: 'invalid' }, 'json')),
  ];
}

const POINTERS = ['', '/accountId', '/users', '/users/0', '/users/0/name', '/users/0/groups', '/users/0/attachments', '/users/0/attachments/0/policy', '/groups/0/attachments', '/roles/0/trustPolicy', '/policies', '/policies/0/versions', '/policies/0/defaultVersion', '/policies/0/versions/0/document', '/resourceDirectory/path', '/resources/camsInstances', '/resources/camsInstances/0/tags', '/resourceGroups'];

/** Each element given a wrong type (an object in place of a string included). */
function wrongTypes(): HostileInput[] {
  const inputs: HostileInput[] = [];
  for (const pointer of POINTERS) {
    for (const [type, value] of wrongTypesAt(BASE, pointer).filter(([t]) => t !== 'boolean')) inputs.push(snapshot('wrong-type', `${pointerName(pointer)}-${type}`, withValue(pointer, value), { verdict: 'invalid' }));
  }
  // A flag the example leaves out: a string, a number and an object where a boolean belongs.
  for (const [type, value] of [['string', 'yes'], ['number', 1], ['object', { value: true }]] as const) inputs.push(snapshot('wrong-type', `roles-0-serviceLinked-${type}`, withValue('/roles/0/serviceLinked', value), { verdict: 'invalid' }));
  return inputs;
}

/** `__proto__` and friends as tag keys, principal, group and policy names, and top-level keys. */
function protoKeys(): HostileInput[] {
  const inputs: HostileInput[] = [];
  for (const key of PROTO_KEYS) {
    const add = (where: string, text: string, verdict?: Verdict) => inputs.push(snapshot('proto-key', `${where}-${key}`, text, { verdict }));
    add('tag-key', SNAPSHOT_TEXT.replace('tags: { env: prod, team: messaging }', `tags: { ${key}: x, env: prod }`));
    add('user-name', SNAPSHOT_TEXT.replace('  - name: alice\n', `  - name: ${key}\n`));
    add('group-name', SNAPSHOT_TEXT.replaceAll('ops', key));
    add('policy-name', SNAPSHOT_TEXT.replaceAll('cams-operator\n', `${key}\n`).replace('policy: cams-operator,', `policy: ${key},`));
    add('resource-group', SNAPSHOT_TEXT.replaceAll('rg-prod', key));
    add('document-key', `${key}: {polluted: true}\n${SNAPSHOT_TEXT}`, 'invalid');
  }
  return inputs;
}

/** Every hostile reference as a policy version's file and as a control policy's file. */
function references(): HostileInput[] {
  return hostileReferences(SNAPSHOT_DIR).flatMap((ref) => [
    snapshot('reference', `version-${ref.label}`, withValue('/policies/0/versions/1/file', ref.path), { verdict: 'invalid', code: ref.code, secret: ref.secret, companions: ref.companions }),
    snapshot('reference', `control-${ref.label}`, withValue('/resourceDirectory/controlPolicies/0/file', ref.path), { verdict: 'invalid', code: ref.code, secret: ref.secret, companions: ref.companions }),
  ]);
}

/** Terminal payloads in names, descriptions and tags. */
function terminal(): HostileInput[] {
  const fields = ['/users/0/displayName', '/users/0/name', '/groups/0/description', '/policies/0/description', '/resources/camsInstances/0/tags/env', '/resources/camsInstances/0/name', '/roles/0/name'];
  const inputs: HostileInput[] = [];
  for (const [label, payload] of Object.entries(TERMINAL_PAYLOADS).slice(0, 2)) {
    for (const pointer of fields) inputs.push(snapshot('terminal', `${pointerName(pointer)}-${label}`, withValue(pointer, payload)));
    inputs.push(snapshot('terminal', `tag-key-${label}`, SNAPSHOT_TEXT.replace('team: messaging', `${JSON.stringify(payload)}: messaging`)));
  }
  return inputs;
}

/** Very many users, attachments, tags and instances. */
function many(): HostileInput[] {
  const heavy = { heavy: true };
  const n = 10_000;
  const users = Array.from({ length: n }, (_, i) => ({ name: `u${i}`, groups: ['ops'], attachments: [{ policy: 'cams-operator', type: 'Custom' }] }));
  const tags = Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]));
  const instances = Array.from({ length: n }, (_, i) => ({ id: `i-${i}`, name: `n${i}`, region: 'ap-southeast-1', resourceGroup: 'rg-prod', tags: { env: 'prod' } }));
  const attachments = Array.from({ length: n }, () => ({ policy: 'AliyunCamsReadOnlyAccess', type: 'System' }));
  return [
    snapshot('many', 'users-10000', JSON.stringify(replaceAt(BASE, '/users', [...(BASE.users as unknown[]), ...users])), heavy, 'json'),
    snapshot('many', 'tags-10000', JSON.stringify(replaceAt(BASE, '/resources/camsInstances/0/tags', tags)), heavy, 'json'),
    snapshot('many', 'instances-10000', JSON.stringify(replaceAt(BASE, '/resources/camsInstances', instances)), heavy, 'json'),
    snapshot('many', 'attachments-10000', JSON.stringify(replaceAt(BASE, '/users/0/attachments', attachments)), heavy, 'json'),
  ];
}

/** Every hostile snapshot. */
export function hostileSnapshots(): HostileInput[] {
  return [
    ...truncated(),
    ...wrongTypes(),
    ...protoKeys(),
    ...references(),
    ...terminal(),
    ...many(),
    ...yamlBombs(SNAPSHOT_TEXT, (variant, content, extra) => snapshot('yaml', variant, content, extra)),
    ...emptyAndPaths(SNAPSHOT_DIR, 'snapshot', READ_LIMITS.snapshot + 1),
  ];
}
