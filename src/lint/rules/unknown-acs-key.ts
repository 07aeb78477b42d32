/**
 * error: an `acs:` condition key that is not one of the common keys (`acs:SourceIP` is fine — keys
 * match case-insensitively — but `acs:SourceIps` is not): no request carries it, so the condition
 * never holds (and a negated one always does). Service keys (`oss:Prefix`) are not checked here.
 */
import { closest, didYouMean } from '../../catalog/suggest.js';
import { compileWildcard } from '../../match/wildcard.js';
import type { LintRule } from '../types.js';

export const unknownAcsKey: LintRule = {
  id: 'unknown-acs-key',
  severity: 'error',
  title: 'an `acs:` condition key RAM does not have',
  help: 'use one of the common keys (`ramguard catalog keys` lists them)',
  check({ policy, catalog, report }) {
    const matchers = catalog.conditionKeys.map((k) => compileWildcard(k.name.toLowerCase()));
    for (const s of policy.statements) {
      for (const clause of s.conditions) {
        const key = clause.key.toLowerCase();
        if (!key.startsWith('acs:') || matchers.some((m) => m.test(key))) continue;
        // For a pattern key (`acs:ResourceTag/*`), suggest it with the tag the user wrote.
        const slash = clause.key.indexOf('/');
        const candidates = catalog.conditionKeys.map((k) => (k.name.endsWith('/*') && slash >= 0 ? k.name.slice(0, -1) + clause.key.slice(slash + 1) : k.name));
        const suggestions = closest(clause.key, candidates, 1);
        report({
          path: clause.sourcePath,
          target: 'key',
          message: `\`${clause.key}\` is not a condition key RAM knows`,
          ...(suggestions.length > 0 ? { help: didYouMean(suggestions.slice(0, 1))! } : {}),
        });
      }
    }
  },
};
