/** The catalog's data files: valid against their schemas, the CAMS list exact, the vendored references and generated files current. */
import { Ajv } from 'ajv';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parsePolicy } from '../../src/index.js';
import { catalogConditionKeysSchema, catalogServiceSchema, catalogSystemPoliciesSchema } from '../../src/entries/catalog.js';

const root = new URL('../../', import.meta.url).pathname;
const read = (path: string) => parse(readFileSync(`${root}catalog/${path}`, 'utf8')) as Record<string, any>;
const ajv = new Ajv({ allErrors: true, strict: false });
const serviceFiles = readdirSync(`${root}catalog/services`).filter((f) => f.endsWith('.yaml'));

describe('catalog data files', () => {
  it.each(serviceFiles)('services/%s matches the service schema', (file) => {
    const validate = ajv.compile(catalogServiceSchema);
    const data = read(`services/${file}`);
    expect(validate(data) ? [] : validate.errors).toEqual([]);
    for (const [name, action] of Object.entries(data['actions'] as Record<string, { resources: unknown }>)) {
      if (Array.isArray(action.resources)) for (const t of action.resources) expect(Object.keys(data['resourceTypes']), `${name} → ${t}`).toContain(t);
    }
  });

  it('condition-keys.yaml and system-policies.yaml match their schemas', () => {
    const keys = ajv.compile(catalogConditionKeysSchema);
    expect(keys(read('condition-keys.yaml')) ? [] : keys.errors).toEqual([]);
    const policies = ajv.compile(catalogSystemPoliciesSchema);
    expect(policies(read('system-policies.yaml')) ? [] : policies.errors).toEqual([]);
  });

  it('every system policy is a valid RAM policy of its kind', () => {
    for (const [name, p] of Object.entries(read('system-policies.yaml')['policies'] as Record<string, { kind: 'identity' | 'control'; document: unknown }>)) {
      expect(parsePolicy(JSON.stringify(p.document), { kind: p.kind }).diagnostics, name).toEqual([]);
    }
  });

  it('lists exactly the 173 CAMS API names of the shared reference, in order and spelling', () => {
    // The list is vendored in catalog/sources/ so the test runs on any clone; where the project's
    // shared reference sits beside the repository, the vendored copy must equal it.
    const vendored = readFileSync(`${root}catalog/sources/cams-actions.txt`, 'utf8');
    const shared = `${root}../shared/reference/cams-actions.txt`;
    if (existsSync(shared)) expect(vendored).toBe(readFileSync(shared, 'utf8'));
    const expected = vendored.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    expect(expected).toHaveLength(173);
    expect(Object.keys(read('services/cams.yaml')['actions'])).toEqual(expected);
  });

  it.each(['cams-authorization.tsv', 'cams-authorization-sources.md', 'ram-sts-authorization.tsv'])('vendors %s as the shared reference holds it', (name) => {
    // Ingestion copies it from ../shared when that sits beside the repository; the build never reads ../shared.
    const vendored = readFileSync(`${root}catalog/sources/${name}`, 'utf8');
    const shared = `${root}../shared/reference/${name}`;
    if (existsSync(shared)) expect(vendored).toBe(readFileSync(shared, 'utf8'));
    expect(vendored.length).toBeGreaterThan(100);
  });

  it('the ingested service files are current (run `npm run catalog` after a reference changes)', () => {
    const output = execFileSync(process.execPath, [`${root}scripts/ingest-authorization.mjs`, '--check'], { encoding: 'utf8' });
    expect(output).toContain('are current');
  });

  it('the generated module is current (run `npm run catalog` after editing the YAML)', () => {
    const output = execFileSync(process.execPath, [`${root}scripts/build-catalog.mjs`, '--check'], { encoding: 'utf8' });
    expect(output).toContain('is current');
  });
});
