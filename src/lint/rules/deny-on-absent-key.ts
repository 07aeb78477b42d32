/**
 * warning: a Deny whose condition uses a positive operator on a key requests may not carry. When
 * the key is absent the positive operator is false (C3), so the Deny silently does not apply.
 */
import { operatorSpec } from '../../conditions/operators.js';
import { compileWildcard } from '../../match/wildcard.js';
import type { LintRule } from '../types.js';

export const denyOnAbsentKey: LintRule = {
  id: 'deny-on-absent-key',
  severity: 'warning',
  title: 'a Deny that does not apply when its condition key is absent',
  help: 'require the key in the Allow instead (e.g. Allow only with `Bool` `acs:MFAPresent` `true`), or write the Deny with a negated operator, which holds when the key is absent',
  check({ policy, catalog, report }) {
    const mayBeAbsent = catalog.conditionKeys.filter((k) => !k.alwaysPresent).map((k) => ({ name: k.name, matcher: compileWildcard(k.name.toLowerCase()) }));
    for (const s of policy.statements) {
      if (s.effect !== 'Deny') continue;
      for (const clause of s.conditions) {
        if (operatorSpec(clause.operator)?.negated !== false) continue;
        const key = mayBeAbsent.find((k) => k.matcher.test(clause.key.toLowerCase()));
        if (!key) continue;
        report({
          path: clause.sourcePath,
          target: 'key',
          message: `\`${clause.key}\` may be absent from a request, and then \`${clause.operator}\` is false and this Deny does not apply`,
        });
      }
    }
  },
};
