/** The explicit registry of lint rules. A rule that is not listed here does not run. */
import { allowStarOnStar } from './rules/allow-star-on-star.js';
import { GRAMMAR_RULES } from './rules/grammar.js';
import type { LintRule } from './types.js';

/** Rules with a `check` of their own, one file each under src/lint/rules/. */
const SEMANTIC_RULES: LintRule[] = [allowStarOnStar];

/** Every rule, grammar rules first. */
export const RULES: readonly LintRule[] = [...GRAMMAR_RULES, ...SEMANTIC_RULES];

/** A rule by id. */
export function ruleById(id: string): LintRule | undefined {
  return RULES.find((r) => r.id === id);
}
