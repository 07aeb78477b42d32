/**
 * suggestion: an action of a service the catalog does not know. Its actions cannot be checked, so
 * lint says so once per statement and service — never as an error (the catalog is not complete).
 */
import type { LintRule } from '../types.js';
import { writtenActions } from '../written.js';

export const unknownService: LintRule = {
  id: 'unknown-service',
  severity: 'suggestion',
  title: 'a service ramguard’s catalog does not know: its actions are not checked',
  help: 'check the service code; to have its actions checked, describe the service in a file and pass `--catalog DIR`',
  check({ policy, raw, catalog, report }) {
    for (const s of policy.statements) {
      const seen = new Set<string>();
      for (const [action, path] of writtenActions(raw, s)) {
        const colon = action.indexOf(':');
        if (colon < 0) continue;
        const service = action.slice(0, colon).toLowerCase();
        if (/[*?]/.test(service) || catalog.services.has(service) || seen.has(service)) continue;
        seen.add(service);
        report({ path, message: `\`${service}\` is not in ramguard's catalog: its actions are not checked` });
      }
    }
  },
};
