/**
 * security-warning: an Allow of a whole service (`cams:*`) on every resource, with no condition.
 * `*` alone is left to allow-star-on-star.
 */
import type { LintRule } from '../types.js';
import { writtenItems } from '../written.js';

export const allowServiceOnStar: LintRule = {
  id: 'allow-service-on-star',
  severity: 'security-warning',
  title: 'Allow `<service>:*` on `*` grants every action of a service on every resource',
  help: 'list the actions the principal needs, or narrow `Resource` to the resources it works on',
  kinds: ['identity', 'session'],
  check({ policy, raw, report }) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !s.actions || s.actions.includes('*') || !s.resources?.includes('*') || s.conditions.length > 0) continue;
      for (const [action, path] of writtenItems(raw, s, 'Action')) {
        if (!/^[^*?:]+:\*$/.test(action)) continue;
        const service = action.slice(0, action.indexOf(':'));
        report({ path, message: `the statement allows every action of \`${service}\` on every resource` });
      }
    }
  },
};
