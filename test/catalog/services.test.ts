/** The 22 built-in services: present, sourced row by row, typo-checked where their list is complete, and loaded one at a time. */
import { Ajv } from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogServiceSchema } from '../../src/catalog/schema.js';
import { builtinCatalog, builtServices, freshBuiltinCatalog } from '../../src/catalog/builtin.js';
import { BUILTIN_SERVICES } from '../../src/catalog/builtin.generated.js';
import { expandActionPattern, lookupAction } from '../../src/catalog/query.js';
import { checkRequestNames } from '../../src/catalog/request-check.js';
import { renderAction, renderServices } from '../../src/catalog/render.js';
import { lintPolicy } from '../../src/lint/engine.js';
// @ts-expect-error -- a plain ESM script without types
import * as sdkVerbs from '../../scripts/lib/sdk-verbs.mjs';

const sdkVerbLevel = sdkVerbs.sdkVerbLevel as (name: string) => { access: string };

/** Each service with the fewest actions it may have: its harvest (or, for cams, its reference list). */
const SERVICES: [code: string, atLeast: number, complete: boolean][] = [
  ['alb', 85, true], ['alidns', 261, true], ['cams', 173, true], ['cdn', 178, true], ['cms', 161, true], ['cs', 148, true],
  ['ecs', 380, true], ['ess', 23, false], ['fc', 69, false], ['kms', 45, false], ['kvstore', 176, true], ['log', 197, false],
  ['nas', 116, true], ['oss', 90, false], ['ots', 44, false], ['polardb', 64, false], ['ram', 127, true], ['rds', 398, true],
  ['resourcemanager', 114, true], ['slb', 37, false], ['sts', 4, true], ['vpc', 403, true],
];

const catalog = builtinCatalog();
const request = (action: string) => checkRequestNames({ action, resource: '*' }, catalog);
const lint = (document: unknown) => lintPolicy({ file: 'policy.json', kind: 'identity', text: JSON.stringify(document), pointerPrefix: '' }, catalog);

