/** A collected snapshot that lacks parts says so in every answer drawn from it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { completenessWarnings } from '../../src/snapshot/completeness.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { run } from '../cli/run.js';

const ACCOUNT = '1234567890123456';
const base = {
  accountId: ACCOUNT,
  policies: [],
  systemPolicies: [],
  groups: [],
  users: [{ name: 'alice', groups: [], attachments: [{ policy: 'AliyunCamsFullAccess', type: 'System' }] }],
  roles: [],
  resources: { camsInstances: [] },
};
const gap = { service: 'ram', action: 'ListPoliciesForUser', parameters: { UserName: 'bob' }, code: 'Forbidden.RAM', message: 'denied', missing: "bob's account-scope attachments", path: '/users/1/attachments' };

function snapshotOf(collection: object | undefined) {
  const parsed = parseSnapshot(stringify({ ...base, ...(collection ? { collection } : {}) }), { file: 's.yaml' });
  expect(parsed.diagnostics).toEqual([]);
  return parsed.snapshot!;
}

describe('completenessWarnings', () => {
  it('says nothing for a snapshot that records no collection, or a complete one', () => {
    expect(completenessWarnings(snapshotOf(undefined))).toEqual([]);
    expect(completenessWarnings(snapshotOf({ tool: 'ramguard 0.1.0', gaps: [], notCollected: ['users.accessKeys'] }))).toEqual([]);
  });

  it('warns of gaps, naming the first, and of a Resource Directory or an inventory not collected', () => {
    const warnings = completenessWarnings(snapshotOf({ gaps: [gap, gap], notCollected: ['users.mfaBound', 'resourceDirectory', 'resources.camsInstances'] }), 's.yaml');
    expect(warnings.map((w) => [w.code, w.severity, w.path])).toEqual([
      ['snapshot-incomplete', 'warning', '/collection/gaps'],
      ['snapshot-incomplete', 'warning', '/collection/notCollected/1'],
      ['snapshot-incomplete', 'warning', '/collection/notCollected/2'],
    ]);
    expect(warnings[0]!.message).toContain('2 gap(s) — first: ram ListPoliciesForUser (Forbidden.RAM)');
    expect(warnings[1]!.message).toContain('control policies are not in the answer');
  });
});

describe('answers from an incomplete snapshot', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ramguard-incomplete-'));
  const file = join(dir, 'collected.snapshot.yaml');
  writeFileSync(file, stringify({ ...base, collection: { gaps: [gap], notCollected: ['resourceDirectory'] } }));
  const resource = `acs:cams:ap-southeast-1:${ACCOUNT}:instance/ins-1`;

  it('eval answers as before, with the warnings on stderr', () => {
    const result = run(['eval', '--snapshot', file, '--principal', 'user/alice', '--action', 'cams:UpdateInstance', '--resource', resource]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^ALLOW/);
    expect(result.stderr).toContain('warning[snapshot-incomplete]: the snapshot was collected with 1 gap(s)');
    expect(result.stderr).toContain('warning[snapshot-incomplete]: the snapshot does not record `resourceDirectory`');
  });

  it('audit who-can keeps stdout for the answer and warns on stderr', () => {
    const result = run(['audit', 'who-can', '--snapshot', file, '--action', 'cams:UpdateInstance', '--resource', resource, '--format', 'json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).principals.map((p: { principal: { ref: string } }) => p.principal.ref)).toEqual(['user/alice']);
    expect(result.stderr.match(/warning\[snapshot-incomplete\]/g)).toHaveLength(2);
  });
});
