/** End-to-end: `ramguard audit who-can` and `ramguard audit principal-can` on the example account, through the built binary. */
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { roleMesh } from '../../bench/audit-mesh.js';
import { expandAuditJson } from '../../src/audit/render/json-expand.js';
import { ALLOW_EXAMPLES, example, run, runJson as runRawJson } from '../cli/run.js';

const SNAPSHOT = ['--snapshot', example('account.snapshot.yaml'), ...ALLOW_EXAMPLES];
const whoCan = (...more: string[]) => ['audit', 'who-can', ...SNAPSHOT, ...more];
/** The command's JSON with every answer written out per principal (version 2 references paths, conditions and answers by id). */
const runJson = (argv: string[]) => {
  const r = runRawJson(argv);
  return { ...r, json: r.json?.version === 2 ? { ...r.json, principals: expandAuditJson(r.json), access: r.json.kind === 'principal-can' ? expandAuditJson(r.json)[0] : undefined } : r.json };
};
const refs = (json: { principals: { principal: { ref: string }; decision: string }[] }, decision?: string) => json.principals.filter((p) => decision === undefined || p.decision === decision).map((p) => p.principal.ref).sort();

describe('ramguard audit who-can', () => {
  it('answers with every principal that can in aligned columns, and every path in the details below', () => {
    const { status, stdout } = run(whoCan('--action', 'cams:UpdateInstance', '--all-resources'));
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^who can cams:UpdateInstance on every CAMS instance of the inventory \(account 1234567890123456\): 6 of 9 principals$/);
    const header = lines[1]!;
    expect(header).toMatch(/^#\s+PRINCIPALS\s+DECISION\s+RESOURCES\s+PATHS\s+CONDITION$/);
    // Aligned: every row's DECISION starts in the header's DECISION column, up to the blank line before the details.
    const column = header.indexOf('DECISION');
    const rows = lines.slice(2, lines.indexOf(''));
    expect(rows.length).toBeGreaterThanOrEqual(6);
    for (const line of rows) expect(line.slice(column)).toMatch(/^(Allow|Conditional|None|can escalate) /);
    // bob and carol have the same answer (the staging group): one row, both named.
    expect(rows.filter((r) => /^\d/.test(r) && r.includes('user/bob'))).toEqual([expect.stringMatching(/^\d+\s+\(2\) user\/bob, user\/carol\s+Allow\s+stg-7, stg-8\s+1$/)]);
    expect(stdout).toMatch(/\n\[\d+\] user\/ci-bot\n    Allow on all 5 resources\n      via assumes role deployer → AliyunCamsFullAccess \[System\] → \/Statement\/0\n/);
    expect(stdout).toMatch(/\n\[\d+\] user\/bob, user\/carol\n    Allow on stg-7, stg-8\n      via group developers → cams-staging-admin v1 \[Custom\] → in resource group rg-staging → \/Statement\/0\n/);
  });

  it('json: decisions, paths with both halves of the role assumption, escalations', () => {
    const { status, json } = runJson(whoCan('--action', 'cams:UpdateInstance', '--all-resources'));
    expect(status).toBe(0);
    expect(refs(json, 'Allow')).toEqual(['role/deployer', 'user/admin', 'user/bob', 'user/carol', 'user/ci-bot']);
    expect(refs(json, 'Conditional')).toEqual(['user/alice']);
    const ciBot = json.principals.find((p: { principal: { ref: string } }) => p.principal.ref === 'user/ci-bot');
    const assume = ciBot.grants[0].paths[0].steps[1];
    expect(assume.kind).toBe('assume-role');
    expect(assume.identityStatements.map((s: { policy: { name: string } }) => s.policy.name)).toEqual(['assume-deployer']);
    expect(assume.trustStatements.map((s: { policy: { attachmentPointer: string } }) => s.policy.attachmentPointer)).toEqual(['/roles/0/trustPolicy']);
    // bob and carol only on the staging instances (resource-group attachment)
    const bob = json.principals.find((p: { principal: { ref: string } }) => p.principal.ref === 'user/bob');
    // grants differing only in the resource are one entry, listing the resources and instances
    expect(bob.grants).toHaveLength(1);
    expect(bob.grants[0].resources).toEqual(['acs:cams:ap-southeast-1:1234567890123456:instance/stg-7', 'acs:cams:ap-southeast-1:1234567890123456:instance/stg-8']);
    expect(bob.grants[0].instances.map((i: { id: string }) => i.id)).toEqual(['stg-7', 'stg-8']);
    // dave (helpdesk) can join the admins group
    const dave = json.principals.find((p: { principal: { ref: string } }) => p.principal.ref === 'user/dave');
    expect(dave.decision).toBe('None');
    expect(dave.escalations.map((e: { chain: { method: string; target: { name: string } }[] }) => `${e.chain[0]!.method} ${e.chain[0]!.target.name}`)).toContain('add-user-to-group admins');
  });

  it('--width keeps the table within it; a width that is no number or under 40 is refused', () => {
    const { status, stdout } = run(whoCan('--action', 'cams:UpdateInstance', '--all-resources', '--width', '60'));
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    const table = lines.slice(1, lines.indexOf(''));
    expect(table.length).toBeGreaterThan(6);
    for (const line of table) expect([...line].length, line).toBeLessThanOrEqual(60);
    expect(table.some((line) => line.endsWith('…'))).toBe(true);
    // Not a terminal: 120 columns.
    for (const line of run(whoCan('--action', 'cams:UpdateInstance', '--all-resources')).stdout.split('\n')) expect([...line].length).toBeLessThanOrEqual(120);
    const bad = run(whoCan('--action', 'cams:UpdateInstance', '--width', '10'));
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining('`--width` takes a whole number from 40 to 10000, not `10`')]);
  });

  it('--context turns a condition into an answer', () => {
    const { json } = runJson(whoCan('--action', 'cams:UpdateInstance', '--resource', 'acs:cams:ap-southeast-1:1234567890123456:instance/prod-42', '--context', 'acs:SourceIp=203.0.113.7', '--context', 'acs:SecureTransport=true'));
    expect(refs(json, 'Allow')).toContain('user/alice');
  });

  it('the control policy that forbids prod deletes is reported as what it takes away, not as access', () => {
    const { json } = runJson(whoCan('--action', 'cams:DeleteInstance', '--resource', 'acs:cams:ap-southeast-1:1234567890123456:instance/prod-42'));
    const admin = json.principals.find((p: { principal: { ref: string } }) => p.principal.ref === 'user/admin');
    expect(admin.decision).toBe('None');
    expect(admin.grants[0].restrictions.map((r: { layer: string; kind: string }) => `${r.layer}:${r.kind}`)).toContain('control:deny');
  });

  it('csv and markdown carry the same principals', () => {
    const csv = run(whoCan('--action', 'cams:UpdateInstance', '--all-resources', '--format', 'csv'));
    expect(csv.status).toBe(0);
    const rows = csv.stdout.split('\r\n');
    expect(rows[0]).toBe('principal,kind,decision,action,resources,instances,resource_groups,paths,condition,restrictions');
    expect(rows.filter((r) => r.startsWith('user/bob,')).map((r) => r.split(',').slice(5, 7))).toEqual([['stg-7 | stg-8', 'rg-staging']]);
    const md = run(whoCan('--action', 'cams:UpdateInstance', '--all-resources', '--format', 'markdown'));
    expect(md.stdout).toMatch(/^## who can cams:UpdateInstance/);
    expect(md.stdout).toContain('| Principal | Decision | Resources | Via | Condition |');
    expect(md.stdout).toContain('| user/ci-bot | Allow |');
  });

  it('--session-policy takes from every role session what it does not allow', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramguard-audit-'));
    const session = join(dir, 'read-only.session.json');
    writeFileSync(session, JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:Query*', Resource: '*' }] }));
    const { status, json } = runJson(whoCan('--action', 'cams:UpdateInstance', '--session-policy', session));
    expect(status).toBe(0);
    const deployer = json.principals.find((p: { principal: { ref: string } }) => p.principal.ref === 'role/deployer');
    expect(deployer.decision).toBe('None');
    expect(deployer.grants[0].restrictions.map((r: { layer: string; kind: string }) => `${r.layer}:${r.kind}`)).toEqual(['session:no-allow']);
    expect(refs(json, 'Allow')).not.toContain('user/ci-bot');
    expect(refs(json, 'Allow')).toContain('user/admin');
  });

  it('--max-paths 0 on a mesh of roles answers within the audit\'s path budget and warns that paths were cut', { timeout: 60_000 }, () => {
    // Given 40 roles that trust the account and each other (about 61,000 chains a user: 3.8 GB before the budget)
    const dir = mkdtempSync(join(tmpdir(), 'ramguard-audit-'));
    const snapshot = join(dir, 'mesh.snapshot.json');
    writeFileSync(snapshot, JSON.stringify(roleMesh(40)));
    // When every path is asked for
    const { status, stdout, stderr } = run(['audit', 'who-can', '--snapshot', snapshot, '--allow-path', dir, '--action', 'cams:UpdateInstance', '--max-paths', '0'], { maxBuffer: 64 * 1024 * 1024 });
    // Then the answer is printed, with the cut counts marked, and the warning on standard error
    expect(status).toBe(0);
    expect(stdout).toMatch(/^who can cams:UpdateInstance on `\*` \(account 1234567890123456\): 60 of 60 principals\n/);
    expect(stdout).toMatch(/Allow\s+\*\s+\d+\+/);
    expect(stderr).toContain('warning[paths-cut]: the audit stopped listing paths through roles at its budget of 1,000,000 steps');
  });

  it('--expect-none exits 1 when someone can, 0 when nobody can', () => {
    expect(run(whoCan('--action', 'cams:UpdateInstance', '--expect-none')).status).toBe(1);
    expect(run(whoCan('--action', 'cams:UpdateInstance')).status).toBe(0);
    // The control policy forbids deleting a production instance: nobody can (those it blocks are listed as None).
    const prod = ['--resource', 'acs:cams:ap-southeast-1:1234567890123456:instance/prod-42'];
    expect(run(whoCan('--action', 'cams:DeleteInstance', ...prod, '--expect-none', '--no-escalation')).status).toBe(0);
  });
});

