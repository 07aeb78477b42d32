/** warning: an Allow that a Deny without conditions in the same document always overrides. */
import type { LintRule } from '../types.js';
import { actionsCovered, principalsCovered, resourcesCovered, statementName } from './hygiene-support.js';

export const deadAllow: LintRule = {
  id: 'dead-allow',
  severity: 'warning',
  title: 'an Allow that a Deny in the same policy always overrides',
  help: 'remove the Allow, or narrow the Deny (or give it a condition) if the Allow was meant to take effect',
  check({ policy, report }) {
    const denies = policy.statements.filter((s) => s.effect === 'Deny' && s.conditions.length === 0);
    for (const allow of policy.statements) {
      if (allow.effect !== 'Allow') continue;
      const deny = denies.find((d) => actionsCovered(d, allow) && resourcesCovered(d, allow) && principalsCovered(d, allow));
      if (!deny) continue;
      report({ path: allow.sourcePath, message: `${statementName(deny)}, a Deny with no condition, always overrides this Allow` });
    }
  },
};
