/**
 * error: an action of a known service that the catalog does not have (`cams:UpdateInstanse`).
 * RAM accepts the policy but the line never matches a request: usually a typo. A service whose
 * action list may be incomplete cannot call a missing action a typo (semantics K5).
 */
import { didYouMean } from '../../catalog/suggest.js';
import { writtenActionMisses } from '../action-misses.js';
import type { LintRule } from '../types.js';

export const unknownAction: LintRule = {
  id: 'unknown-action',
  severity: 'error',
  title: 'an action its service does not have',
  help: 'fix the spelling; `ramguard catalog actions <service>:*` lists the actions of a service',
  check({ policy, raw, catalog, report }) {
    for (const { name, path, miss } of writtenActionMisses(policy, raw, catalog, 'unknown')) {
      report({
        path,
        message: `\`${miss.service.service}\` has no action \`${name}\``,
        ...(miss.suggestion !== undefined ? { help: didYouMean([miss.suggestion])! } : {}),
      });
    }
  },
};
