/**
 * Issue 13 §5: one indexed account model. `AccountIndex` looks names up for `policySetFor`, the
 * audit (and its what-if accounts) and the account emulator; a derived index shares the maps of
 * the lists a change left alone. A structural check keeps the lookups from being written again.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountIndex, attachedDocument, systemDocumentOf } from '../../src/snapshot/account-index.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { indexAccount } from '../../src/emulator/ram-api/account-index.js';

const snapshot = parseSnapshot(`
accountId: "1111111111111111"
policies:
  - name: ops
    defaultVersion: v2
    versions:
      - { id: v1, document: { Version: "1", Statement: [{ Effect: Allow, Action: "cams:List*", Resource: "*" }] } }
      - { id: v2, document: { Version: "1", Statement: [{ Effect: Allow, Action: "cams:*", Resource: "*" }] } }
users:
  - { name: alice, groups: [dev], attachments: [{ policy: ops, type: Custom }] }
  - { name: bob, attachments: [] }
groups:
  - { name: dev, attachments: [{ policy: AliyunCamsReadOnlyAccess, type: System }] }
roles:
  - name: Deployer
    trustPolicy: { document: { Version: "1", Statement: [{ Effect: Allow, Action: sts:AssumeRole, Principal: { RAM: ["acs:ram::1111111111111111:root"] } }] } }
    attachments: []
`).snapshot!;

describe('AccountIndex', () => {
  const index = new AccountIndex(snapshot);

  it('finds users, groups, roles and custom policies by exact name, with their positions', () => {
    expect(index.user('bob')).toBe(snapshot.users[1]);
    expect(index.indexOf('users', 'bob')).toBe(1);
    expect(index.group('dev')).toBe(snapshot.groups[0]);
    expect(index.role('Deployer')).toBe(snapshot.roles[0]);
    expect(index.role('deployer')).toBeUndefined();
    expect(index.policy('ops')).toBe(snapshot.policies[0]);
    expect(index.indexOf('groups', 'nope')).toBe(-1);
    expect(index.user('__proto__')).toBeUndefined();
  });

  it("gives an attachment's document in force: a custom policy's default version, a system policy from the catalog", () => {
    expect(attachedDocument(index, { policy: 'ops', type: 'Custom' })).toEqual({ document: snapshot.policies[0]!.versions[1]!.document, version: 'v2' });
    expect(attachedDocument(index, { policy: 'AliyunCamsReadOnlyAccess', type: 'System' })?.document.statements.length).toBeGreaterThan(0);
    expect(attachedDocument(index, { policy: 'missing', type: 'Custom' })).toBeUndefined();
    expect(systemDocumentOf(index, 'FullAliyunAccess', 'control')?.document.kind).toBe('control');
  });

  it('maps each list once; a derived index (items replaced or appended in place) shares the maps', () => {
    let calls = 0;
    const lower = (r: { name: string }) => (calls++, r.name.toLowerCase());
    expect(index.indexBy('roles', 'lower', lower, 'deployer')).toBe(0);
    expect(index.indexBy('roles', 'lower', lower, 'other')).toBe(-1);
    const mapped = calls;
    const joined = index.derive({ ...snapshot, users: snapshot.users.map((u) => (u.name === 'bob' ? { ...u, groups: ['dev'] } : u)) });
    expect(joined.user('bob')?.groups).toEqual(['dev']);
    expect(index.user('bob')?.groups).toEqual([]);
    const created = joined.derive({ ...joined.account, users: [...joined.account.users, { name: 'carol', groups: [], attachments: [] }] });
    expect(created.indexOf('users', 'carol')).toBe(2);
    expect(created.user('bob')?.groups).toEqual(['dev']);
    expect(joined.indexOf('users', 'carol')).toBe(-1);
    const trusted = index.derive({ ...snapshot, roles: [{ ...snapshot.roles[0]!, description: 'changed' }] });
    expect(trusted.indexBy('roles', 'lower', lower, 'deployer')).toBe(0);
    expect(trusted.role('Deployer')?.description).toBe('changed');
    // No map was built again: only the checks of the found places ran the key.
    expect(calls - mapped).toBe(1);
  });

  it('a derived list that breaks the contract (an item renamed in place) is mapped again, not answered wrong', () => {
    const renamed = index.derive({ ...snapshot, roles: [{ ...snapshot.roles[0]!, name: 'Other' }] });
    expect(renamed.indexOf('roles', 'Deployer')).toBe(-1);
    expect(renamed.indexOf('roles', 'Other')).toBe(0);
  });

  it('indexes a snapshot as its file holds it, for the account emulator', () => {
    const served = indexAccount({ accountId: '1', users: [{ name: 'u', attachments: [] }], policies: [{ name: 'p', defaultVersion: 'v1', versions: [{ id: 'v1', document: { Version: '1', Statement: [] } }] }] });
    expect(served.names.user('u')?.name).toBe('u');
    expect(served.names.policy('p')?.defaultVersion).toBe('v1');
  });
});

describe('one index, not four', () => {
  const roots = ['src/snapshot', 'src/audit', 'src/audit/moves', 'src/emulator/ram-api'];
  it('no module of policySetFor, the audit or the account emulator scans a list for a name', () => {
    const scanning = /\.(find|findIndex)\(\((\w+)\) => \2\.name === /;
    const offenders = roots.flatMap((dir) =>
      readdirSync(join(import.meta.dirname, '../..', dir))
        .filter((f) => f.endsWith('.ts'))
        .flatMap((f) => readFileSync(join(import.meta.dirname, '../..', dir, f), 'utf8').split('\n').flatMap((line, i) => (scanning.test(line) ? [`${dir}/${f}:${i + 1}`] : []))),
    );
    expect(offenders).toEqual([]);
  });
});
