/**
 * Hostile lint configurations (`lint --config FILE .`) and catalog service files (`--catalog DIR`
 * with the input as `DIR/x.yaml`): truncated, wrong types, rule, action and resource-type names
 * after Object.prototype members, globs built to blow up a matcher, terminal escapes, YAML bombs,
 * and paths that are not regular files.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { emptyAndPaths, yamlBombs } from './document-families.js';
import { offsets, pointerName, PROTO_KEYS, replaceAt, TERMINAL_PAYLOADS, wrongTypesAt, type HostileInput } from './inputs.js';

export const CONFIG_DIR = 'configs';
/** The directory `lint --config FILE .` runs in: one policy (tree-setup.ts), nothing else. */
export const WALK_DIR = 'walk';
export const CATALOG_DIR = 'catalogs';

const yamlOf = (value: unknown) => stringify(value, { lineWidth: 0 });

/** A valid configuration using every element. */
const BASE_CONFIG = {
  rules: { 'allow-service-on-star': 'error', 'allow-star-on-star': 'warning' },
  ignore: ['vendor/**'],
  suppressions: [{ rule: 'allow-star-on-star', file: '*.json', path: '/Statement/0', reason: 'reviewed' }],
};

const config = (family: string, variant: string, content: string, extra: Partial<HostileInput> = {}): HostileInput => ({
  name: `config-${family}/${variant}`,
  family,
  file: `${CONFIG_DIR}/${family}--${variant}.yaml`,
  content,
  ...extra,
});

/** Globs that would make a matcher work exponentially or refuse the pattern. */
const HOSTILE_GLOBS: Array<[string, string]> = [
  ['star-100000', '*'.repeat(100_000)],
  ['globstar-10000', '**/'.repeat(10_000) + 'x'],
  ['braces-nested-1000', '{a,'.repeat(1_000) + 'b' + '}'.repeat(1_000)],
  ['braces-range-huge', '{1..100000000}'],
  ['braces-product', '{a,b,c,d,e,f,g,h}'.repeat(12)],
  ['extglob-nested', '+(a|'.repeat(500) + 'b' + ')'.repeat(500)],
  // 2,500 characters: 3.5–4.3 s of CPU per path matched in minimatch today (2,000: 2.2–3.7 s, 10,000: 60 s).
  ['unclosed-class', '['.repeat(2_500)],
  ['alternating-stars', 'a*'.repeat(5_000) + 'b'],
];

