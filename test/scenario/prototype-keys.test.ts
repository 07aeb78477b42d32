/**
 * Keys of a file named like members of `Object.prototype` (issue 12, item 6): a scenario's context
 * key `__proto__` or `constructor`, a snapshot's tag or `notCollected` entry. Each is an ordinary
 * key: kept as an own key, never answered by what the prototype holds, never an internal error.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseScenario } from '../../src/scenario/parse-scenario.js';
import { completenessWarnings } from '../../src/snapshot/completeness.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { resourceFacts } from '../../src/snapshot/resources.js';
import { emptyPolicySet } from '../../src/policy/policy-set.js';
import { run } from '../cli/run.js';

const INSTANCE = 'acs:cams:ap-southeast-1:1234567890123456:instance/ins-1';

function scenario(context: string): string {
  return [
    'request:',
    '  principal: {type: RamUser}',
    '  action: cams:UpdateInstance',
    `  resource: "${INSTANCE}"`,
    '  context:',
    context,
    'policies:',
    '  identity:',
    '    - {name: p, system: AliyunCamsFullAccess}',
  ].join('\n');
}

describe('scenario context keys named like prototype members', () => {
  it('keeps `__proto__`, `constructor` and `toString` as own keys of a null-prototype context', () => {
    const { scenario: parsed, diagnostics } = parseScenario(scenario('    __proto__: x\n    constructor: [y, z]\n    toString: w'), { file: 's.yaml' });
    expect(diagnostics).toEqual([]);
    const context = parsed!.request.context!;
    expect(Object.getPrototypeOf(context)).toBeNull();
    expect(Object.keys(context)).toEqual(['__proto__', 'constructor', 'toString']);
    expect([context['__proto__'], context['constructor'], context['toString']]).toEqual(['x', ['y', 'z'], 'w']);
  });

  it('a context without such keys reads as before, and a context key without a value is not invented', () => {
    const { scenario: parsed } = parseScenario(scenario('    acs:SourceIp: 10.0.0.1'), { file: 's.yaml' });
    expect({ ...parsed!.request.context }).toEqual({ 'acs:SourceIp': '10.0.0.1' });
    expect(parsed!.request.context!['constructor']).toBeUndefined();
  });

  it('`eval --scenario` with such keys answers (was `internal error: family.read is not a function`)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramguard-proto-'));
    for (const [name, context] of [
      ['proto.yaml', '    __proto__: x'],
      ['ctor.yaml', '    constructor: x'],
    ]) {
      writeFileSync(join(dir, name!), scenario(context!));
      const r = run(['eval', '--scenario', name!], { cwd: dir });
      expect(`${r.stdout}${r.stderr}`, name).not.toContain('internal error');
      expect(r.status, `${name}: ${r.stderr}`).toBe(0); // AliyunCamsFullAccess allows the action
    }
  });
});

describe('snapshot keys named like prototype members', () => {
  const base = { accountId: '1234567890123456', users: [{ name: 'u' }] };

  it('reads `notCollected: [constructor, toString]` as parts it has nothing to say about', () => {
    const { snapshot, diagnostics } = parseSnapshot(stringify({ ...base, collection: { gaps: [], notCollected: ['constructor', 'toString', 'resourceDirectory'] } }), { file: 's.yaml' });
    expect(diagnostics).toEqual([]);
    expect(completenessWarnings(snapshot!).map((w) => w.path)).toEqual(['/collection/notCollected/2']);
  });

  it('warns once per part not collected, however often the file lists it', () => {
    const { snapshot } = parseSnapshot(stringify({ ...base, collection: { gaps: [], notCollected: Array.from({ length: 2000 }, () => 'resourceDirectory') } }), { file: 's.yaml' });
    expect(completenessWarnings(snapshot!).map((w) => w.path)).toEqual(['/collection/notCollected/0']);
  });

  it('turns a tag named `__proto__` into an own context key', () => {
    const tags = JSON.parse('{"__proto__": "p", "constructor": "c"}') as Record<string, string>;
    const { snapshot, diagnostics } = parseSnapshot(JSON.stringify({ ...base, resources: { camsInstances: [{ id: 'ins-1', region: 'ap-southeast-1', tags }] } }), { file: 's.json' });
    expect(diagnostics).toEqual([]);
    const facts = resourceFacts(snapshot!, INSTANCE, emptyPolicySet());
    expect(Object.getPrototypeOf(facts.context)).toBeNull();
    expect(Object.entries(facts.context)).toEqual([
      ['acs:ResourceTag/__proto__', 'p'],
      ['acs:ResourceTag/constructor', 'c'],
    ]);
  });
});
