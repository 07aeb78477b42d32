/**
 * security-warning: an Allow that names `sts:AssumeRole` (or `sts:*`, `sts:Assume*`) on `*` or on
 * every role of an account: the principal may assume any role whose trust policy lets it, now and
 * later. Conditions do not silence it (they limit when, not which role). `*` alone is left to
 * allow-star-on-star.
 */
import { compileWildcard } from '../../match/wildcard.js';
import type { LintRule } from '../types.js';
import { writtenItems } from '../written.js';
import { coversAllOf } from './escalation-actions-on-broad-resources.js';

/** True when the action names sts explicitly and covers `sts:AssumeRole`. */
const namesAssumeRole = (action: string): boolean => action.toLowerCase().startsWith('sts:') && compileWildcard(action.toLowerCase()).test('sts:assumerole');

export const assumeRoleOnStar: LintRule = {
  id: 'assume-role-on-star',
  severity: 'security-warning',
  title: 'Allow `sts:AssumeRole` on every role',
  help: 'name the roles the principal may assume in `Resource`, e.g. `acs:ram::1234567890123456:role/deployer`',
  kinds: ['identity', 'session'],
  check({ policy, raw, report }) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !s.actions || !s.resources) continue;
      const broad = writtenItems(raw, s, 'Resource').find(([r]) => coversAllOf(r, 'role'));
      if (!broad) continue;
      for (const [action, path] of writtenItems(raw, s, 'Action')) {
        if (!namesAssumeRole(action)) continue;
        report({ path, message: `\`${action}\` on \`${broad[0]}\` lets the principal assume every role that trusts it` });
      }
    }
  },
};
