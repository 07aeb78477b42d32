/**
 * error: a condition key of another cloud (`aws:SourceIp`). No RAM request carries an `aws:` key,
 * so a positive operator on it never holds (the statement never applies) and a negated one always
 * holds (the condition restricts nothing) — the policy was ported, not reviewed. The fix is
 * usually the `acs:` key of the same meaning, which the help names.
 */
import { compileWildcard } from '../../match/wildcard.js';
import type { LintRule } from '../types.js';

/** Key prefixes of other clouds' policy languages: AWS IAM's global keys. */
const FOREIGN_PREFIXES = new Map([['aws', 'AWS']]);

/** AWS keys whose RAM key has another name; the rest map by name (`aws:SourceIp` → `acs:SourceIp`). */
const RENAMED = new Map([['multifactorauthpresent', 'acs:MFAPresent'], ['principalarn', 'acs:PrincipalARN']]);

/** Negated operators hold on a key the request does not carry (docs/semantics.md). */
const negated = (operator: string): boolean => /Not/.test(operator);

export const foreignConditionKey: LintRule = {
  id: 'foreign-condition-key',
  severity: 'error',
  title: 'a condition key of another cloud (`aws:…`), which no RAM request carries',
  help: 'use the `acs:` key of the same meaning (`ramguard catalog keys` lists them), or remove the condition',
  check({ policy, catalog, report }) {
    const known = catalog.conditionKeys.map((k) => ({ name: k.name, matcher: compileWildcard(k.name.toLowerCase()) }));
    for (const s of policy.statements) {
      for (const clause of s.conditions) {
        const colon = clause.key.indexOf(':');
        const cloud = FOREIGN_PREFIXES.get(clause.key.slice(0, colon).toLowerCase());
        if (colon < 0 || cloud === undefined) continue;
        const rest = clause.key.slice(colon + 1);
        const candidate = RENAMED.get(rest.toLowerCase()) ?? `acs:${rest}`;
        const equivalent = known.find((k) => k.matcher.test(candidate.toLowerCase()));
        const consequence = negated(clause.operator) ? `\`${clause.operator}\` always holds` : `\`${clause.operator}\` never holds`;
        report({
          path: clause.sourcePath,
          target: 'key',
          message: `\`${clause.key}\` is an ${cloud} key that no RAM request carries: ${consequence}`,
          ...(equivalent ? { help: `did you mean \`${equivalent.name.endsWith('/*') ? candidate : equivalent.name}\`?` } : {}),
        });
      }
    }
  },
};
