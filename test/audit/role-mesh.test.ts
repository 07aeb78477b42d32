/**
 * Role meshes (issue 13 §2): N roles, each trusting the account root and the next role, each with
 * AdministratorAccess, and 20 users allowed `sts:AssumeRole` on `*`. Every principal reaches every
 * role through N³ chains; with `maxPaths` the answer walks only the chains it keeps, so a mesh of
 * 200 roles answers in seconds (it overflowed the stack before).
 */
import { describe, expect, it } from 'vitest';
import { roleMesh } from '../../bench/audit-mesh.js';
import { limitPaths, PATH_STEP_BUDGET } from '../../src/audit/limit-paths.js';
import { renderTable } from '../../src/audit/render/table.js';
import type { AccessPath } from '../../src/audit/types.js';
import { principalCan, whoCan } from '../../src/audit/who-can.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';

const mesh = (roles: number, mfa = false) => {
  const parsed = parseSnapshot(JSON.stringify(roleMesh(roles, 20, mfa)), { file: 'mesh.json' });
  if (!parsed.snapshot) throw new Error(parsed.diagnostics.map((d) => d.message).join('; '));
  return parsed.snapshot;
};

describe('a mesh of 200 roles', () => {
  it('answers every principal, with at most maxPaths paths each, the rest counted as a lower bound', { timeout: 120_000 }, () => {
    // Given 200 roles that all trust the account and each other's neighbour, and 20 users who may assume any role
    const snapshot = mesh(200);
    // When who-can asks about a CAMS action with at most 3 paths per answer
    const { result, diagnostics } = whoCan(snapshot, { action: 'cams:UpdateInstance', maxPaths: 3 });
    // Then every user (through a role) and every role (its own AdministratorAccess) is allowed
    expect(diagnostics).toEqual([]);
    const principals = result!.principals;
    expect(principals.map((p) => p.principal.ref).sort()).toEqual([...snapshot.users.map((u) => `user/${u.name}`), ...snapshot.roles.map((r) => `role/${r.name}`)].sort());
    expect(principals.every((p) => p.decision === 'Allow')).toBe(true);
    for (const p of principals) {
      const [grant] = p.grants;
      // And the paths are capped, shortest first, with a count that says there are more
      expect(grant!.paths, p.principal.ref).toHaveLength(3);
      expect(grant!.pathCount, p.principal.ref).toBeGreaterThan(3);
      expect(grant!.pathCountAtLeast).toBe(true);
      expect(grant!.paths[0]!.via).toBe(p.principal.kind === 'role' ? 'direct' : 'role');
    }
    const user = principals.find((p) => p.principal.ref === 'user/user-0')!;
    expect(user.grants[0]!.paths.map((path) => path.steps.filter((s) => s.kind === 'assume-role').length)).toEqual([1, 1, 1]);
    expect(renderTable(limitPaths(result!, 3))).toContain('… and more paths (--max-paths 0 shows every one)');
  });
});

describe('a small mesh', () => {
  it('keeps the same decisions and the shortest paths with maxPaths as without', () => {
    // Given a mesh of 6 roles (6 + 30 + 120 chains per user)
    const snapshot = mesh(6);
    const every = whoCan(snapshot, { action: 'cams:UpdateInstance' }).result!;
    const few = whoCan(snapshot, { action: 'cams:UpdateInstance', maxPaths: 4 }).result!;
    const byRef = (r: typeof every) => new Map(r.principals.map((p) => [p.principal.ref, p]));
    const all = byRef(every);
    // Then the decisions agree, and the kept paths are the first of limitPaths over every path
    const limited = byRef(limitPaths(every, 4));
    for (const [ref, p] of byRef(few)) {
      expect(p.decision, ref).toBe(all.get(ref)!.decision);
      expect(p.grants[0]!.paths, ref).toEqual(limited.get(ref)!.grants[0]!.paths);
      expect(all.get(ref)!.grants[0]!.paths.length, ref).toBeGreaterThan(p.grants[0]!.pathCount!);
    }
    // And without a limit a user has every chain: 6 of one role, 30 of two, 120 of three, far within the audit's path budget
    expect(all.get('user/user-0')!.grants[0]!.paths).toHaveLength(156);
    expect(every.diagnostics).toEqual([]);
    expect(every.principals.some((p) => p.grants.some((g) => g.pathCountAtLeast))).toBe(false);
  });
});

