/**
 * `ramguard/lint`: the lint engine's parts beyond `lintPolicy` and `extractPolicies` (which the
 * main entry has): the rule registry, configuration and suppressions, and the three renderers.
 * Guarded like every entry (src/api): a wrong argument throws a RamguardError.
 */
export { RamguardError, RAMGUARD_ERROR_CODES, type RamguardErrorCode } from '../errors.js';
export type { LintRule, LintContext, RuleReport } from '../lint/types.js';
export { RULES } from '../lint/registry.js';
export type { PolicySource, Finding, RuleSettings } from '../lint/engine.js';
export type { Extraction } from '../lint/inputs/extract.js';
export { defaultConfig, lintConfigSchema, type LintConfig, type Suppression } from '../lint/config.js';
export { lintPolicy, extractPolicies, ruleById, kindFromFileName, parseLintConfig, applySuppressions, isIgnored, renderLintText, renderLintJson, renderSarif } from '../api/guarded-tools.js';
