/** Account snapshots: the bundled example parses; every refused snapshot of the corpus says why, where. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSnapshot, type Diagnostic } from '../../src/index.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const EXAMPLE = resolve(ROOT, 'policies/examples/account.snapshot.yaml');

/** Reads files relative to a folder, as the CLI does. */
const readerIn = (dir: string) => (path: string) => {
  try {
    return { text: readFileSync(resolve(dir, path), 'utf8'), file: path };
  } catch {
    return { error: 'no such file' };
  }
};

type Expected = { code: string; line: number; path: string; message?: string; help?: string };
type Case = { name: string; snapshot: string; expect: Expected[] };
const corpus = parse(readFileSync(resolve(ROOT, 'test/cases/snapshot/invalid.yaml'), 'utf8')) as { cases: Case[] };

/** Every code the snapshot module adds; each must have a case in the corpus. */
const SNAPSHOT_CODES = ['duplicate-name', 'duplicate-attachment', 'unknown-group', 'unknown-policy', 'attachment-type-mismatch', 'unknown-version', 'too-many-versions', 'unknown-resource-group'];

describe('the bundled example snapshot', () => {
  const { snapshot, diagnostics } = parseSnapshot(readFileSync(EXAMPLE, 'utf8'), { file: 'account.snapshot.yaml', readFile: readerIn(dirname(EXAMPLE)) });

  it('parses without a diagnostic', () => {
    expect(diagnostics).toEqual([]);
    expect(snapshot?.accountId).toBe('1234567890123456');
  });

  it('keeps every version of a custom policy, documents from files included', () => {
    const operator = snapshot!.policies.find((p) => p.name === 'cams-operator')!;
    expect(operator.defaultVersion).toBe('v2');
    expect(operator.versions.map((v) => v.id)).toEqual(['v1', 'v2']);
    expect(operator.versions[1]!.document.statements.map((s) => s.sid)).toEqual(['ReadInstances', 'UpdateProdInstancesFromOffice']);
    expect(operator.versions.every((v) => v.document.kind === 'identity')).toBe(true);
  });

  it('reads the directory path, roles, groups, users and inventory as written', () => {
    expect(snapshot!.resourceDirectory!.path.map((l) => l.name)).toEqual(['Root', 'Production', 'chatapp-prod']);
    expect(snapshot!.resourceDirectory!.controlPolicies[0]!.document.kind).toBe('control');
    expect(snapshot!.roles.map((r) => [r.name, r.trustPolicy.kind])).toEqual([['deployer', 'trust'], ['auditor', 'trust'], ['cams-sync', 'trust']]);
    expect(snapshot!.users).toHaveLength(6);
    expect(snapshot!.groups.map((g) => g.name)).toEqual(['ops', 'developers', 'admins']);
    const dave = snapshot!.users.find((u) => u.name === 'dave')!;
    expect(dave.groups).toEqual([]);
    expect(dave.accessKeys).toBeUndefined(); // not recorded, which is not the same as none
    expect(snapshot!.resources.camsInstances.map((x) => x.resourceGroup)).toEqual(['rg-prod', 'rg-prod', 'rg-prod', 'rg-staging', 'rg-staging']);
  });
});

describe('snapshots that must be refused (test/cases/snapshot/invalid.yaml)', () => {
  it.each(corpus.cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const { snapshot, diagnostics } = parseSnapshot(c.snapshot, { file: 'account.yaml' });
    const actual = diagnostics.map((d: Diagnostic) => ({ code: d.code, line: d.range?.line, path: d.path }));
    expect(actual).toEqual(c.expect.map(({ code, line, path }) => ({ code, line, path })));
    c.expect.forEach((e, i) => {
      if (e.message) expect(diagnostics[i]!.message).toContain(e.message);
      if (e.help) expect(diagnostics[i]!.help).toContain(e.help);
      expect(diagnostics[i]!.file).toBe('account.yaml');
    });
    expect(snapshot === undefined).toBe(c.expect.length > 0);
  });

  it('has a case for every diagnostic code the snapshot adds', () => {
    const covered = new Set(corpus.cases.flatMap((c) => c.expect.map((e) => e.code)));
    expect(SNAPSHOT_CODES.filter((code) => !covered.has(code))).toEqual([]);
  });
});

describe('policy files named by a snapshot', () => {
  const text = ['accountId: "1"', 'policies:', '  - name: p', '    defaultVersion: v1', '    versions:', '      - { id: v1, file: p.json }', '      - { id: v2, file: missing.json }'].join('\n');

  it('are read through the caller; one that cannot be read is an error at its reference', () => {
    const readFile = (path: string) => (path === 'p.json' ? { text: '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}', file: 'dir/p.json' } : { error: 'no such file' });
    const { diagnostics } = parseSnapshot(text, { file: 's.yaml', readFile });
    expect(diagnostics.map((d) => [d.code, d.file, d.range?.line, d.message])).toEqual([['unreadable-file', 's.yaml', 7, 'cannot read policy file `missing.json`: no such file']]);
  });

  it('point into the policy file when the policy is wrong, checked as an identity policy', () => {
    const readFile = () => ({ text: '{\n  "Version": "1",\n  "Statement": [{ "Effect": "Allow", "Action": "cams:*" }]\n}', file: 'dir/p.json' });
    const { diagnostics } = parseSnapshot(text, { file: 's.yaml', readFile });
    expect(diagnostics.map((d) => [d.code, d.file, d.range?.line])).toEqual([
      ['missing-element', 'dir/p.json', 3],
      ['missing-element', 'dir/p.json', 3],
    ]);
  });

  it('cannot be read without a reader', () => {
    const { diagnostics } = parseSnapshot(text, { file: 's.yaml' });
    expect(diagnostics.map((d) => d.code)).toEqual(['unreadable-file', 'unreadable-file']);
  });
});

describe('system policies the snapshot carries', () => {
  const text = (attach: string) =>
    ['accountId: "1"', 'systemPolicies:', '  - { name: AliyunECSFullAccess, document: { Version: "1", Statement: [{ Effect: Allow, Action: "ecs:*", Resource: "*" }] } }', 'users:', `  - { name: alice, attachments: [{ policy: ${attach}, type: System }] }`].join('\n');

  it('can be attached by name although the catalog lacks them', () => {
    const { snapshot, diagnostics } = parseSnapshot(text('AliyunECSFullAccess'), { file: 's.yaml' });
    expect(diagnostics).toEqual([]);
    expect(snapshot!.systemPolicies[0]!.document.statements[0]!.actions).toEqual(['ecs:*']);
  });

  it('are offered as a did-you-mean', () => {
    const { diagnostics } = parseSnapshot(text('AliyunECSFullAcess'), { file: 's.yaml' });
    expect(diagnostics.map((d) => [d.code, d.range?.line])).toEqual([['unknown-system-policy', 5]]);
    expect(diagnostics[0]!.help).toMatch(/^did you mean `AliyunECSFullAccess`, /); // the snapshot's own first: it is the closest
  });
});

it('reports malformed YAML with its position, before anything else', () => {
  const { diagnostics } = parseSnapshot('accountId: "1"\nusers: [unclosed\n', { file: 's.yaml' });
  expect(diagnostics[0]?.code).toBe('syntax-error');
});