describe('a mesh asked for every path', () => {
  it('lists paths up to the audit\'s budget, marks the counts it cut as lower bounds and says so, with every decision complete', { timeout: 120_000 }, () => {
    // Given 40 roles (40 + 1,560 + 59,280 chains per user: 40 s and 3.8 GB of paths before the budget)
    const snapshot = mesh(40);
    // When who-can asks for every path (maxPaths 0), and for 3
    const every = whoCan(snapshot, { action: 'cams:UpdateInstance', maxPaths: 0 });
    const few = whoCan(snapshot, { action: 'cams:UpdateInstance', maxPaths: 3 }).result!;
    // Then the answer warns that paths were cut at the budget
    const warning = { code: 'paths-cut', severity: 'warning', message: expect.stringContaining(`budget of ${PATH_STEP_BUDGET.toLocaleString('en-US')} steps`), path: '', help: expect.stringContaining('--max-paths') };
    expect(every.diagnostics).toEqual([warning]);
    expect(every.result!.diagnostics).toEqual([warning]);
    // And every decision is the one of the answer with 3 paths
    const result = every.result!;
    expect(result.principals.map((p) => `${p.principal.ref} ${p.decision}`).sort()).toEqual(few.principals.map((p) => `${p.principal.ref} ${p.decision}`).sort());
    // And what is listed stays within the budget: each path made once costs its steps, each place in a list one
    const made = new Set<AccessPath>();
    let places = 0;
    for (const p of result.principals) for (const g of p.grants) for (const path of g.paths) if (path.via === 'role') (made.add(path), places++);
    const steps = [...made].reduce((n, path) => n + path.steps.length, 0);
    expect(steps + places).toBeLessThanOrEqual(PATH_STEP_BUDGET);
    expect(steps + places).toBeGreaterThan(PATH_STEP_BUDGET - 100);
    // And a grant that was cut says its count is a lower bound, and the table marks it and says why
    const cut = result.principals.flatMap((p) => p.grants).filter((g) => g.pathCountAtLeast);
    expect(cut.length).toBeGreaterThan(0);
    for (const g of cut) expect(g.pathCount).toBe(g.paths.length);
    const table = renderTable(result);
    expect(table).toMatch(/Allow\s+\*\s+\d+\+/);
    expect(table).toContain(`… and more paths, not listed: the audit's budget of ${PATH_STEP_BUDGET.toLocaleString('en-US')} steps of paths was reached`);
  });
});

describe('a mesh whose trusts ask for MFA', () => {
  it('joins the conditions of the chains to a role once: one condition per role, not one per chain', { timeout: 120_000 }, () => {
    // Given 30 roles whose trust policies each ask for MFA (30 + 870 + 24,360 chains per user)
    const snapshot = mesh(30, true);
    // When who-can asks about a CAMS action
    const { result } = whoCan(snapshot, { action: 'cams:UpdateInstance', maxPaths: 5 });
    const user = result!.principals.find((p) => p.principal.ref === 'user/user-0')!;
    // Then the user is Conditional on MFA, and the condition names each role's MFA condition once:
    // a chain through several roles only adds conditions a shorter chain already implies
    expect(user.decision).toBe('Conditional');
    const condition = user.grants[0]!.condition!;
    expect(condition).toContain('acs:MFAPresent');
    expect(condition.split('acs:MFAPresent').length - 1).toBe(30);
    // And every user, whose edges are alike (one walk shared by all: ActionAudit.reachOf), has the answer of a user audited alone
    const alone = principalCan(snapshot, { principal: 'user/user-7', actionPattern: 'cams:UpdateInstance', maxPaths: 5 }).result!.access;
    expect([alone.decision, alone.grants[0]!.condition]).toEqual(['Conditional', condition]);
    for (const p of result!.principals.filter((q) => q.principal.kind === 'user')) expect([p.decision, p.grants[0]!.condition], p.principal.ref).toEqual(['Conditional', condition]);
    // And roles, allowed by their own AdministratorAccess, stay Allow
    expect(result!.principals.filter((p) => p.principal.kind === 'role').every((p) => p.decision === 'Allow')).toBe(true);
  });
});
