/** The emulator configuration: the bundled example, defaults, and every problem placed at its line. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseEmulatorConfig } from '../../src/emulator/index.js';
import { configText } from './fixture.js';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../policies/examples');
const fromExamples = (path: string) => {
  try {
    return { text: readFileSync(resolve(EXAMPLES, path), 'utf8'), file: path };
  } catch {
    return { error: 'no such file' };
  }
};

const HEAD = 'accountId: "1234567890123456"\nregion: ap-southeast-1\naccessKeys:\n  - id: AK1\n    secret: s1\n    principal: { type: RamUser, arn: "acs:ram::1234567890123456:user/a" }\n';
const parse = (text: string) => parseEmulatorConfig(text, { file: 'emu.yaml', readFile: fromExamples });
const placed = (text: string) => parse(text).diagnostics.map((d) => [d.code, d.range?.line, d.path]);

describe('the bundled example, policies/examples/emulator.cams.yaml', () => {
  it('parses, with each key’s policies loaded from files, inline and by layer', () => {
    const { config, diagnostics } = parseEmulatorConfig(readFileSync(resolve(EXAMPLES, 'emulator.cams.yaml'), 'utf8'), { file: 'emulator.cams.yaml', readFile: fromExamples });
    expect(diagnostics).toEqual([]);
    expect(config!.accessKeys.map((k) => [k.id, k.principal.arn])).toEqual([
      ['LTAI5tAliceExample', 'acs:ram::1234567890123456:user/alice'],
      ['LTAI5tBobExample', 'acs:ram::1234567890123456:user/bob'],
    ]);
    const alice = config!.accessKeys[0]!.policies;
    expect(alice.control.map((level) => level.map((p) => p.name))).toEqual([['control-no-deletes-in-prod']]);
    expect(alice.identity.map((p) => p.name)).toEqual(['cams-operator-loopback', 'deny-without-mfa-on-delete']);
    expect(config!.accessKeys[1]!.policies.identity[0]!.document.statements.length).toBe(2);
    expect(config!.instances.map((i) => [i.id, i.resourceGroup])).toEqual([['ins-1', 'rg-prod'], ['prod-42', 'rg-prod']]);
    expect(config!.maxSkewSeconds).toBe(900);
  });
});

describe('defaults and JSON', () => {
  it('an instance’s region defaults to the emulator’s, tags to none; the skew can be set', () => {
    const { config } = parse(`${HEAD}instances:\n  - { id: i, name: n }\nsignature: { maxSkewSeconds: 60 }\n`);
    expect(config!.instances).toEqual([{ id: 'i', name: 'n', region: 'ap-southeast-1', tags: {} }]);
    expect(config!.maxSkewSeconds).toBe(60);
  });
  it('reads JSON as well as YAML', () => {
    const json = JSON.stringify({ accountId: '1', region: 'cn-hangzhou', accessKeys: [{ id: 'a', secret: 's', principal: { type: 'RamUser', arn: 'acs:ram::1:user/a' }, policies: { identity: [{ name: 'ro', system: 'AliyunCamsReadOnlyAccess' }] } }] });
    const { config, diagnostics } = parseEmulatorConfig(json, { file: 'emu.json' });
    expect(diagnostics).toEqual([]);
    expect(config!.accessKeys[0]!.policies.identity[0]!.name).toBe('ro');
  });
  it('the shared test configuration parses', () => {
    expect(parseEmulatorConfig(configText()).diagnostics).toEqual([]);
  });
});

describe('problems, each at its line', () => {
  it('bad YAML', () => {
    expect(placed(`${HEAD}instances: [ { id: i, name: n }\n`).map(([code]) => code)).toContain('syntax-error');
    expect(parse(`${HEAD}instances: [ { id: i, name: n }\n`).diagnostics[0]!.range?.line).toBeGreaterThanOrEqual(7);
  });
  it('an unknown field, and a missing required one', () => {
    expect(placed(`${HEAD}    secrte: x\n`)).toEqual([['unknown-element', 7, '/accessKeys/0/secrte']]);
    expect(placed('accountId: "1"\nregion: r\n')).toEqual([['missing-element', 1, '']]);
  });
  it('a principal type RAM does not have', () => {
    expect(placed(HEAD.replace('RamUser', 'Robot'))).toEqual([['invalid-value', 6, '/accessKeys/0/principal/type']]);
  });
  it('a policy file that cannot be read', () => {
    const d = parse(`${HEAD}    policies:\n      identity:\n        - { name: p, file: missing.json }\n`).diagnostics;
    expect(d.map((x) => [x.code, x.range?.line, x.message])).toEqual([['unreadable-file', 9, 'cannot read policy file `missing.json`: no such file']]);
  });
  it('a system policy name that does not exist, with a suggestion', () => {
    const d = parse(`${HEAD}    policies:\n      identity:\n        - { name: p, system: AliyunCamsReadOnlyAcess }\n`).diagnostics;
    expect(d.map((x) => [x.code, x.range?.line, x.path])).toEqual([['unknown-system-policy', 9, '/accessKeys/0/policies/identity/0/system']]);
    expect(d[0]!.help).toContain('AliyunCamsReadOnlyAccess');
  });
  it('an invalid inline policy, pointed at inside the configuration', () => {
    const d = parse(`${HEAD}    policies:\n      identity:\n        - name: p\n          document: { Version: "1", Statement: [{ Effect: allow, Action: "cams:*", Resource: "*" }] }\n`).diagnostics;
    expect(d.map((x) => [x.code, x.file, x.range?.line])).toEqual([['invalid-effect', 'emu.yaml', 10]]);
  });
  it('the same AccessKey or instance twice', () => {
    const twice = `${HEAD}  - id: AK1\n    secret: s2\n    principal: { type: RamUser, arn: "acs:ram::1234567890123456:user/b" }\ninstances:\n  - { id: i, name: a }\n  - { id: i, name: b }\n`;
    expect(placed(twice)).toEqual([
      ['duplicate-id', 7, '/accessKeys/1/id'],
      ['duplicate-id', 12, '/instances/1/id'],
    ]);
  });
  it('an account id that is not a number, a region that is not an id, an empty secret, a skew out of range', () => {
    const text = HEAD.replace('"1234567890123456"\n', '"acct-1"\n').replace('ap-southeast-1', 'Singapore').replace('secret: s1', 'secret: ""') + 'signature: { maxSkewSeconds: 0 }\n';
    expect(placed(text)).toEqual([
      ['invalid-value', 1, '/accountId'],
      ['invalid-value', 2, '/region'],
      ['invalid-value', 5, '/accessKeys/0/secret'],
      ['invalid-value', 7, '/signature/maxSkewSeconds'],
    ]);
  });
  it('faults whose fields do not fit their kind', () => {
    const faults = [
      '  - { kind: throttling, first: 1, every: 2 }',
      '  - { kind: latency }',
      '  - { kind: business-error }',
      '  - { kind: http-500, code: X }',
      '  - { kind: http-503, action: cams:UpdateInstance }',
      '  - { kind: throttling, every: 0 }',
      '  - { kind: business-error, code: OK }',
      '  - { kind: throttling, ms: 10 }',
    ];
    const d = parse(`${HEAD}faults:\n${faults.join('\n')}\n`).diagnostics;
    expect(d.map((x) => [x.code, x.range?.line])).toEqual([8, 9, 10, 11, 12, 13, 14, 15].map((line) => ['invalid-fault', line]));
    expect(d.map((x) => x.message)).toEqual([
      'a fault takes `first` or `every`, not both',
      'a latency fault needs `ms`',
      'a business-error fault needs `code`',
      '`code` applies only to business-error faults',
      'the emulator does not answer `cams:UpdateInstance`, so this fault would never fire',
      '`every` must be at least 1, not `0`',
      'a business error cannot have Code `OK`: `OK` is success',
      '`ms` applies only to latency faults',
    ]);
  });
  it('a fault kind the emulator does not know', () => {
    expect(placed(`${HEAD}faults:\n  - { kind: timeout }\n`)).toEqual([['invalid-value', 8, '/faults/0/kind']]);
  });
});
