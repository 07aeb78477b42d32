/**
 * Issue 13 §1.1: every memo of an audit belongs to the audit (its `AuditSession`). A module-level
 * cache of class projections, keyed by the features of a hypothetical policy set but holding one
 * audit's class indices, made the second audit of a process crash (`Cannot read properties of
 * undefined (reading 'representative')`) or drop escalations, depending on the order of actions.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import * as audit from '../../src/audit/who-can.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { escalationAccount } from './escalation-account.js';

const ACCOUNT = '5555555555555555';
const doc = (...statements: Record<string, unknown>[]) => ({ Version: '1', Statement: statements });
const custom = (name: string, ...statements: Record<string, unknown>[]) => ({ name, defaultVersion: 'v1', versions: [{ id: 'v1', document: doc(...statements) }] });
const instance = (id: string) => `acs:cams:*:${ACCOUNT}:instance/${id}`;

/**
 * `esc` may attach any policy to himself and assume roles; a role lets him update c-0 and c-1 (so
 * he lacks only c-2), and someone may delete c-0. Delete sorts before Update: its two classes
 * were cached under AdministratorAccess's features, then read for Update's three.
 */
const escalating = parseSnapshot(
  JSON.stringify({
    accountId: ACCOUNT,
    policies: [
      custom('escalate', { Effect: 'Allow', Action: ['ram:AttachPolicyToUser', 'sts:AssumeRole'], Resource: '*' }),
      custom('update-two', { Effect: 'Allow', Action: 'cams:UpdateInstance', Resource: [instance('c-0'), instance('c-1')] }),
      custom('delete-one', { Effect: 'Allow', Action: 'cams:DeleteInstance', Resource: instance('c-0') }),
    ],
    users: [
      { name: 'esc', groups: [], attachments: [{ policy: 'escalate', type: 'Custom' }] },
      { name: 'deleter', groups: [], attachments: [{ policy: 'delete-one', type: 'Custom' }] },
    ],
    groups: [],
    roles: [{ name: 'updater', trustPolicy: { document: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`] } }) }, attachments: [{ policy: 'update-two', type: 'Custom' }] }],
    resources: { camsInstances: ['c-0', 'c-1', 'c-2'].map((id) => ({ id, region: 'cn-hangzhou' })) },
  }),
).snapshot!;
const other = parseSnapshot(JSON.stringify(escalationAccount())).snapshot!;

type Audit = typeof audit;
/** The audits of the test, each a function of the module it runs with. */
const AUDITS: Record<string, (a: Audit) => unknown> = {
  'who-can cams:DeleteInstance --all-resources': (a) => a.whoCan(escalating, { action: 'cams:DeleteInstance', allResources: true }),
  'who-can cams:UpdateInstance --all-resources': (a) => a.whoCan(escalating, { action: 'cams:UpdateInstance', allResources: true }),
  'principal-can user/esc cams:*Instance': (a) => a.principalCan(escalating, { principal: 'user/esc', actionPattern: 'cams:*Instance' }),
  'who-can cams:UpdateInstance --all-resources, another account': (a) => a.whoCan(other, { action: 'cams:UpdateInstance', allResources: true }),
};

/** The audit modules as a fresh process has them: no state from any earlier audit. */
async function fresh(): Promise<Audit> {
  vi.resetModules();
  return (await import('../../src/audit/who-can.js')) as Audit;
}

describe('audits in one process', () => {
  it('src/audit keeps no module-level mutable state', () => {
    const dir = join(import.meta.dirname, '../../src/audit');
    const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
    expect(files.length).toBeGreaterThan(10);
    const found = files.flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .filter((line) => /^(export )?let\s/.test(line) || /^(export )?(const|var)\s+\w+(\s*:[^=]+)?\s*=\s*new (Weak)?(Map|Set)\b/.test(line))
        .map((line) => `${f}: ${line}`),
    );
    expect(found).toEqual([]);
  });

  const names = Object.keys(AUDITS);
  const pairs = names.flatMap((a) => names.filter((b) => b !== a).map((b) => [a, b] as const));
  it.each(pairs)('%s, then %s: the answers of fresh processes', async (first, second) => {
    const expected = [AUDITS[first]!(await fresh()), AUDITS[second]!(await fresh())];
    const shared = await fresh();
    expect([AUDITS[first]!(shared), AUDITS[second]!(shared)]).toEqual(expected);
  });

  it('principal-can over every cams action answers, with the escalations who-can gives action by action', () => {
    const answer = audit.principalCan(escalating, { principal: 'user/esc' });
    expect(answer.diagnostics).toEqual([]);
    const { access, query } = answer.result!;
    const update = access.escalations.filter((e) => e.action === 'cams:UpdateInstance');
    expect(update.map((e) => e.chain.map((s) => s.method))).toEqual([['attach-policy-to-user']]);
    for (const action of query.actions) {
      const all = audit.whoCan(escalating, { action, allResources: true });
      const asked = all.result ?? audit.whoCan(escalating, { action }).result!;
      const esc = asked.principals.find((p) => p.principal.ref === 'user/esc');
      expect(access.escalations.filter((e) => e.action === action), action).toEqual(esc?.escalations ?? []);
    }
  });
});