describe('the built-in services', () => {
  it('are exactly these 22, in the index and in the catalog', () => {
    expect(BUILTIN_SERVICES.map((s) => s.service)).toEqual(SERVICES.map(([code]) => code));
    expect([...catalog.services.keys()]).toEqual(SERVICES.map(([code]) => code));
  });

  it.each(SERVICES)('%s has at least %i actions, as many as its index entry says', (code, atLeast, complete) => {
    const service = catalog.services.get(code)!;
    expect(service.actions.length).toBeGreaterThanOrEqual(atLeast);
    expect(service.actions.length).toBe(BUILTIN_SERVICES.find((s) => s.service === code)!.actions);
    expect(service.actionsIncomplete === undefined, 'complete list').toBe(complete);
  });

  it.each(SERVICES)('catalog/generated/%s.json is a valid service file (but for the built-in `actionsIncomplete`)', (code) => {
    const { actionsIncomplete, ...data } = JSON.parse(readFileSync(new URL(`../../catalog/generated/${code}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(catalogServiceSchema);
    expect(validate(data) ? [] : validate.errors).toEqual([]);
    expect(actionsIncomplete === undefined || typeof actionsIncomplete === 'string').toBe(true);
  });

  it.each(SERVICES)('every %s action has a source: a documentation page, or the package or rule it was inferred from', (code) => {
    for (const action of catalog.services.get(code)!.actions) {
      if ('documented' in action.source) expect(action.source.documented, action.fullName).toMatch(/^https:\/\//);
      else expect(action.source.inferred, action.fullName).toMatch(/\S{3}/);
    }
  });

  it('marks every level that comes from an SDK package inferred, by the verb rule, with no resource claimed', () => {
    let harvested = 0;
    for (const action of catalog.actions.values()) {
      if (!('inferred' in action.source) || !action.source.inferred.startsWith('API name in ')) continue;
      harvested++;
      expect(action.source.inferred, action.fullName).toMatch(/^API name in \S+@\d+\.\d+\.\d+ \S+ \(API version \d{4}-\d{2}-\d{2}\)/);
      expect(action.access, action.fullName).toBe(sdkVerbLevel(action.name).access);
      expect(action.resources, action.fullName).toBe('unknown');
    }
    expect(harvested).toBeGreaterThan(3000);
  });

  it('keeps documented rows over harvested ones (RAM, STS and CAMS pages)', () => {
    for (const name of ['ram:AttachPolicyToGroup', 'ram:CreateUser', 'sts:AssumeRole', 'cams:UpdateInstance']) expect(lookupAction(catalog, name)!.source, name).toHaveProperty('documented');
    expect(lookupAction(catalog, 'ram:CreateApplication')?.source).toEqual({ inferred: expect.stringContaining('@alicloud/ims20190815@2.3.2') });
  });
});

describe('ramguard catalog on harvested services', () => {
  it('shows an inferred level as inferred, and unknown condition keys as unknown, never as documented or none', () => {
    const text = renderAction(catalog, lookupAction(catalog, 'oss:PutObject')!);
    expect(text).toContain('access level:      Write (inferred from the verb: create, update or delete)');
    expect(text).toContain('condition keys:    unknown: not catalogued');
    expect(text).toContain('source:            inferred: API name in @alicloud/oss20190517@1.0.6 dist/client.js');
    expect(text).not.toMatch(/documented \(https/);
    expect(renderAction(catalog, lookupAction(catalog, 'cams:UpdateInstance')!)).toContain('condition keys:    none of its own');
  });

  it('lists every service on its own line, saying which lists may be incomplete', () => {
    const lines = renderServices(catalog).split('\n');
    expect(lines).toHaveLength(22);
    expect(lines.find((l) => l.startsWith('resourcemanager '))).toMatch(/^resourcemanager +114 actions \(0 documented\) {2}Resource Management$/);
    expect(lines.find((l) => l.startsWith('log '))).toContain('(0 documented; the list may be incomplete)');
  });
});

describe('unknown-action with did-you-mean, for every service with a complete list', () => {
  it.each([
    ['ecs:DescribeInstancez', 'ecs:DescribeInstances'],
    ['vpc:CreateVSwich', 'vpc:CreateVSwitch'],
    ['rds:DescribeDBInstance', 'rds:DescribeDBInstances'],
    ['alidns:AddDomainRecrd', 'alidns:AddDomainRecord'],
    ['ram:CreateUsr', 'ram:CreateUser'],
  ])('eval warns on %s: did you mean %s', (typo, meant) => {
    expect(request(typo)).toEqual([expect.objectContaining({ code: 'unknown-action', help: `did you mean \`${meant}\`?` })]);
  });

  it('lint reports the typo as an error at the action, with the suggestion', () => {
    const findings = lint({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['ecs:DescribeInstances', 'ecs:DescribeInstancez'], Resource: '*' }] });
    expect(findings.filter((f) => f.code === 'unknown-action')).toEqual([expect.objectContaining({ path: '/Statement/0/Action/1', help: 'did you mean `ecs:DescribeInstances`?' })]);
  });

  it.each(['log:GetLogStoreLogs', 'oss:GetBucketStat', 'fc:ListServices'])('is silent on %s: its service’s list may miss real actions', (action) => {
    expect(request(action)).toEqual([]);
    expect(lint({ Version: '1', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }).filter((f) => f.code === 'unknown-action' || f.code === 'unlisted-action')).toEqual([]);
  });

  it.each([
    ['oss:GetObjectz', 'oss:GetObject'],
    ['ots:GetRowz', 'ots:GetRow'],
  ])('warns on %s, a near miss in a list that may be incomplete, with the did-you-mean (K8)', (action, meant) => {
    expect(request(action)).toEqual([expect.objectContaining({ code: 'unlisted-action', severity: 'warning', help: `did you mean \`${meant}\`?` })]);
    const findings = lint({ Version: '1', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });
    expect(findings.map((f) => [f.code, f.severity, f.help])).toContainEqual(['unlisted-action', 'warning', `did you mean \`${meant}\`?`]);
    expect(findings.map((f) => f.code)).not.toContain('unknown-action');
  });

  it('still knows the services it has no package for are not catalogued', () => {
    expect(request('sas:DescribeAlarmEventList')).toEqual([expect.objectContaining({ code: 'unknown-service' })]);
  });
});

