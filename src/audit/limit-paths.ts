/**
 * Role assumption multiplies paths: a user in an account whose roles trust the account root, and
 * whose policies allow `sts:AssumeRole` on `*`, reaches every role, and through chains of roles
 * each role's statements again and again. A who-can answer on a collected 2,000-user account had
 * about 100 paths for some principals — 40 KB of text each, times every instance. `limitPaths`
 * keeps the shortest few per grant (direct before group before role, fewer steps first) and
 * records how many there were; the rest are still reachable with a higher limit.
 */
import type { AccessPath, AuditResult, PrincipalAccess, ResourceGrant } from './types.js';

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
