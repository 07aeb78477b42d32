/** suggestion: a resource that another resource of the same statement already covers. */
import type { LintRule } from '../types.js';
import { elementItemPath, patternCovers } from './hygiene-support.js';

export const redundantResource: LintRule = {
  id: 'redundant-resource',
  severity: 'suggestion',
  title: 'a resource that another resource of the same statement already covers',
  help: 'remove the covered resource',
  check({ policy, raw, report }) {
    for (const s of policy.statements) {
      const list = s.resources ?? [];
      list.forEach((resource, i) => {
        // Of two identical resources, only the later is reported.
        const j = list.findIndex((other, k) => k !== i && patternCovers(other, resource) && (k < i || !patternCovers(resource, other)));
        if (j < 0) return;
        const message = list[j] === resource ? `\`${resource}\` is listed twice in the same statement` : `\`${resource}\` is already covered by \`${list[j]}\` in the same statement`;
        report({ path: elementItemPath(raw, s, 'Resource', i), message });
      });
    }
  },
};
