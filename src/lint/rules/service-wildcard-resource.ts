/**
 * security-warning: an Allow of a whole service (`cams:*`) on a Resource that names every resource
 * of that service (`acs:cams:*:*:*`, `acs:cams:*`, `acs:cams:*:<account>:*`), with no condition.
 * For that service the pattern is `*`: the statement is allow-service-on-star written longhand,
 * and is reported the same way — at each whole-service action — but under its own id, so a review
 * sees why a Resource that is not `*` still grants everything. A statement that has `*` in
 * `Resource` is left to allow-service-on-star (one problem, one finding).
 */
import type { LintRule } from '../types.js';
import { writtenItems } from '../written.js';

/** True when `resource` names every resource of `service` in one account or all: region `*`, relative id `*`. */
export function coversWholeService(resource: string, service: string): boolean {
  const parts = resource.split(':');
  if (parts[0] !== 'acs' || parts[1]?.toLowerCase() !== service.toLowerCase()) return false;
  if (parts.length === 3) return parts[2] === '*';
  if (parts.length !== 5) return false;
  const [, , region, account, relative] = parts;
  return region === '*' && (account === '*' || /^\d+$/.test(account!)) && relative === '*';
}

export const serviceWildcardResource: LintRule = {
  id: 'service-wildcard-resource',
  severity: 'security-warning',
  title: 'Allow `<service>:*` on every resource of that service (`acs:<service>:*:*:*`), which is `*` for it',
  help: 'list the actions the principal needs, or name the resources it works on (for example `instance/<id>`)',
  kinds: ['identity', 'session'],
  check({ policy, raw, report }) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !s.actions || s.actions.includes('*') || !s.resources || s.resources.includes('*') || s.conditions.length > 0) continue;
      for (const [action, path] of writtenItems(raw, s, 'Action')) {
        if (!/^[^*?:]+:\*$/.test(action)) continue;
        const service = action.slice(0, action.indexOf(':'));
        const whole = s.resources.find((r) => coversWholeService(r, service));
        if (whole !== undefined) report({ path, message: `\`${whole}\` is every resource of \`${service}\`: the statement allows every action of \`${service}\` on every resource` });
      }
    }
  },
};
