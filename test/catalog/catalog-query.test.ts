/** Table-driven tests of catalog look-ups, pattern expansion, ARN building and ARN recognition. */
import { describe, expect, it } from 'vitest';
import { builtinCatalog, expandActionPattern, lookupAction } from '../../src/index.js';
import { buildArn, catalogWith, parseServiceFile, resourceTypeOfArn } from '../../src/entries/catalog.js';

const catalog = builtinCatalog();

describe('lookupAction', () => {
  it.each([
    ['cams:UpdateInstance', 'cams:UpdateInstance', 'update'],
    ['CAMS:updateinstance', 'cams:UpdateInstance', 'update'],
    ['cams:pausemarketingflow', 'cams:PauseMarketingFLow', undefined],
    ['cams:GetFlowJSONAssest', 'cams:GetFlowJSONAssest', undefined],
    ['cams:QueryInstance', 'cams:QueryInstance', 'get'],
    ['cams:RequestWhatsappConversionApi', 'cams:RequestWhatsappConversionApi', 'none'],
    ['ram:AttachPolicyToUser', 'ram:AttachPolicyToUser', undefined],
    ['sts:assumerole', 'sts:AssumeRole', undefined],
  ])('%s → %s', (name, canonical, access) => {
    const action = lookupAction(catalog, name);
    expect(action?.fullName).toBe(canonical);
    if (access) expect(action?.access).toBe(access);
  });

  it.each(['cams:UpdateInstances', 'cams:', 'UpdateInstance', 'swas:ListInstances'])('%s is not in the catalog', (name) => {
    expect(lookupAction(catalog, name)).toBeUndefined();
  });

  it('records documented facts with their page and inferred ones with their rule', () => {
    const update = lookupAction(catalog, 'cams:UpdateInstance')!;
    expect(update.source).toEqual({ documented: 'https://help.aliyun.com/zh/chatapp/developer-reference/api-cams-2020-06-06-updateinstance' });
    expect(update.resources).toEqual(['Instance']);
    const detail = lookupAction(catalog, 'cams:GetChatappTemplateDetail')!;
    expect([detail.access, detail.resources, 'documented' in detail.source]).toEqual(['get', 'all', true]);
    const get = lookupAction(catalog, 'cams:GetWhatsappUserName')!;
    expect(get.access).toBe('get');
    expect(get.resources).toBe('unknown');
    expect(get.source).toEqual({ inferred: expect.stringContaining('API name starts with Get → get') });
  });

  it('marks the RAM actions that can change permissions', () => {
    const escalation = [...catalog.actions.values()].filter((a) => a.changesPermissions).map((a) => a.fullName);
    for (const name of ['ram:AttachPolicyToUser', 'ram:AttachPolicyToGroup', 'ram:AttachPolicyToRole', 'ram:CreatePolicyVersion', 'ram:SetDefaultPolicyVersion', 'ram:AddUserToGroup', 'ram:UpdateRole', 'ram:CreateAccessKey', 'ram:CreateLoginProfile']) {
      expect(escalation).toContain(name);
    }
    expect(escalation).not.toContain('ram:ListUsers');
    expect(escalation).not.toContain('cams:UpdateInstance');
  });
});

describe('expandActionPattern', () => {
  it('expands cams:Get* into real CAMS actions only', () => {
    const { actions, unknownServices } = expandActionPattern(catalog, 'cams:Get*');
    expect(actions.length).toBeGreaterThan(10);
    expect(actions.every((a) => a.service === 'cams' && a.name.startsWith('Get'))).toBe(true);
    expect(unknownServices).toBe(false);
  });
  it.each([
    ['cams:*', 173, false],
    ['CAMS:updateinstance', 1, false],
    ['cams:Update?nstance', 1, false],
    ['cams:NoSuchThing*', 0, false],
    ['sts:*', 4, false],
    ['swas:List*', 0, true],
    ['*:Get*', -1, true],
  ])('%s → %i actions (unknown services: %s)', (pattern, count, unknown) => {
    const { actions, unknownServices } = expandActionPattern(catalog, pattern);
    if (count >= 0) expect(actions).toHaveLength(count);
    expect(unknownServices).toBe(unknown);
  });
});

