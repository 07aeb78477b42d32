/** What the page opens on: a scenario with its files inlined, a snapshot principal as a scenario. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { builtinCatalog } from '../../src/catalog/builtin.js';
import { analyseScenario } from '../../src/playground/analyse.js';
import { documentOf, inlineFileReferences, parsedDocument, snapshotScenarioText } from '../../src/playground/initial-scenario.js';
import { validatePolicy } from '../../src/policy/parse-policy.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { policySetFor } from '../../src/snapshot/principal.js';

const EXAMPLE = join(dirname(new URL(import.meta.url).pathname), '../../policies/examples');
const read = (name: string) => readFileSync(join(EXAMPLE, name), 'utf8');

describe('inlineFileReferences', () => {
  it('replaces each file: reference by its document and keeps the comments; the page decides as eval does', () => {
    const text = inlineFileReferences(read('update-instance.scenario.yaml'), (ref) => parsedDocument(read(ref)));
    expect(text).not.toMatch(/^\s*file:/m);
    expect(text).toContain('# Can alice update CAMS instance prod-42?');
    const value = parse(text);
    expect(value.policies.identity[0].document).toEqual(JSON.parse(read('cams-operator.json')));
    const analysis = analyseScenario(text, builtinCatalog());
    expect(analysis.decision?.result.decision).toBe('Conditional');
    expect(analysis.decision?.result.unknownKeys).toEqual(['acs:SourceIp']);
  });

  it('keeps a JSON scenario JSON', () => {
    const json = JSON.stringify({ request: { action: 'cams:GetInstance', resource: '*' }, policies: { identity: [{ name: 'p', file: 'cams-operator.json' }] } });
    const text = inlineFileReferences(json, (ref) => parsedDocument(read(ref)));
    expect(JSON.parse(text).policies.identity[0]).toEqual({ name: 'p', document: JSON.parse(read('cams-operator.json')) });
  });
});

describe('documentOf and snapshotScenarioText', () => {
  it('writes a validated policy back in a form that validates to the same policy', () => {
    const policy = validatePolicy(JSON.parse(read('cams-operator.json')), { kind: 'identity' }).policy!;
    expect(validatePolicy(documentOf(policy), { kind: 'identity' }).policy).toEqual(policy);
  });

  it("opens on a snapshot user's policies, with its caller filled and the action left to the user", () => {
    const snapshot = parseSnapshot(read('account.snapshot.yaml'), { file: 'account.snapshot.yaml', readFile: (ref) => ({ text: read(ref), file: ref }) }).snapshot!;
    const chosen = policySetFor(snapshot, 'user/alice').result!;
    const text = snapshotScenarioText('user/alice\n- injected: yes', 'account.snapshot.yaml', chosen.principal, chosen.policies);
    const value = parse(text);
    expect(value.request.principal).toEqual({ type: 'RamUser', arn: 'acs:ram::1234567890123456:user/alice' });
    expect(value).not.toHaveProperty('injected');
    expect(text).not.toMatch(/[&*]a\d/); // no YAML anchors or aliases for arrays the model shares
    const analysis = analyseScenario(text.replace('request:\n', 'request:\n  action: cams:UpdateInstance\n  resource: acs:cams:ap-southeast-1:1234567890123456:instance/prod-42\n'), builtinCatalog());
    expect(analysis.problems.filter((d) => d.severity === 'error')).toEqual([]);
    expect(analysis.decision?.result.decision).toBe('Conditional');
  });
});
