/** suggestion: an action that another action of the same statement already covers. */
import type { LintRule } from '../types.js';
import { actionCovers, elementItemPath } from './hygiene-support.js';

export const redundantAction: LintRule = {
  id: 'redundant-action',
  severity: 'suggestion',
  title: 'an action that another action of the same statement already covers',
  help: 'remove the covered action',
  check({ policy, raw, report }) {
    for (const s of policy.statements) {
      const element = s.actions ? 'Action' : 'NotAction';
      const list = s.actions ?? s.notActions ?? [];
      list.forEach((action, i) => {
        // Of two actions that cover each other (the same, or differing in case), only the later is reported.
        const j = list.findIndex((other, k) => k !== i && actionCovers(other, action) && (k < i || !actionCovers(action, other)));
        if (j < 0) return;
        const message = list[j] === action ? `\`${action}\` is listed twice in the same statement` : `\`${action}\` is already covered by \`${list[j]}\` in the same statement`;
        report({ path: elementItemPath(raw, s, element, i), message });
      });
    }
  },
};