describe('buildArn and resourceTypeOfArn', () => {
  it('builds the instance ARN of cams:UpdateInstance', () => {
    expect(buildArn(catalog, 'cams:UpdateInstance', { regionId: 'ap-southeast-1', accountId: '1234567890123456', InstanceId: 'ins-1' })).toEqual({
      arn: 'acs:cams:ap-southeast-1:1234567890123456:instance/ins-1',
    });
  });
  it.each([
    [['cams:UpdateInstance', { regionId: 'r' }], /missing `accountId`, `InstanceId`/],
    [['cams:SendChatappMessage', {}], /acts on all resources/],
    [['cams:GetWhatsappUserName', {}], /undocumented resource types/],
    [['cams:GetChatappTemplateDetail', {}], /acts on all resources/],
    [['cams:Nope', {}], /not in the catalog/],
  ] as const)('%j → error', ([action, values], error) => {
    const result = buildArn(catalog, action, values as Record<string, string>);
    expect('error' in result && result.error).toMatch(error);
  });
  it.each([
    ['acs:cams:ap-southeast-1:1234567890123456:instance/ins-1', 'cams', 'Instance'],
    ['acs:ram::1234567890123456:user/alice', 'ram', 'User'],
    ['acs:ram::1234567890123456:role/deployer', 'ram', 'Role'],
    ['acs:ram::1234567890123456:group/ops', 'ram', 'Group'],
    ['acs:ram:cn-hangzhou:1234567890123456:role/deployer', 'ram', 'Role'],
  ])('%s is a %s %s', (arn, service, type) => {
    expect(resourceTypeOfArn(catalog, arn).map((t) => `${t.service}/${t.name}`)).toEqual([`${service}/${type}`]);
  });
  it.each(['acs:cams:r:1:template/x', 'acs:ecs:r:1:instance/i', 'not-an-arn'])('%s has no known type', (arn) => {
    expect(resourceTypeOfArn(catalog, arn)).toEqual([]);
  });
});

describe('system policies and keys', () => {
  it('has the documented CAMS read-only policy, which does not cover Query*', () => {
    const p = catalog.systemPolicies.get('AliyunCamsReadOnlyAccess')!;
    expect(p.document).toEqual({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['cams:Get*', 'cams:List*'], Resource: '*' }] });
    expect(p.policy.statements[0]?.actions).toEqual(['cams:Get*', 'cams:List*']); // validated on first use
    expect(catalog.systemPolicies.get('FullAliyunAccess')?.kind).toBe('control');
    for (const name of ['AliyunCamsFullAccess', 'AdministratorAccess']) expect(catalog.systemPolicies.has(name)).toBe(true);
  });
  it('types the common keys and says which a request always carries', () => {
    const key = (name: string) => catalog.conditionKeys.find((k) => k.name === name);
    expect([key('acs:SourceIp')?.type, key('acs:SourceIp')?.alwaysPresent]).toEqual(['ip', true]);
    expect([key('acs:CurrentTime')?.type, key('acs:CurrentTime')?.alwaysPresent]).toEqual(['date', true]);
    expect([key('acs:MFAPresent')?.type, key('acs:MFAPresent')?.alwaysPresent]).toEqual(['bool', false]);
    expect(key('acs:SourceVpc')?.alwaysPresent).toBe(false);
  });
});

describe('user service files (--catalog)', () => {
  const ecs = ['service: ecs', 'name: Elastic Compute Service', 'resourceTypes:', '  Instance: { arn: "acs:ecs:{#regionId}:{#accountId}:instance/{#InstanceId}", source: { inferred: "user-supplied" } }', 'conditionKeys: { keys: [], source: { inferred: "user-supplied" } }', 'actions:', '  DescribeInstances: { access: list, resources: all, source: { inferred: "user-supplied" } }', '  StartInstance: { access: update, resources: [Instance], source: { inferred: "user-supplied" } }'].join('\n');
  it('adds a service, whose actions then expand and look up', () => {
    const parsed = parseServiceFile(ecs, 'ecs.yaml');
    expect(parsed.diagnostics).toEqual([]);
    const extended = catalogWith([parsed.service!]);
    expect(expandActionPattern(extended, 'ecs:*').actions.map((a) => a.fullName)).toEqual(['ecs:DescribeInstances', 'ecs:StartInstance']);
    expect(lookupAction(extended, 'cams:UpdateInstance')).toBeDefined();
    expect(resourceTypeOfArn(extended, 'acs:ecs:r:1:instance/i').map((t) => t.name)).toEqual(['Instance']);
  });
  it('reports a bad file with positions', () => {
    const bad = ecs.replace('access: list', 'access: read').replace('resources: [Instance]', 'resources: [Disk]');
    const { service, diagnostics } = parseServiceFile(bad, 'ecs.yaml');
    expect(service).toBeUndefined();
    expect(diagnostics.map((d) => [d.code, d.range?.line])).toEqual([['invalid-value', 7]]);
    const second = parseServiceFile(ecs.replace('resources: [Instance]', 'resources: [Disk]'), 'ecs.yaml').diagnostics;
    expect(second.map((d) => [d.code, d.range?.line, d.path])).toEqual([['unknown-resource-type', 8, '/actions/StartInstance/resources/0']]);
  });
});
