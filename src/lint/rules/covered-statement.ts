/** suggestion: a statement that another statement of the same effect covers entirely. */
import type { Statement } from '../../policy/types.js';
import type { LintRule } from '../types.js';
import { actionsCovered, conditionsImplied, principalsCovered, resourcesCovered, statementName } from './hygiene-support.js';

/** True when `t` applies to every request `s` applies to. */
function covers(t: Statement, s: Statement): boolean {
  return actionsCovered(t, s) && resourcesCovered(t, s) && principalsCovered(t, s) && conditionsImplied(t, s);
}

export const coveredStatement: LintRule = {
  id: 'covered-statement',
  severity: 'suggestion',
  title: 'a statement that another statement of the same effect already covers',
  help: 'remove the covered statement, or merge the two',
  check({ policy, report }) {
    for (const s of policy.statements) {
      // Of two statements that cover each other (identical ones), only the later is reported.
      const by = policy.statements.find((t) => t !== s && t.effect === s.effect && covers(t, s) && (t.index < s.index || !covers(s, t)));
      if (!by) continue;
      report({ path: s.sourcePath, message: `${statementName(by)} already covers this ${s.effect} statement` });
    }
  },
};
