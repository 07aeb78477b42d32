/** The explicit registry of lint rules. A rule that is not listed here does not run. */
import { GRAMMAR_RULES } from './rules/grammar.js';
import { HYGIENE_RULES } from './rules/hygiene-rules.js';
import { SECURITY_RULES } from './rules/security-rules.js';
import type { LintRule } from './types.js';

/** Every rule: grammar (errors from the validator), catalog and security, then hygiene. */
export const RULES: readonly LintRule[] = [...GRAMMAR_RULES, ...SECURITY_RULES, ...HYGIENE_RULES];

/** A rule by id. */
export function ruleById(id: string): LintRule | undefined {
  return RULES.find((r) => r.id === id);
}
