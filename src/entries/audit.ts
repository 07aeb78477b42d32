/**
 * `ramguard/audit`: the audit's renderers and path limiting beyond `whoCan`, `principalCan` and
 * `renderAnswer` (which the main entry has). Guarded like every entry (src/api).
 */
export { RamguardError, RAMGUARD_ERROR_CODES, type RamguardErrorCode } from '../errors.js';
export type { WhoCanInput, PrincipalCanInput } from '../audit/who-can.js';
export { AUDIT_FORMATS } from '../audit/render/index.js';
export { whoCan, principalCan, limitPaths, auditRenderer, renderAnswer } from '../api/guarded-tools.js';
export type * from '../audit/types.js';
