/**
 * `ramguard/internals`: building blocks ramguard's own commands use — RAM wildcard matching, the
 * access analysis's single-policy evaluation, a snapshot policy's origin, resource facts, the
 * argument-depth bound. Guarded like every entry (src/api), but not the stable API: they may
 * change in a minor version. The main entry holds what a caller needs to parse, evaluate,
 * explain, lint, preflight, analyse and audit.
 */
export { RamguardError, RAMGUARD_ERROR_CODES, type RamguardErrorCode } from '../errors.js';
export { MAX_ARGUMENT_DEPTH } from '../api/data.js';
export { compileWildcard, wildcardMatch } from '../api/guarded-policy.js';
export type { WildcardMatcher } from '../match/wildcard.js';
export { findOrigin, resourceFacts } from '../api/guarded-policy.js';
export type { ResourceFacts } from '../snapshot/resources.js';
export { compileAlone, decisionOf } from '../api/guarded-tools.js';
export { WITNESS_PRINCIPAL } from '../analysis/access-check.js';
