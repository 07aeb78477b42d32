/**
 * The page's analysis of a scenario text, in Node: the decision and `ramguard eval`'s
 * explanation, findings at their lines, a typo'd action as a finding (never a crash), and every
 * malformed text as problems with no decision.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/catalog/builtin.js';
import { analyseScenario } from '../../src/playground/analyse.js';
import { DEFAULT_SCENARIO } from '../../src/playground/page.js';

const catalog = builtinCatalog();
const codes = (text: string) => analyseScenario(text, catalog).problems.map((d) => d.code);

const scenario = (action: string, statements: string, context = '') => `request:
  action: ${action}
  resource: acs:cams:ap-southeast-1:1234567890123456:instance/ins-1
${context}policies:
  identity:
    - name: p
      document:
        Version: "1"
        Statement:
${statements}`;

const ALLOW_UPDATE = `          - Effect: Allow
            Action: cams:UpdateInstance
            Resource: "*"
`;

describe('analyseScenario', () => {
  it('decides the default scenario as eval does: Conditional on acs:SourceIp, with the residual in words', () => {
    const analysis = analyseScenario(DEFAULT_SCENARIO, catalog);
    expect(analysis.decision?.result.decision).toBe('Conditional');
    expect(analysis.decision?.result.unknownKeys).toEqual(['acs:SourceIp']);
    expect(analysis.decision?.residualText).toContain('203.0.113.0/24');
    expect(analysis.decision?.text.split('\n')[0]).toMatch(/^CONDITIONAL .*`cams:UpdateInstance`/);
    expect(analysis.decision?.text).toContain('statements:');
    expect(analysis.problems).toEqual([]);
  });

  it('says Allow once the unknown key is given, and names the deciding statement', () => {
    const text = DEFAULT_SCENARIO.replace('acs:SecureTransport: "true"\n  absent', 'acs:SecureTransport: "true"\n    acs:SourceIp: 203.0.113.9\n  absent');
    const analysis = analyseScenario(text, catalog);
    expect(analysis.decision?.result.decision).toBe('Allow');
    expect(analysis.decision?.text).toContain('allowed by identity policy `cams-operator` statement 1');
  });

  it("says what RAM would report in AccessDeniedDetail for an explicit deny, and which layer gave no Allow for an implicit one", () => {
    const deny = analyseScenario(scenario('cams:UpdateInstance', ALLOW_UPDATE + ALLOW_UPDATE.replace('Allow', 'Deny')), catalog);
    expect(deny.decision?.result.decision).toBe('ExplicitDeny');
    expect(deny.decision?.text).toContain('RAM would report PolicyType AccountLevelIdentityBasedPolicy');
    const implicit = analyseScenario(scenario('cams:DeleteInstance', ALLOW_UPDATE), catalog);
    expect(implicit.decision?.result.decision).toBe('ImplicitDeny');
    expect(implicit.decision?.text.split('\n')[1]).toBe(`  ${implicit.decision?.result.missingAllow?.message}`);
  });

  it('reports a typo of the request action as unknown-action with a did-you-mean, at the action line, and still decides', () => {
    const analysis = analyseScenario(scenario('cams:UpdateInstanse', ALLOW_UPDATE), catalog);
    const finding = analysis.problems.find((d) => d.code === 'unknown-action');
    expect(finding?.range?.line).toBe(2);
    expect(finding?.path).toBe('/request/action');
    expect(finding?.help).toContain('cams:UpdateInstance');
    expect(analysis.decision?.result.decision).toBe('ImplicitDeny');
  });

  it("lints each inline policy and places the finding at the policy's line in the scenario", () => {
    const analysis = analyseScenario(scenario('cams:UpdateInstance', ALLOW_UPDATE.replace('cams:UpdateInstance', 'cams:UpdateInstanse')), catalog);
    const finding = analysis.problems.find((d) => d.path === '/policies/identity/0/document/Statement/0/Action');
    expect(finding?.code).toBe('unknown-action');
    expect(finding?.range?.line).toBe(11); // the `Action:` line of the statement
  });

  it('gives no decision for broken YAML, a schema error or a policy grammar error, only problems', () => {
    for (const text of ['request: [', 'request: { nonsense: 1 }', scenario('cams:UpdateInstance', ALLOW_UPDATE.replace('Allow', 'Alow'))]) {
      const analysis = analyseScenario(text, catalog);
      expect(analysis.decision, text).toBeUndefined();
      expect(analysis.problems.some((d) => d.severity === 'error'), text).toBe(true);
    }
  });

  it('reports a grammar error once, though both the scenario check and lint see it', () => {
    const found = codes(scenario('cams:UpdateInstance', ALLOW_UPDATE.replace('Allow', 'Alow'))).filter((c) => c === 'invalid-effect');
    expect(found).toHaveLength(1);
  });

  it('says what is missing when the request has no action or resource', () => {
    expect(analyseScenario('policies: {}', catalog).undecided).toContain('request.action');
    expect(analyseScenario('request: { action: cams:GetInstance }', catalog).undecided).toContain('request.resource');
  });

  it('refuses a file reference (the page reads no file) with a diagnostic', () => {
    const analysis = analyseScenario('request: { action: a:b, resource: "*" }\npolicies:\n  identity:\n    - { name: p, file: /etc/passwd }\n', catalog);
    expect(analysis.decision).toBeUndefined();
    expect(analysis.problems.map((d) => d.code)).toContain('unreadable-file');
  });

  it('gives no verdict on an invalid context value, as eval does', () => {
    const analysis = analyseScenario(scenario('cams:UpdateInstance', ALLOW_UPDATE, '  context: { acs:CurrentTime: yesterday }\n'), catalog);
    expect(analysis.decision).toBeUndefined();
    expect(analysis.problems.find((d) => d.severity === 'error')?.path).toBe('/request/context/acs:CurrentTime');
  });

  it('offers the keys of the request, the policies and the catalog, typed from the catalog, with their state', () => {
    const analysis = analyseScenario(DEFAULT_SCENARIO, catalog);
    const row = (key: string) => analysis.keys.find((r) => r.key === key);
    expect(row('acs:SourceIp')).toMatchObject({ type: 'ip', typed: true, state: { mode: 'unknown' } });
    expect(row('acs:SecureTransport')).toMatchObject({ type: 'bool', state: { mode: 'values', values: ['true'] } });
    expect(row('acs:MFAPresent')?.state).toEqual({ mode: 'absent' });
    expect(row('acs:SourceIp')?.origins).toContain('policy');
  });

  it('keeps a context key named __proto__ a key like any other', () => {
    const analysis = analyseScenario(scenario('cams:UpdateInstance', ALLOW_UPDATE, '  context: { __proto__: x, constructor: y }\n'), catalog);
    expect(analysis.decision?.result.decision).toBe('Allow');
    expect(analysis.keys.map((r) => r.key)).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
  });
});