describe('ramguard audit principal-can', () => {
  it('lists what a user can do on which instances', () => {
    const { status, json } = runJson(['audit', 'principal-can', ...SNAPSHOT, '--principal', 'user/carol', '--action', 'cams:*Instance']);
    expect(status).toBe(0);
    const byAction = (action: string) => json.access.grants.filter((g: { action: string; decision: string }) => g.action === action && g.decision !== 'None').flatMap((g: { instances: { id: string }[] }) => g.instances.map((i) => i.id)).sort();
    expect(byAction('cams:UpdateInstance')).toEqual(['stg-7', 'stg-8']);
    expect(byAction('cams:QueryInstance')).toEqual(['prod-42', 'prod-43', 'prod-44', 'stg-7', 'stg-8']);
  });

  it('table has an ACTIONS column', () => {
    const { status, stdout } = run(['audit', 'principal-can', ...SNAPSHOT, '--principal', 'role/deployer', '--action', 'cams:UpdateInstance']);
    expect(status).toBe(0);
    expect(stdout.split('\n')[1]).toMatch(/^#\s+ACTIONS\s+DECISION\s+RESOURCES\s+PATHS\s+CONDITION$/);
  });

  it('a full-access role prints one row for every action that shares the answer, not one per action', () => {
    const { status, stdout } = run(['audit', 'principal-can', ...SNAPSHOT, '--principal', 'role/deployer', '--no-escalation']);
    expect(status).toBe(0);
    const lines = stdout.split('\n');
    const rows = lines.slice(2, lines.indexOf(''));
    // AliyunCamsFullAccess allows cams:*: the actions on `*`, those on the 5 instances, and DeleteInstance
    // (which the control policy takes away on production instances) are four answers, not 173.
    expect(rows.map((r) => r.split(/\s{2,}/)[2])).toEqual(['Allow', 'Allow', 'None', 'Allow']);
    expect(stdout).toMatch(/\n\[1\] cams:\* except cams:\w+Instance, cams:\w+Instance, [\s\S]*?\(\d+ of \d+\)\n    Allow on \*\n/);
    expect(stdout).toContain('\n[2] cams:CreateInstance, cams:ListInstance, cams:QueryInstance, cams:UpdateInstance\n');
    for (const line of lines) expect([...line].length).toBeLessThanOrEqual(120);
  });
});

describe('bad input exits 2 with a diagnostic, never a stack trace', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown principal', ['audit', 'principal-can', ...SNAPSHOT, '--principal', 'user/alise'], /unknown-principal.*alice/s],
    ['a group as principal', ['audit', 'principal-can', ...SNAPSHOT, '--principal', 'group/ops'], /a group is not a principal/],
    ['unknown action', whoCan('--action', 'cams:UpdateInstence'), /unknown-action.*cams:UpdateInstance/s],
    ['a wildcard action in who-can', whoCan('--action', 'cams:*'), /invalid-action/],
    ['no action', ['audit', 'who-can', ...SNAPSHOT], /--action/],
    ['no snapshot', ['audit', 'who-can', '--action', 'cams:UpdateInstance'], /--snapshot/],
    ['missing snapshot file', ['audit', 'who-can', '--snapshot', 'nope.yaml', '--action', 'cams:UpdateInstance'], /cannot read `nope.yaml`/],
    ['--resource with --all-resources', whoCan('--action', 'cams:UpdateInstance', '--all-resources', '--resource', 'x'), /not both/],
    ['--all-resources for a non-instance action', whoCan('--action', 'cams:ListProduct', '--all-resources'), /does not act on a CAMS instance/],
    ['bad context', whoCan('--action', 'cams:UpdateInstance', '--context', 'novalue'), /KEY=VALUE/],
    ['a pattern that matches nothing', ['audit', 'principal-can', ...SNAPSHOT, '--principal', 'user/alice', '--action', 'cams:Nothing*'], /action-matches-nothing/],
    ['unknown format', whoCan('--action', 'cams:UpdateInstance', '--format', 'pdf'), /pdf/],
  ];
  it.each(cases)('%s', (_, args, message) => {
    const { status, stderr, stdout } = run(args);
    expect(status).toBe(2);
    expect(stderr + stdout).toMatch(message);
  });

  it('a bad snapshot: its diagnostics, located', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramguard-audit-'));
    const file = join(dir, 'bad.snapshot.yaml');
    writeFileSync(file, `accountId: "1234567890123456"\nusers:\n  - { name: eve, groups: [nosuch] }\n`);
    const { status, stderr } = run(['audit', 'who-can', '--snapshot', file, '--action', 'cams:UpdateInstance']);
    expect(status).toBe(2);
    expect(stderr).toContain('nosuch');
    const json = runJson(['audit', 'who-can', '--snapshot', file, '--action', 'cams:UpdateInstance']);
    expect(json.status).toBe(2);
    expect(json.json.ok).toBe(false);
    expect(json.json.diagnostics.length).toBeGreaterThan(0);
  });
});
