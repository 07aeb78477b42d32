/**
 * Issue 13 §4: what the snapshot cannot hold as principals — other accounts, their users and
 * roles, identity providers, cloud services named in trust policies (W21) — the account root
 * (W22), and service-linked roles, which control policies do not restrict (W20).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyTrusted } from '../../src/audit/external.js';
import { whoCan } from '../../src/audit/who-can.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { policySetFor } from '../../src/snapshot/principal.js';

const parsed = parseSnapshot(readFileSync(join(import.meta.dirname, 'external/account.yaml'), 'utf8'));
const snapshot = parsed.snapshot!;
const INSTANCE = 'acs:cams:cn-hangzhou:1111111111111111:instance/c-1';

describe('external principals', () => {
  const answer = whoCan(snapshot, { action: 'cams:DeleteInstance', resource: INSTANCE }).result!;
  const external = answer.external ?? [];
  const named = (principal: string, role?: string) => external.filter((e) => e.principal === principal && (role === undefined || e.role.name === role));

  it('parses the snapshot', () => expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));

  it('lists another account trusted by a role with access, through that role, outright', () => {
    const [partner] = named('acs:ram::2222222222222222:root', 'partner');
    expect(partner).toMatchObject({ kind: 'account', account: '2222222222222222', decision: 'Allow', resources: [INSTANCE] });
    expect(partner!.trustStatements.map((s) => [s.policy.type, s.policy.attachmentPointer, s.pointer])).toEqual([['TrustPolicy', '/roles/0/trustPolicy', '/Statement/0']]);
  });

  it("carries the trust statement's condition", () => {
    const [ci] = named('acs:ram::3333333333333333:role/ci', 'partner');
    expect(ci).toMatchObject({ kind: 'role', account: '3333333333333333', decision: 'Conditional' });
    expect(ci!.condition).toContain('sts:ExternalId');
  });

  it('leaves out an entry the trust policy also denies, and the account itself', () => {
    expect(named('acs:ram::4444444444444444:root')).toEqual([]);
    expect(named('acs:ram::1111111111111111:root')).toEqual([]);
  });

  it('names identity providers, services and every-account trust by kind', () => {
    expect(named('acs:ram::1111111111111111:saml-provider/okta')[0]).toMatchObject({ kind: 'saml-provider', decision: 'Conditional' });
    expect(named('ecs.aliyuncs.com')[0]).toMatchObject({ kind: 'service', decision: 'Allow', role: { name: 'federated' } });
    expect(named('acs:ram::*:root')[0]).toMatchObject({ kind: 'any-account', account: '*', decision: 'Allow' });
  });

  it('follows role chains: a role that reaches the access through another role brings its trusted principals', () => {
    expect(named('acs:ram::5555555555555555:user/bob', 'hop')[0]).toMatchObject({ kind: 'user', decision: 'Allow' });
  });

  it('says nothing of a role without access', () => {
    expect(external.filter((e) => e.role.name === 'idle')).toEqual([]);
  });

  it('lists the account root once, as such', () => {
    expect(answer.accountRoot).toEqual({ arn: 'acs:ram::1111111111111111:root', note: expect.stringContaining('no RAM policy or control policy') });
    expect(answer.principals.map((p) => p.principal.arn)).not.toContain('acs:ram::1111111111111111:root');
  });
});

describe('classifyTrusted', () => {
  it.each([
    ['RAM', 'acs:ram::1111111111111111:user/alice', undefined],
    ['RAM', 'acs:ram::9:root', { kind: 'account', account: '9' }],
    ['RAM', 'acs:ram::12*:root', { kind: 'any-account', account: '12*' }],
    ['RAM', '*', { kind: 'any-account', account: '*' }],
    ['Federated', 'acs:ram::9:oidc-provider/gh', { kind: 'oidc-provider', account: '9' }],
    ['Federated', 'something-else', { kind: 'identity-provider' }],
    ['Service', 'fc.aliyuncs.com', { kind: 'service' }],
  ] as const)('%s %s', (block, entry, want) => expect(classifyTrusted('1111111111111111', block, entry)).toEqual(want));
});

describe('service-linked roles', () => {
  const answer = whoCan(snapshot, { action: 'cams:UpdateInstance', resource: INSTANCE }).result!;
  const of = (ref: string) => answer.principals.find((p) => p.principal.ref === ref);

  it('are not restricted by control policies', () => {
    expect(of('role/AliyunServiceRoleForCams')?.decision).toBe('Allow');
    expect(of('role/AliyunServiceRoleForCams')?.grants[0]?.restrictions).toEqual([]);
  });

  it('while an ordinary role with the same policy is', () => {
    const partner = of('role/partner');
    expect(partner?.decision ?? 'None').toBe('None');
    expect(partner?.grants[0]?.restrictions.map((r) => `${r.layer}:${r.kind}`)).toContain('control:deny');
  });

  it('get a policy set without control levels; the flag survives parsing', () => {
    expect(snapshot.roles.find((r) => r.name === 'AliyunServiceRoleForCams')?.serviceLinked).toBe(true);
    expect(policySetFor(snapshot, 'role/AliyunServiceRoleForCams').result!.policies.control).toEqual([]);
    expect(policySetFor(snapshot, 'role/partner').result!.policies.control).toHaveLength(2);
  });

  it('a service the only way into one is listed as its external principal', () => {
    expect(answer.external?.filter((e) => e.role.name === 'AliyunServiceRoleForCams').map((e) => e.principal)).toEqual(['cams.aliyuncs.com']);
  });
});

describe('in the text formats', () => {
  const answer = whoCan(snapshot, { action: 'cams:DeleteInstance', resource: INSTANCE }).result!;

  it('the table lists the account root once and each external principal with its role and condition, within the width', async () => {
    const { renderTable } = await import('../../src/audit/render/table.js');
    const text = renderTable(answer, { width: 100 });
    const unwrapped = text.replace(/\n {2,}/g, ' ');
    expect(text.match(/account root acs:ram::1111111111111111:root/g)).toHaveLength(1);
    expect(unwrapped).toContain('account 2222222222222222 (any identity it allows) → assumes role/partner (trust /Statement/0): Allow on c-1');
    expect(unwrapped).toMatch(/role of account 3333333333333333: acs:ram::3333333333333333:role\/ci → assumes role\/partner[\s\S]*`sts:ExternalId`/);
    expect(text).not.toContain('4444444444444444');
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it('markdown lists them below the table', async () => {
    const { renderMarkdown } = await import('../../src/audit/render/markdown.js');
    const text = renderMarkdown(answer);
    expect(text).toContain('- account root acs:ram::1111111111111111:root');
    expect(text).toContain('  - service ecs.aliyuncs.com → assumes role/federated');
  });

  it('an answer where nobody can still names the account root', async () => {
    const { renderTable } = await import('../../src/audit/render/table.js');
    const nobody = whoCan(snapshot, { action: 'cams:DeleteInstance', resource: INSTANCE, escalation: false }).result!;
    const empty = { ...nobody, principals: [], external: [] };
    expect(renderTable(empty)).toMatch(/nobody\n\naccount root acs:ram::1111111111111111:root/);
  });
});

describe('a role\'s access read from grants per resource class (roleAccessOfClasses)', () => {
  it('is what roleAccessOf reads from one grant per resource, on every role of the generated bench account', async () => {
    const { generatedAccount } = await import('../../bench/audit-account.js');
    const { roleAccessOf, roleAccessOfClasses } = await import('../../src/audit/external.js');
    const raw = generatedAccount(600, 120) as { roles: { attachments: { policy: string; type: string }[] }[] };
    // Two roles whose access is conditional: on a team tag (some instances), from an office network (all).
    raw.roles[1]!.attachments = [{ policy: 'team-1-operator', type: 'Custom' }];
    raw.roles[2]!.attachments = [{ policy: 'office-update', type: 'Custom' }];
    const bench = parseSnapshot(JSON.stringify(raw), { file: 'bench.json' }).snapshot!;
    const ask = { action: 'cams:UpdateInstance', allResources: true, escalation: false } as const;
    const perClass = whoCan(bench, { ...ask, grantsPer: 'class' }).result!.principals.filter((a) => a.principal.kind === 'role');
    const perResource = new Map(whoCan(bench, ask).result!.principals.map((a) => [a.principal.ref, a]));
    // Allowed roles and conditional ones both, each with many instances.
    expect(new Set(perClass.map((a) => a.decision))).toEqual(new Set(['Allow', 'Conditional']));
    for (const access of perClass) {
      const fromClasses = roleAccessOfClasses({ ...access, classGrants: access.classGrants! });
      expect(fromClasses.resources.length).toBeGreaterThan(1);
      expect(JSON.stringify(fromClasses)).toBe(JSON.stringify(roleAccessOf(perResource.get(access.principal.ref)!)));
    }
  });
});
