/** suggestion: a catalog action written in other letter case than the API's spelling. */
import { lookupAction } from '../../catalog/query.js';
import { hasWildcard } from '../../match/wildcard.js';
import type { LintRule } from '../types.js';
import { elementItemPath } from './hygiene-support.js';

export const nonCanonicalActionCase: LintRule = {
  id: 'non-canonical-action-case',
  severity: 'suggestion',
  title: 'an action not spelled as its API spells it',
  help: 'write the action as the API spells it',
  check({ policy, raw, catalog, report }) {
    for (const s of policy.statements) {
      const element = s.actions ? 'Action' : 'NotAction';
      (s.actions ?? s.notActions ?? []).forEach((action, i) => {
        if (hasWildcard(action)) return;
        const known = lookupAction(catalog, action);
        if (!known || known.fullName === action) return;
        report({
          path: elementItemPath(raw, s, element, i),
          message: `\`${action}\` is spelled \`${known.fullName}\` in the catalog`,
          help: `write \`${known.fullName}\`: RAM matches actions case-insensitively, but the API's spelling is easier to search and review`,
          fix: { value: action, replacement: known.fullName },
        });
      });
    }
  },
};
