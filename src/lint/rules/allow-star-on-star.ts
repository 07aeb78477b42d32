/** security-warning: an Allow of every action on every resource — administrator access. */
import type { LintRule } from '../types.js';

export const allowStarOnStar: LintRule = {
  id: 'allow-star-on-star',
  severity: 'security-warning',
  title: 'Allow `*` on `*` grants administrator access',
  help: 'list the actions and resources the principal needs; attach `AdministratorAccess` knowingly if it really needs all',
  kinds: ['identity', 'session'],
  check({ policy, report }) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !s.actions?.includes('*') || !s.resources?.includes('*') || s.conditions.length > 0) continue;
      report({ path: s.sourcePath, message: 'the statement allows every action on every resource' });
    }
  },
};