/** Every hostile lint configuration. */
export function hostileConfigs(): HostileInput[] {
  const valid = yamlOf(BASE_CONFIG);
  const inputs: HostileInput[] = offsets(valid.trimEnd().length, 8, 9).map((at) => config('truncated', `at-${at}`, valid.slice(0, at)));
  for (const pointer of ['', '/rules', '/rules/allow-service-on-star', '/ignore', '/ignore/0', '/suppressions', '/suppressions/0', '/suppressions/0/rule', '/suppressions/0/reason']) {
    for (const [type, value] of wrongTypesAt(BASE_CONFIG, pointer).slice(0, 4)) {
      // A `null` document is an empty configuration (the defaults), like an empty file.
      const verdict = pointer === '' && value === null ? undefined : 'invalid';
      inputs.push(config('wrong-type', `${pointerName(pointer)}-${type}`, yamlOf(replaceAt(BASE_CONFIG, pointer, value)), { verdict }));
    }
  }
  for (const key of PROTO_KEYS) {
    inputs.push(config('proto-key', `rule-${key}`, `rules:\n  ${key}: off\n`));
    inputs.push(config('proto-key', `severity-${key}`, `rules:\n  allow-star-on-star: ${key}\n`, { verdict: 'invalid' }));
    inputs.push(config('proto-key', `suppression-${key}`, yamlOf({ suppressions: [{ rule: key, file: key, path: `/${key}`, reason: key }] })));
    inputs.push(config('proto-key', `element-${key}`, `${key}: {polluted: true}\n`, { verdict: 'invalid' }));
  }
  for (const [label, glob] of HOSTILE_GLOBS) {
    inputs.push(config('glob', `ignore-${label}`, yamlOf({ ignore: [glob] })));
    inputs.push(config('glob', `suppression-${label}`, yamlOf({ suppressions: [{ rule: 'allow-star-on-star', file: glob, reason: 'x' }] })));
  }
  for (const [label, payload] of Object.entries(TERMINAL_PAYLOADS).slice(0, 2)) {
    inputs.push(config('terminal', `rule-${label}`, yamlOf({ rules: { [payload]: 'error' } })));
    inputs.push(config('terminal', `reason-${label}`, yamlOf({ suppressions: [{ rule: 'allow-star-on-star', file: '*', reason: payload }] })));
    inputs.push(config('terminal', `severity-${label}`, yamlOf({ rules: { 'allow-star-on-star': payload } }), { verdict: 'invalid' }));
  }
  inputs.push(...yamlBombs(valid, (variant, content, extra) => config('yaml', variant, content, extra)));
  // An empty configuration may well mean "the defaults": no verdict for the blank ones.
  const blank = (i: HostileInput) => ['empty', 'blank', 'null'].some((v) => i.name.endsWith(`/${v}`));
  inputs.push(...emptyAndPaths(CONFIG_DIR, 'config', 1_000_001).map((i) => (blank(i) ? { ...i, verdict: undefined } : i)));
  return inputs;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** A valid custom service: the built-in `sts` file under another name. */
const SERVICE_TEXT = readFileSync(resolve(ROOT, 'catalog/services/sts.yaml'), 'utf8').replace(/^service: sts$/m, 'service: xsvc');
const SERVICE = parse(SERVICE_TEXT) as Record<string, unknown>;

/** The input `x.yaml` in a catalog directory of its own. */
const service = (family: string, variant: string, content: string | undefined, extra: Partial<HostileInput> = {}): HostileInput => ({
  name: `catalog-${family}/${variant}`,
  family,
  file: `${CATALOG_DIR}/${family}--${variant}/x.yaml`,
  ...(content !== undefined ? { content } : {}),
  ...extra,
});

/** Every hostile catalog service file. */
export function hostileServiceFiles(): HostileInput[] {
  const inputs: HostileInput[] = offsets(SERVICE_TEXT.trimEnd().length, 10, 11).map((at) => service('truncated', `at-${at}`, SERVICE_TEXT.slice(0, at)));
  for (const pointer of ['', '/service', '/actions', '/actions/AssumeRole', '/actions/AssumeRole/access', '/actions/AssumeRole/resources', '/resourceTypes', '/resourceTypes/Role/arn', '/conditionKeys/keys']) {
    for (const [type, value] of wrongTypesAt(SERVICE, pointer).slice(0, 4)) inputs.push(service('wrong-type', `${pointerName(pointer)}-${type}`, yamlOf(replaceAt(SERVICE, pointer, value)), { verdict: 'invalid' }));
  }
  for (const key of PROTO_KEYS) {
    inputs.push(service('proto-key', `action-${key}`, SERVICE_TEXT.replace('  AssumeRole:\n', `  ${key}:\n`)));
    inputs.push(service('proto-key', `resource-type-${key}`, SERVICE_TEXT.replaceAll('Role', key)));
    inputs.push(service('proto-key', `service-${key}`, SERVICE_TEXT.replace('service: xsvc', `service: ${key}`)));
  }
  for (const [label, payload] of Object.entries(TERMINAL_PAYLOADS).slice(0, 2)) {
    for (const pointer of ['/name', '/service', '/actions/AssumeRole/source/inferred', '/resourceTypes/Role/arn']) inputs.push(service('terminal', `${pointerName(pointer)}-${label}`, yamlOf(replaceAt(SERVICE, pointer, payload))));
  }
  for (const length of [100_000, 900_000]) inputs.push(service('long-string', `action-name-${length}`, SERVICE_TEXT.replace('  AssumeRole:\n', `  A${'b'.repeat(length)}:\n`), { heavy: true }));
  inputs.push(...yamlBombs(SERVICE_TEXT, (variant, content, extra) => service('yaml', variant, content, extra)));
  // The paths family, each one the `x.yaml` of its own directory; plus a link to the secret beside the tree.
  for (const each of emptyAndPaths('unused', 'catalog', 1_000_001)) {
    const variant = each.name.split('/')[1]!;
    // A directory without x.yaml is a valid, empty catalog; `/dev/zero` cannot be named x.yaml (its symlink is here).
    if (variant === 'missing' || variant === 'dev-zero') continue;
    inputs.push({ ...each, name: `catalog-paths/${variant}`, family: 'paths', file: `${CATALOG_DIR}/paths--${variant}/x.yaml` });
  }
  inputs.push(service('paths', 'symlink-outside', undefined, { special: { kind: 'symlink', target: '../../../outside/passwd' }, secret: 'root:x:0:0' }));
  return inputs;
}
