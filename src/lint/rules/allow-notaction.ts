/**
 * security-warning: an Allow with `NotAction` grants every action of every service except those
 * listed — including services and actions added later.
 */
import type { LintRule } from '../types.js';

export const allowNotaction: LintRule = {
  id: 'allow-notaction',
  severity: 'security-warning',
  title: 'Allow with `NotAction` grants everything except the listed actions',
  help: 'list the actions to allow in `Action`; keep `NotAction` for `Deny` statements',
  kinds: ['identity', 'session'],
  check({ policy, report }) {
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !s.notActions) continue;
      const names = s.notActions.slice(0, 3).map((a) => `\`${a}\``);
      if (s.notActions.length > 3) names.push(`${s.notActions.length - 3} more`);
      const shown = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
      report({ path: `${s.sourcePath}/NotAction`, target: 'key', message: `the statement allows every action of every service except ${shown}` });
    }
  },
};
