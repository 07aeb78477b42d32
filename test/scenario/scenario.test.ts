/** Scenario files: structure errors with positions, policies inside them, file references. */
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/index.js';

const ALLOW = '{ Version: "1", Statement: [{ Effect: Allow, Action: "cams:*", Resource: "*" }] }';

describe('scenario files', () => {
  it('reads the request and puts each policy in its layer', () => {
    const text = [
      'request:',
      '  principal: { type: AssumedRole, arn: "acs:sts::1:assumed-role/r/s" }',
      '  action: cams:UpdateInstance',
      '  resource: "acs:cams:r:1:instance/i"',
      'policies:',
      `  control: [[{ name: c0, document: ${ALLOW} }], [{ name: c1, document: ${ALLOW} }]]`,
      `  session: { name: s, document: ${ALLOW} }`,
      '  identity:',
      `    - { name: a, document: ${ALLOW} }`,
      `    - { name: g, resourceGroup: rg-1, document: ${ALLOW} }`,
    ].join('\n');
    const { scenario, diagnostics } = parseScenario(text, { file: 's.yaml' });
    expect(diagnostics).toEqual([]);
    expect(scenario!.policies.control.map((l) => l.map((p) => p.name))).toEqual([['c0'], ['c1']]);
    expect(scenario!.policies.session?.name).toBe('s');
    expect(scenario!.policies.identity.map((p) => p.name)).toEqual(['a']);
    expect(scenario!.policies.resourceGroup.map((p) => [p.name, p.resourceGroup])).toEqual([['g', 'rg-1']]);
    expect(scenario!.request.principal).toEqual({ type: 'AssumedRole', arn: 'acs:sts::1:assumed-role/r/s' });
  });

  it('points at structure errors by line', () => {
    const text = ['request:', '  principal: { type: Robot }', '  acton: cams:UpdateInstance'].join('\n');
    const { diagnostics } = parseScenario(text, { file: 's.yaml' });
    expect(diagnostics.map((d) => [d.code, d.range?.line, d.path])).toEqual([
      ['invalid-value', 2, '/request/principal/type'],
      ['unknown-element', 3, '/request/acton'],
    ]);
    expect(diagnostics[0]!.message).toBe('`type` must be one of `RamUser`, `AssumedRole`, `Root`, not `Robot`');
  });

  it('points at errors of an inline policy inside the scenario file', () => {
    const text = ['policies:', '  identity:', '    - name: p', '      document:', '        Version: "1"', '        Statement:', '          - Effect: Allow', '            Action: cams:*', '            Resource: "*"', '            Condition: { IpAddress: { acs:SourceIp: "10.0.0.0/40" } }'].join('\n');
    const { diagnostics } = parseScenario(text, { file: 's.yaml' });
    expect(diagnostics.map((d) => [d.code, d.file, d.range?.line, d.path])).toEqual([
      ['invalid-condition-value', 's.yaml', 10, '/policies/identity/0/document/Statement/0/Condition/IpAddress/acs:SourceIp'],
    ]);
  });

  it('needs exactly one of document or file', () => {
    const { diagnostics } = parseScenario('policies:\n  identity:\n    - name: p\n', { file: 's.yaml' });
    expect(diagnostics.map((d) => [d.code, d.range?.line])).toEqual([['policy-source', 3]]);
  });

  it('reads referenced files through the caller, and reports the ones it cannot read', () => {
    const text = 'policies:\n  identity:\n    - { name: p, file: p.json }\n    - { name: q, file: missing.json }\n';
    const readFile = (path: string) => (path === 'p.json' ? { text: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', file: 'dir/p.json' } : { error: 'no such file' });
    const { diagnostics } = parseScenario(text, { file: 's.yaml', readFile });
    expect(diagnostics.map((d) => [d.code, d.range?.line, d.message])).toEqual([['unreadable-file', 4, 'cannot read policy file `missing.json`: no such file']]);
    const ok = parseScenario(text.split('\n').slice(0, 3).join('\n'), { file: 's.yaml', readFile });
    expect(ok.scenario?.policies.identity[0]?.document.statements[0]?.actions).toEqual(['*']);
  });

  it('reports malformed YAML with its position', () => {
    const { diagnostics } = parseScenario('request:\n  action: [unclosed\n', { file: 's.yaml' });
    expect(diagnostics[0]?.code).toBe('syntax-error');
    expect(diagnostics[0]?.range?.line).toBeGreaterThanOrEqual(2);
  });
});

describe('system policies by name', () => {
  it('attaches a catalog system policy to its layer', () => {
    const text = ['policies:', '  control: [[{ name: root, system: FullAliyunAccess }]]', '  identity:', '    - { name: cams-ro, system: AliyunCamsReadOnlyAccess }'].join('\n');
    const { scenario, diagnostics } = parseScenario(text, { file: 's.yaml' });
    expect(diagnostics).toEqual([]);
    expect(scenario!.policies.identity[0]!.document.statements[0]!.actions).toEqual(['cams:Get*', 'cams:List*']);
    expect(scenario!.policies.control[0]![0]!.document.statements[0]!.actions).toEqual(['*']);
  });
  it('refuses an unknown name, or a policy of the wrong kind, with a did-you-mean', () => {
    const text = ['policies:', '  identity:', '    - { name: a, system: AliyunCamsReadOnly }', '    - { name: b, system: FullAliyunAccess }'].join('\n');
    const { diagnostics } = parseScenario(text, { file: 's.yaml' });
    expect(diagnostics.map((d) => [d.code, d.range?.line, d.message])).toEqual([
      ['unknown-system-policy', 3, 'no system policy is called `AliyunCamsReadOnly`'],
      ['unknown-system-policy', 4, '`FullAliyunAccess` is a control policy, not an identity policy'],
    ]);
    expect(diagnostics[0]!.help).toContain('`AliyunCamsReadOnlyAccess`');
  });
});
