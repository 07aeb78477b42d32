/** The published JSON Schemas in schemas/ are the ones the code validates with. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { POLICY_KINDS, policySchema, scenarioSchema, snapshotSchema } from '../src/index.js';
import { emulatorConfigSchema } from '../src/emulator/index.js';
import { lintConfigSchema } from '../src/entries/lint.js';
import { catalogConditionKeysSchema, catalogServiceSchema, catalogSystemPoliciesSchema } from '../src/entries/catalog.js';

const read = (name: string) => JSON.parse(readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8')) as object;

describe('published schemas (regenerate with `npm run schemas`)', () => {
  it('scenario.schema.json is the scenario schema', () => {
    expect(read('scenario.schema.json')).toEqual(JSON.parse(JSON.stringify(scenarioSchema)));
  });
  it.each(POLICY_KINDS)('policy-%s.schema.json is that kind’s schema', (kind) => {
    expect(read(`policy-${kind}.schema.json`)).toEqual({ $schema: 'http://json-schema.org/draft-07/schema#', ...policySchema(kind) });
  });
  it.each([
    ['catalog-service.schema.json', catalogServiceSchema],
    ['catalog-condition-keys.schema.json', catalogConditionKeysSchema],
    ['catalog-system-policies.schema.json', catalogSystemPoliciesSchema],
    ['config.schema.json', lintConfigSchema],
    ['emulator-config.schema.json', emulatorConfigSchema],
    ['snapshot.schema.json', snapshotSchema],
  ] as const)('%s is the schema the code checks with', (file, schema) => {
    expect(read(file)).toEqual(JSON.parse(JSON.stringify(schema)));
  });
  it('the bundled example emulator configuration uses only the fields its schema names', () => {
    const example = parse(readFileSync(new URL('../policies/examples/emulator.cams.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(example).every((k) => k in emulatorConfigSchema.properties)).toBe(true);
  });
  it('the bundled example snapshot is valid against the published snapshot schema', () => {
    const example = parse(readFileSync(new URL('../policies/examples/account.snapshot.yaml', import.meta.url), 'utf8')) as unknown;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(read('snapshot.schema.json'));
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });
  it('the bundled example scenario is an object the schema names', () => {
    const example = parse(readFileSync(new URL('../policies/examples/update-instance.scenario.yaml', import.meta.url), 'utf8')) as Record<string, unknown>;
    expect(Object.keys(example).every((k) => k in scenarioSchema.properties)).toBe(true);
  });
});
