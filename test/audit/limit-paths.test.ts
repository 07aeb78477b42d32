/** Role chains multiply paths: answers show the shortest few per grant and count the rest. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { limitPaths } from '../../src/audit/limit-paths.js';
import { renderAnswer } from '../../src/audit/render/index.js';
import { expandAuditJson } from '../../src/audit/render/json-expand.js';
import { renderTable } from '../../src/audit/render/table.js';
import type { WhoCanResult } from '../../src/audit/types.js';
import { whoCan } from '../../src/audit/who-can.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { run } from '../cli/run.js';

const ACCOUNT = '1234567890123456';
const ROLES = 14;
// alice has CAMS directly, and may assume any role; every role trusts the account and has CAMS too.
const account = {
  accountId: ACCOUNT,
  policies: [{ name: 'assume-any', defaultVersion: 'v1', versions: [{ id: 'v1', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } }] }],
  systemPolicies: [],
  groups: [],
  users: [{ name: 'alice', groups: [], attachments: [{ policy: 'AliyunCamsFullAccess', type: 'System' }, { policy: 'assume-any', type: 'Custom' }] }],
  roles: Array.from({ length: ROLES }, (_, i) => ({
    name: `role-${i}`,
    trustPolicy: { document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] } }] } },
    attachments: [{ policy: 'AliyunCamsFullAccess', type: 'System' }],
  })),
  resources: { camsInstances: [{ id: 'ins-1', region: 'ap-southeast-1' }, { id: 'ins-2', region: 'ap-southeast-1' }] },
};
const text = stringify(account);
const parsed = parseSnapshot(text, { file: 'many-roles.yaml' });
if (!parsed.snapshot) throw new Error(parsed.diagnostics.map((d) => d.message).join('; '));
const snapshot = parsed.snapshot;
const answer = whoCan(snapshot, { action: 'cams:UpdateInstance', allResources: true }).result as WhoCanResult;
const alice = () => answer.principals.find((p) => p.principal.ref === 'user/alice')!;

describe('limitPaths', () => {
  it('keeps the shortest paths, direct first, and counts them all', () => {
    const all = alice().grants[0]!.paths.length;
    expect(all).toBeGreaterThan(ROLES); // direct + one per role (and more through chains)
    const limited = limitPaths(answer, 3).principals.find((p) => p.principal.ref === 'user/alice')!;
    for (const grant of limited.grants) {
      expect(grant.paths).toHaveLength(3);
      expect(grant.pathCount).toBe(all);
    }
    expect(limited.grants[0]!.paths[0]!.via).toBe('direct');
    expect(limited.grants[0]!.paths[1]!.steps.length).toBeLessThanOrEqual(limited.grants[0]!.paths[2]!.steps.length);
    // the two instances are one class: they still share one (cut) array
    expect(limited.grants[0]!.paths).toBe(limited.grants[1]!.paths);
  });

  it('leaves the answer as it is with 0, and does not touch the input', () => {
    expect(limitPaths(answer, 0)).toBe(answer);
    limitPaths(answer, 1);
    expect(alice().grants[0]!.pathCount).toBeUndefined();
  });

  it('the table says how many more paths there are', () => {
    expect(renderTable(limitPaths(answer, 2))).toContain(`… and ${alice().grants[0]!.paths.length - 2} more paths (--max-paths 0 shows every one)`);
  });
});

describe('renderAnswer', () => {
  it('turns an answer too large for a string into a diagnostic, and rethrows anything else', () => {
    const tooLarge = renderAnswer(() => 'x'.repeat(2 ** 30), answer, 'csv');
    expect('diagnostic' in tooLarge && [tooLarge.diagnostic.code, tooLarge.diagnostic.message]).toEqual(['answer-too-large', expect.stringContaining('too large to print as csv')]);
    expect(() => renderAnswer(() => { throw new TypeError('bug'); }, answer, 'csv')).toThrow('bug');
  });
});

describe('--max-paths', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ramguard-paths-'));
  const file = join(dir, 'many-roles.snapshot.yaml');
  writeFileSync(file, text);
  const ask = (...extra: string[]) => run(['audit', 'who-can', '--snapshot', file, '--action', 'cams:UpdateInstance', '--all-resources', '--no-escalation', ...extra]);

  it('defaults to 10 paths a grant; 0 shows every one; json groups the instances', () => {
    const total = alice().grants[0]!.paths.length;
    const json = expandAuditJson(JSON.parse(ask('--format', 'json', '--max-paths', '4').stdout));
    const grants: any[] = json.find((p) => p.principal.ref === 'user/alice')!.grants;
    // The audit walks role chains only as far as --max-paths needs (issue 13 §2): the count of the
    // rest is then a lower bound, flagged as such.
    expect(grants.map((g: { instances: { id: string }[]; paths: unknown[]; pathCount: number; pathCountAtLeast?: boolean }) => [g.instances.map((i) => i.id), g.paths.length, g.pathCount > 4 && g.pathCount <= total, g.pathCountAtLeast === true || g.pathCount === total])).toEqual([[['ins-1', 'ins-2'], 4, true, true]]);
    const every = expandAuditJson(JSON.parse(ask('--format', 'json', '--max-paths', '0').stdout));
    expect((every.find((p) => p.principal.ref === 'user/alice')!.grants[0] as { paths: unknown[] }).paths).toHaveLength(total);
    expect(ask().stdout).toMatch(new RegExp(`… and (${total - 10} )?more paths`));
  });

  it('refuses a --max-paths that is not a whole number', () => {
    const bad = ask('--max-paths', 'many');
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining('`--max-paths` takes a whole number from 0 to 1000000, not `many`')]);
  });
});
