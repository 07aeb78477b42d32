/** suggestion: a Sid that an earlier statement of the same policy already uses. */
import type { LintRule } from '../types.js';

export const duplicateSid: LintRule = {
  id: 'duplicate-sid',
  severity: 'suggestion',
  title: 'two statements with the same `Sid`',
  help: 'give each statement its own `Sid`, so that explanations and reviews can name it',
  check({ policy, report }) {
    const first = new Map<string, number>();
    for (const s of policy.statements) {
      if (s.sid === undefined) continue;
      const earlier = first.get(s.sid);
      if (earlier === undefined) first.set(s.sid, s.index);
      else report({ path: `${s.sourcePath}/Sid`, message: `the Sid \`${s.sid}\` is already used by statement ${earlier}` });
    }
  },
};