describe('lint rules on services known by API names only', () => {
  it('resource-of-another-service does not guess where a harvested action acts, and still checks documented ones', () => {
    const ids = (document: unknown) => lint(document).map((f) => f.code);
    expect(ids({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'ecs:RunInstances', Resource: 'acs:vpc:*:1234567890123456:vswitch/*' }] })).not.toContain('resource-of-another-service');
    expect(ids({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: 'acs:ecs:*:*:instance/i-1' }] })).toContain('resource-of-another-service');
  });

  it('action-matches-nothing now checks the patterns of a harvested service with a complete list', () => {
    const codes = (action: string) => lint({ Version: '1', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }).map((f) => f.code);
    expect(codes('ecs:Describe*')).not.toContain('action-matches-nothing');
    expect(codes('ecs:Zz*')).toContain('action-matches-nothing');
    expect(codes('oss:GetBucketStat*')).not.toContain('action-matches-nothing');
  });
});

describe('loading on demand', () => {
  it('builds no service until one is named, and only the one named', () => {
    const fresh = freshBuiltinCatalog();
    expect(builtServices(fresh)).toEqual([]);
    expect(fresh.services.size).toBe(22);
    expect(fresh.services.has('oss')).toBe(true);
    expect([...fresh.services.keys()]).toHaveLength(22);
    expect(builtServices(fresh)).toEqual([]);
    expect(lookupAction(fresh, 'ECS:describeinstances')?.fullName).toBe('ecs:DescribeInstances');
    expect(builtServices(fresh)).toEqual(['ecs']);
  });

  it('a request check and a one-service pattern build that service only', () => {
    const fresh = freshBuiltinCatalog();
    checkRequestNames({ action: 'vpc:CreateVSwich', resource: '*' }, fresh);
    expect(expandActionPattern(fresh, 'rds:Describe*').actions.length).toBeGreaterThan(50);
    expect(builtServices(fresh)).toEqual(['vpc', 'rds']);
  });

  it('walking the actions builds every service, in the catalog’s order whatever was built first', () => {
    const fresh = freshBuiltinCatalog();
    lookupAction(fresh, 'vpc:CreateVpc');
    const walked = [...fresh.actions.values()];
    expect(builtServices(fresh)).toHaveLength(22);
    expect(walked).toEqual([...builtinCatalog().actions.values()]);
    expect([...new Set(walked.map((a) => a.service))]).toEqual(SERVICES.map(([code]) => code));
    expect(fresh.actions.size).toBe(walked.length);
  });

  it('a user service replaces the built-in one without reading it', () => {
    const mine = { service: 'ecs', name: 'mine', resourceTypes: {}, conditionKeys: { keys: [], source: { inferred: 'x' } }, actions: { RunInstances: { access: 'create' as const, resources: 'all' as const, source: { inferred: 'x' } } } };
    const fresh = freshBuiltinCatalog([mine]);
    expect(builtServices(fresh)).toEqual(['ecs']);
    expect(fresh.services.get('ecs')!.actions.map((a) => a.name)).toEqual(['RunInstances']);
    expect(lookupAction(fresh, 'ecs:DescribeInstances')).toBeUndefined();
  });

  it('a one-service pattern still expands in a catalog made by hand, whose services map may not list the service', () => {
    const action = lookupAction(catalog, 'sts:AssumeRole')!;
    const byHand = { services: new Map(), actions: new Map([['sts:assumerole', action]]), conditionKeys: [], systemPolicies: new Map() };
    expect(expandActionPattern(byHand, 'sts:Assume*').actions).toEqual([action]);
  });

  it('is read-only, as a shared catalog must be', () => {
    expect(() => catalog.services.set('x', catalog.services.get('sts')!)).toThrow(/read-only/);
    expect(() => catalog.actions.clear()).toThrow(/read-only/);
  });
});
