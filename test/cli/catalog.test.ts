/** End-to-end: `ramguard catalog` subcommands, text and JSON, --catalog DIR, and bad input. */
import { describe, expect, it } from 'vitest';
import { FIXTURES, run, runJson } from './run.js';

describe('ramguard catalog', () => {
  it('services: one line per service', () => {
    const r = run(['catalog', 'services']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^cams\s+173 actions \(157 documented\)\s+Chat App Message Service$/m);
    expect(r.stdout).toMatch(/^ram\s+128 actions/m);
    expect(r.stdout).toMatch(/^sts\s+4 actions/m);
  });

  it('actions: expands a wildcard into real actions', () => {
    const { status, json } = runJson(['catalog', 'actions', 'cams:*Instance', '--format', 'json']);
    expect(status).toBe(0);
    expect(json.actions).toEqual(expect.arrayContaining(['cams:UpdateInstance', 'cams:DeleteInstance', 'cams:QueryInstance', 'cams:CreateInstance']));
    expect(json.actions.every((a: string) => a.startsWith('cams:') && a.endsWith('Instance'))).toBe(true);
  });

  it('actions: says when a pattern reaches services the catalog does not know', () => {
    const r = run(['catalog', 'actions', 'swas:List*']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('0 actions, and any action not in the catalog matching `swas:List*`');
  });

  it('show: access level, ARN template, condition keys, sources', () => {
    const r = run(['catalog', 'show', 'cams:updateinstance']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('cams:UpdateInstance');
    expect(r.stdout).toMatch(/access level:\s+update/);
    expect(r.stdout).toContain('Instance acs:cams:{#regionId}:{#accountId}:instance/{#InstanceId}');
    expect(r.stdout).toMatch(/source:\s+documented \(https:\/\//);
    const { json } = runJson(['catalog', 'show', 'cams:UpdateInstance', '--format', 'json']);
    expect(json).toMatchObject({ action: 'cams:UpdateInstance', access: 'update', resources: ['Instance'], changesPermissions: false });
  });

  it('show: a documented action whose level its verb contradicts, on all resources, with its page and note', () => {
    const r = run(['catalog', 'show', 'cams:DeleteGroupById']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/access level:\s+update$/m);
    expect(r.stdout).toMatch(/resources:\s+all resources \(`\*`\): no resource type$/m);
    expect(r.stdout).toContain('source:            documented (https://www.alibabacloud.com/help/tc/chatapp/developer-reference/api-cams-2020-06-06-deletegroupbyid)');
    expect(r.stdout).toMatch(/note:\s+tc Sep 01 2026: access level update although verb is Delete$/m);
    const { json } = runJson(['catalog', 'show', 'sts:AssumeRole', '--format', 'json']);
    expect(json).toMatchObject({ access: 'get', resources: ['Role'], conditionKeys: ['sts:SourceIdentity'], resourceTypes: [{ name: 'Role', arn: 'acs:ram::{#accountId}:role/{#RoleName}' }] });
  });

  it('show: an undocumented action says its facts are inferred or unknown, and why', () => {
    const r = run(['catalog', 'show', 'cams:GetWhatsappUserName']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/access level:\s+get$/m);
    expect(r.stdout).toMatch(/resources:\s+unknown \(not documented\)$/m);
    expect(r.stdout).toContain('source:            inferred: API name starts with Get → get; Alibaba documents no RAM authorization for it: the API page says no authorization information is published');
    expect(r.stdout).not.toContain('note:');
  });

  it('show: the documented level `none` and the older vocabulary are shown as written, with their meaning', () => {
    expect(run(['catalog', 'show', 'cams:RequestWhatsappConversionApi']).stdout).toMatch(/access level:\s+none \(documented: no access level\)$/m);
    const r = run(['catalog', 'show', 'ecs:StartInstance', '--catalog', `${FIXTURES}/catalog-older-vocabulary`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/access level:\s+Write \(older vocabulary: create, update or delete\)$/m);
    expect(run(['catalog', 'show', 'ecs:DescribeInstances', '--catalog', `${FIXTURES}/catalog-older-vocabulary`]).stdout).toMatch(/access level:\s+Read \(older vocabulary: get or list\)$/m);
  });

  it('show: an unknown action is exit 2 with a did-you-mean', () => {
    const r = run(['catalog', 'show', 'cams:UpdateInstanse']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error[not-in-catalog]: action `cams:UpdateInstanse` is not in the catalog');
    expect(r.stderr).toContain('did you mean `cams:UpdateInstance`');
  });

  it('keys: the common keys with their types; an unknown service is exit 2', () => {
    const r = run(['catalog', 'keys', 'cams']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^acs:SourceIp\s+ip\s+always present/m);
    expect(r.stdout).toMatch(/^acs:MFAPresent\s+bool\s+may be absent/m);
    expect(run(['catalog', 'keys', 'nosuch']).status).toBe(2);
  });

  it('policy: a system policy document by name', () => {
    const { status, json } = runJson(['catalog', 'policy', 'AliyunCamsReadOnlyAccess', '--format', 'json']);
    expect(status).toBe(0);
    expect(json.document.Statement[0].Action).toEqual(['cams:Get*', 'cams:List*']);
    const r = run(['catalog', 'policy', 'AliyunCamsReadOnly']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('did you mean `AliyunCamsReadOnlyAccess`');
  });

  it('--catalog DIR adds a user service', () => {
    const r = run(['catalog', 'actions', 'ecs:*', '--catalog', `${FIXTURES}/catalog-good`]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('ecs:DescribeInstances');
    expect(r.stdout).toContain('2 actions');
  });

  it('--catalog DIR with a bad file or a missing directory is exit 2 with positions', () => {
    const bad = run(['catalog', 'services', '--catalog', `${FIXTURES}/catalog-bad`]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/ecs\.yaml:6:\d+: error\[invalid-value\]: `access` must be one of/);
    const missing = run(['catalog', 'services', '--catalog', `${FIXTURES}/no-such-dir`]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('error[unreadable-file]: cannot read catalog directory');
  });
});
