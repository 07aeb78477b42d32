/**
 * End-to-end: `ramguard diff` on the built binary — per action (exact, expanded against the
 * catalog, with the actions outside it), per resource pattern and per condition; exit 0 when
 * nothing is newly allowed, 1 when something is, 2 for invalid input (D1-D3).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, runJson } from '../cli/run.js';

const fixture = (name: string) => resolve(ROOT, 'test/analysis/fixtures', name);

describe('diff', () => {
  it('lists the actions a change newly allows, the ones outside the catalog, and the written additions', () => {
    // Given a read-only policy and one that adds cams:Update* on prod instances with conditions
    const r = run(['diff', fixture('read-only.json'), fixture('read-and-update.json')]);
    // Then exit 1, every catalog Update action, the others by pattern, and the new resource and conditions
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('+ cams:UpdateInstance');
    expect(r.stdout).toContain('+ any action not in the catalog matching `cams:Update*`');
    expect(r.stdout).not.toMatch(/cams:(Get|List)/);
    expect(r.stdout).toContain('+ Allow acs:cams:*:*:instance/prod-*');
    expect(r.stdout).toContain('+ Allow IpAddress acs:SourceIp = 10.0.0.0/8');
  });

  it('reports removed access with exit 0 the other way round, in JSON', () => {
    const r = runJson(['diff', fixture('read-and-update.json'), fixture('read-only.json')]);
    expect(r.status).toBe(0);
    const update = r.json.actions.find((a: any) => a.action === 'cams:UpdateInstance');
    expect(update).toEqual({ action: 'cams:UpdateInstance', outsideCatalog: false, added: false, removed: true });
    expect(r.json.actions.every((a: any) => !a.added)).toBe(true);
    expect(r.json.resources).toEqual([{ change: 'removed', effect: 'Allow', text: 'acs:cams:*:*:instance/prod-*' }]);
  });

  it('keeps to --scope and says nothing changed when nothing did', () => {
    const r = run(['diff', fixture('read-only.json'), fixture('read-and-update.json'), '--scope', 'cams:Get*']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('actions (exact; wildcards expanded against the catalog):\n  (no change)');
  });

  it('reads a git revision, and exits 2 for invalid input', () => {
    const repo = mkdtempSync(join(tmpdir(), 'ramguard-diff-'));
    try {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
      git('init', '-q', '-b', 'main');
      git('config', 'user.email', 'ci@example.com');
      git('config', 'user.name', 'ci');
      writeFileSync(join(repo, 'p.json'), readFileSync(fixture('deny-delete.json'), 'utf8'));
      git('add', '.');
      git('commit', '-q', '-m', 'base');
      writeFileSync(join(repo, 'p.json'), readFileSync(fixture('deny-delete-without-mfa.json'), 'utf8'));
      const r = run(['diff', 'main:p.json', 'p.json', '--scope', 'cams:Delete*'], { cwd: repo });
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('+ cams:DeleteInstance');
      expect(r.stdout).toContain('+ Deny Bool acs:MFAPresent = false');
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
    const invalid = run(['diff', fixture('read-only.json'), fixture('invalid.json')]);
    expect(invalid.status).toBe(2);
    expect(invalid.stderr).toMatch(/invalid\.json:3:\d+: error\[/);
    expect(run(['diff', fixture('read-only.json')]).status).toBe(2);
  });
});
