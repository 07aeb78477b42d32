/**
 * Issue 13 §4: docs/collect-policy.json is the read-only RAM policy `collect` needs, no more and
 * no less — exactly the API actions full collections call (RAM, resource groups, the Resource
 * Directory with its control policies, CAMS instances, a system policy the catalog lacks, versions
 * listed without documents) — and ramguard's own lint passes it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/catalog/builtin.js';
import type { Caller } from '../../src/collect/calls.js';
import { collectAccount } from '../../src/collect/collect.js';
import { generateAccount } from '../../src/emulator/ram-api/generate-account.js';
import type { ServedAccount } from '../../src/emulator/ram-api/account-index.js';
import { lintPolicy } from '../../src/lint/engine.js';
import { accountEmulator, callerTo, exampleAccount } from './fixture.js';

const FILE = join(import.meta.dirname, '../../docs/collect-policy.json');
const text = readFileSync(FILE, 'utf8');
const policy = JSON.parse(text) as { Statement: { Effect: string; Action: string[]; Resource: string }[] };

describe('the minimal collect policy', () => {
  const called = new Set<string>();
  /** Collects `account`, recording every call; ListPolicyVersions answers lose their documents, so each version is read with GetPolicyVersion. */
  async function collectFrom(account: ServedAccount): Promise<void> {
    const emulator = await accountEmulator(account);
    try {
      const real = callerTo(emulator.url, { maxAttempts: 1 });
      const recording: Caller = async (request) => {
        called.add(`${request.api}:${request.action}`);
        const outcome = await real(request);
        if (outcome.ok && request.action === 'ListPolicyVersions') {
          const versions = (outcome.body['PolicyVersions'] as { PolicyVersion: Record<string, unknown>[] }).PolicyVersion;
          for (const v of versions) delete v['PolicyDocument'];
        }
        return outcome;
      };
      const result = await collectAccount(recording, { collectedAt: '2026-12-06T12:00:00Z', tool: 'ramguard test', camsRegion: 'ap-southeast-1' });
      expect(result.gaps).toEqual([]);
    } finally {
      await emulator.close();
    }
  }
  beforeAll(async () => {
    await collectFrom(exampleAccount());
    await collectFrom(generateAccount({ users: 20, groups: 4, roles: 4, policies: 6, seed: 3 }));
  }, 60_000);

  it('allows exactly the actions a full collection calls, read-only, on every resource', () => {
    expect(policy.Statement).toHaveLength(1);
    const [statement] = policy.Statement;
    expect(statement).toMatchObject({ Effect: 'Allow', Resource: '*' });
    expect([...statement!.Action].sort()).toEqual([...called].sort());
    // Read-only: every action lists or gets.
    for (const action of statement!.Action) expect(action).toMatch(/^[a-z]+:(List|Get)[A-Za-z]+$/);
  });

  it("passes ramguard's own lint with no finding", () => {
    const findings = lintPolicy({ file: 'docs/collect-policy.json', text, kind: 'identity', pointerPrefix: '' }, builtinCatalog());
    expect(findings.map((f) => `${f.code}: ${f.message}`)).toEqual([]);
  });
});
