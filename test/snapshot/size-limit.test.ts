/** A whole account is not one policy: snapshots have their own, larger size limit. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { parsePolicy } from '../../src/policy/parse-policy.js';
import { MAX_SNAPSHOT_CHARACTERS, MAX_SOURCE_CHARACTERS, parseSource } from '../../src/parse/source.js';
import { run } from '../cli/run.js';

/** A JSON snapshot of `users` users, each in a group with a policy attached: about 150 characters a user. */
function bigSnapshot(users: number): string {
  return JSON.stringify({
    accountId: '1234567890123456',
    policies: [],
    systemPolicies: [],
    groups: [{ name: 'ops', attachments: [{ policy: 'AliyunCamsReadOnlyAccess', type: 'System' }] }],
    users: Array.from({ length: users }, (_, i) => ({ name: `user-${String(i).padStart(6, '0')}`, displayName: `User number ${i} of the account`, groups: ['ops'], attachments: [] })),
    roles: [],
    resources: { camsInstances: [] },
  });
}

describe('snapshot size limit', () => {
  const text = bigSnapshot(12_000);

  it('reads a snapshot larger than the policy limit (a 12,000-user account)', () => {
    expect(text.length).toBeGreaterThan(MAX_SOURCE_CHARACTERS);
    const parsed = parseSnapshot(text, { file: 'big.json' });
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.snapshot?.users).toHaveLength(12_000);
  });

  it('still refuses a policy of that size, and any input over the limit it is given', () => {
    expect(parsePolicy(text, { kind: 'identity', file: 'big.json' }).diagnostics.map((d) => d.code)).toEqual(['input-too-large']);
    const small = parseSource('{"a": 1}', 'x.json', { maxCharacters: 4 });
    expect(small.diagnostics.map((d) => [d.code, d.message])).toEqual([['input-too-large', 'input is 8 characters, more than the 4 ramguard reads']]);
    expect(MAX_SNAPSHOT_CHARACTERS).toBeGreaterThan(100 * MAX_SOURCE_CHARACTERS);
  });

  it('the CLI evaluates a principal of the big snapshot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ramguard-big-'));
    const file = join(dir, 'big.snapshot.json');
    writeFileSync(file, text);
    const result = run(['eval', '--snapshot', file, '--principal', 'user/user-011999', '--action', 'cams:ListInstance', '--resource', '*']);
    expect([result.status, result.stderr]).toEqual([0, '']);
    expect(result.stdout).toContain('AliyunCamsReadOnlyAccess (via group ops)');
  });
});
