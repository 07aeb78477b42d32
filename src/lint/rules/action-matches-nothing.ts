/**
 * error: a wildcard action of a known service that matches none of its actions (`cams:Updat*Foo`):
 * the line grants or denies nothing. Not for a service whose action list may be incomplete.
 */
import { expandActionPattern } from '../../catalog/query.js';
import { hasWildcard } from '../../match/wildcard.js';
import type { LintRule } from '../types.js';
import { writtenActions } from '../written.js';

export const actionMatchesNothing: LintRule = {
  id: 'action-matches-nothing',
  severity: 'error',
  title: 'a wildcard action that matches no action of its service',
  help: 'fix the pattern; `ramguard catalog actions <pattern>` shows what a pattern matches',
  check({ policy, raw, catalog, report }) {
    for (const s of policy.statements) {
      for (const [action, path] of writtenActions(raw, s)) {
        if (action === '*' || !hasWildcard(action)) continue;
        const { actions, unknownServices } = expandActionPattern(catalog, action);
        if (unknownServices || actions.length > 0) continue;
        // A service whose action list may be incomplete may have the action the pattern means (semantics K5).
        if (catalog.services.get(action.slice(0, action.indexOf(':')).toLowerCase())?.actionsIncomplete !== undefined) continue;
        report({ path, message: `\`${action}\` matches no action of \`${action.slice(0, action.indexOf(':')).toLowerCase()}\`` });
      }
    }
  },
};
