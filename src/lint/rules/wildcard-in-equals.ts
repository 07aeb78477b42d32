/** warning: `*` or `?` in a value of an Equals string operator, where it is matched literally. */
import type { ConditionOperator } from '../../conditions/operator-name.js';
import type { LintRule } from '../types.js';
import { conditionValuePath } from './hygiene-support.js';

/** The Equals string operators, and the Like operator the author probably meant. */
const LIKE_FOR: Partial<Record<ConditionOperator, ConditionOperator>> = {
  StringEquals: 'StringLike',
  StringNotEquals: 'StringNotLike',
  StringEqualsIgnoreCase: 'StringLike',
  StringNotEqualsIgnoreCase: 'StringNotLike',
};

export const wildcardInEquals: LintRule = {
  id: 'wildcard-in-equals',
  severity: 'warning',
  title: 'a wildcard in a value of an Equals string operator, which matches it literally',
  help: 'use `StringLike` (or `StringNotLike`) for a pattern; keep the Equals operator only if the value really contains `*` or `?`',
  check({ policy, raw, report }) {
    for (const s of policy.statements) {
      for (const clause of s.conditions) {
        const like = LIKE_FOR[clause.operator];
        if (!like) continue;
        clause.values.forEach((value, i) => {
          if (!value.includes('*') && !value.includes('?')) return;
          report({
            path: conditionValuePath(raw, s, clause, i),
            message: `\`${clause.operator}\` matches \`${value}\` literally: \`*\` and \`?\` are wildcards only in \`StringLike\` and \`StringNotLike\``,
            help: `use \`${like}\` if \`${value}\` is meant as a pattern`,
          });
        });
      }
    }
  },
};
