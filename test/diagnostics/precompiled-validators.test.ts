/**
 * The precompiled validators (`npm run validators`) are current, and they report exactly the
 * errors ajv reports when it compiles the same schema at run time: the diagnostics are built from
 * those error objects, so any difference would change a message.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type Options, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PRECOMPILED_VALIDATORS } from '../../src/diagnostics/schema-validators.generated.js';
import { SCHEMA_CHECK_OPTIONS, schemaValidator } from '../../src/diagnostics/schema-check.js';
import { library as lib } from '../api/entries.js';
import { POLICY_SCHEMA_OPTIONS } from '../../src/policy/schema-errors.js';

const root = new URL('../../', import.meta.url);
const text = (path: string) => readFileSync(new URL(path, root), 'utf8');
const require = createRequire(import.meta.url);

/** The generated validator of a schema, loaded directly (so a fallback to ajv cannot pass for it). */
function precompiled(schema: object): ValidateFunction {
  const id = String((schema as { $id?: unknown }).$id);
  const file = PRECOMPILED_VALIDATORS[id];
  if (file === undefined) throw new Error(`${id} is not precompiled`);
  return require(`../../src/diagnostics/validators/${file}`) as ValidateFunction;
}

// The generator is a plain .mjs script (it runs on the built library); its shape, for the compiler:
type PrecompileScript = { VALIDATORS_DIR: string; generatedModules(library: typeof lib, options: { policy: Options; data: Options }): Record<string, string> };

describe('precompiled validators', () => {
  it('the generated files are current (run `npm run validators` after editing a schema)', async () => {
    const { VALIDATORS_DIR, generatedModules } = (await import(new URL('scripts/precompile-schemas.mjs', root).href)) as PrecompileScript;
    const files = generatedModules(lib, { policy: POLICY_SCHEMA_OPTIONS, data: SCHEMA_CHECK_OPTIONS });
    for (const [path, body] of Object.entries(files)) expect(text(path), `${path} is stale`).toBe(body);
    const present = readdirSync(new URL(VALIDATORS_DIR, root)).map((name) => `${VALIDATORS_DIR}/${name}`);
    expect(present.sort()).toEqual(Object.keys(files).filter((path) => path.startsWith(VALIDATORS_DIR)).sort());
  });

  it('schemaValidator uses the generated validator for a precompiled $id, and compiles any other schema', () => {
    expect(schemaValidator(lib.scenarioSchema, SCHEMA_CHECK_OPTIONS)).toBe(precompiled(lib.scenarioSchema));
    const other = schemaValidator({ type: 'object', required: ['a'] }, SCHEMA_CHECK_OPTIONS);
    expect(other({})).toBe(false);
    expect(other.errors?.[0]?.params).toEqual({ missingProperty: 'a' });
  });

  // Valid documents of each schema; every mutation of them below is checked by both validators.
  const cams = parse(text('catalog/services/cams.yaml')) as { actions: Record<string, unknown> };
  const seeds: [string, ValidateFunction, object, Options, unknown][] = [
    ...lib.POLICY_KINDS.map((kind): [string, ValidateFunction, object, Options, unknown] => [
      `${kind} policy`,
      precompiled(lib.policySchema(kind)),
      lib.policySchema(kind),
      POLICY_SCHEMA_OPTIONS,
      kind === 'trust'
        ? { Version: '1', Statement: [{ Sid: 'a', Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: ['acs:ram::1:root'], Service: 'ecs.aliyuncs.com' } }] }
        : JSON.parse(text('policies/examples/cams-operator.json')),
    ]),
    ['scenario', precompiled(lib.scenarioSchema), lib.scenarioSchema, SCHEMA_CHECK_OPTIONS, parse(text('policies/examples/update-instance.scenario.yaml'))],
    ['snapshot', precompiled(lib.snapshotSchema), lib.snapshotSchema, SCHEMA_CHECK_OPTIONS, parse(text('policies/examples/account.snapshot.yaml'))],
    ['lint config', precompiled(lib.lintConfigSchema), lib.lintConfigSchema, SCHEMA_CHECK_OPTIONS, { rules: { 'x-y': 'off' }, ignore: ['a/**'], suppressions: [{ rule: 'x-y', file: 'a.json', path: '/Statement/0', reason: 'why' }] }],
    // Three actions stand for all 173: the schema is the same for each.
    ['catalog service', precompiled(lib.catalogServiceSchema), lib.catalogServiceSchema, SCHEMA_CHECK_OPTIONS, { ...cams, actions: Object.fromEntries(Object.entries(cams.actions).slice(0, 3)) }],
  ];

  it.each(seeds)('the %s validator reports what ajv compiles at run time, for every mutation of a valid document', (_, precompiled, schema, options, valid) => {
    // Given the validator ajv compiles from the current schema with the same options
    const compiled = new Ajv(options).compile(schema);
    let invalid = 0;
    for (const value of mutations(valid)) {
      // When both check the same value, then they agree on validity and on every error object
      const ok = precompiled(value);
      expect(ok).toBe(compiled(value));
      expect(precompiled.errors ?? null).toEqual(compiled.errors ?? null);
      if (!ok) invalid++;
    }
    expect(precompiled(valid)).toBe(true);
    expect(invalid).toBeGreaterThan(20);
  });
});

/** The value, then copies with one node replaced, removed or given an unknown property. */
function* mutations(value: unknown): Generator<unknown> {
  yield value;
  for (const path of paths(value)) {
    for (const replacement of [5, -1.5, null, true, '', 'x', [], ['x'], {}, { Unknown: 1 }]) yield replaced(value, path, () => replacement);
    yield replaced(value, path, (node) => (Array.isArray(node) ? [...node, 7] : node !== null && typeof node === 'object' ? { ...node, Unknown: 1 } : node));
    if (path.length > 0) yield replaced(value, path.slice(0, -1), (parent) => without(parent, path[path.length - 1]!));
  }
}

function paths(value: unknown, at: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [at];
  return [at, ...Object.keys(value).flatMap((key) => paths((value as Record<string, unknown>)[key], [...at, key]))];
}

function replaced(value: unknown, path: string[], change: (node: unknown) => unknown): unknown {
  if (path.length === 0) return change(value);
  const [head, ...rest] = path as [string, ...string[]];
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string, unknown>;
  copy[head] = replaced(copy[head], rest, change);
  return copy;
}

function without(node: unknown, key: string): unknown {
  if (Array.isArray(node)) return node.filter((_, i) => String(i) !== key);
  const { [key]: _, ...rest } = node as Record<string, unknown>;
  return rest;
}
