/**
 * Role assumption multiplies paths: a user in an account whose roles trust the account root, and
 * whose policies allow `sts:AssumeRole` on `*`, reaches every role, and through chains of roles
 * each role's statements again and again. A who-can answer on a collected 2,000-user account had
 * about 100 paths for some principals — 40 KB of text each, times every instance. `limitPaths`
 * keeps the shortest few per grant (direct before group before role, fewer steps first) and
 * records how many there were; the rest are still reachable with a higher limit.
 */
import type { AccessPath, AuditResult, PrincipalAccess, ResourceGrant } from './types.js';

/**
 * How much of the paths through roles one audit lists, at most, in steps (the what-if accounts
 * of escalation moves have a budget of their own, `AuditSession.whatIfPathSteps`): a new path costs its steps and its place in a grant's list, a path
 * already made for another resource class its place only. A mesh of N roles that trust one
 * another has about N³ chains a principal: with every path asked for (`maxPaths` 0, or a large
 * one) 40 roles took 40 s and 3.8 GB and 200 roles ran V8 out of heap. Past the budget a grant
 * keeps the paths listed so far, with its count marked a lower bound (`pathCountAtLeast`), and
 * the answer says so (`paths-cut`). Every decision and condition is still complete: they come
 * from the roles reached, not from the paths.
 */
export const PATH_STEP_BUDGET = 1_000_000;

const VIA_ORDER: Record<AccessPath['via'], number> = { direct: 0, group: 1, role: 2 };

/** Shortest first: direct, then group, then role paths; fewer steps first; the answer's order otherwise. */
export function byLength(a: AccessPath, b: AccessPath): number {
  return VIA_ORDER[a.via] - VIA_ORDER[b.via] || a.steps.length - b.steps.length;
}

/** The answer with at most `max` paths per grant (`max` 0 or less: unchanged). Pure; grants of one class keep sharing their paths. */
export function limitPaths<R extends AuditResult>(result: R, max: number): R {
  if (max <= 0) return result;
  // Grants of one resource class share one paths array: cut each array once.
  const cut = new Map<AccessPath[], AccessPath[]>();
  const limit = (paths: AccessPath[]): AccessPath[] => {
    let kept = cut.get(paths);
    if (!kept) {
      kept = paths.length <= max ? paths : [...paths].sort(byLength).slice(0, max);
      cut.set(paths, kept);
    }
    return kept;
  };
  const grant = (g: ResourceGrant): ResourceGrant => (g.paths.length <= max ? g : { ...g, paths: limit(g.paths), pathCount: g.pathCount ?? g.paths.length });
  const access = (a: PrincipalAccess): PrincipalAccess => ({ ...a, grants: a.grants.map(grant) });
  return result.kind === 'who-can' ? { ...result, principals: result.principals.map(access) } : { ...result, access: access(result.access) };
}
