/**
 * error: an action of a known service that the catalog does not have (`cams:UpdateInstanse`).
 * RAM accepts the policy but the line never matches a request: usually a typo.
 */
import { actionMiss } from '../../catalog/action-miss.js';
import { didYouMean } from '../../catalog/suggest.js';
import { hasWildcard } from '../../match/wildcard.js';
import type { LintRule } from '../types.js';
import { writtenItems } from '../written.js';

export const unknownAction: LintRule = {
  id: 'unknown-action',
  severity: 'error',
  title: 'an action its service does not have',
  help: 'fix the spelling; `ramguard catalog actions <service>:*` lists the actions of a service',
  check({ policy, raw, catalog, report }) {
    for (const s of policy.statements) {
      const element = s.actions ? 'Action' : 'NotAction';
      for (const [action, path] of writtenItems(raw, s, element)) {
        const colon = action.indexOf(':');
        if (colon < 0 || hasWildcard(action)) continue;
        // A service whose action list may be incomplete cannot call a missing action a typo (semantics K5).
        const miss = actionMiss(catalog, action);
        if (miss?.kind !== 'unknown') continue;
        report({
          path,
          message: `\`${miss.service.service}\` has no action \`${action.slice(colon + 1)}\``,
          ...(miss.suggestion !== undefined ? { help: didYouMean([miss.suggestion])! } : {}),
        });
      }
    }
  },
};
