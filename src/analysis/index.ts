/** The access analysis (issue #7): exact no-new-access / access-not-granted checks and diffs. */
export { checkAccessNotGranted, checkNoNewAccess, compileAlone, decisionOf, WITNESS_PRINCIPAL, type AccessAnswer, type AccessOptions, type AnalysisPolicy, type Verdict, type Witness } from './access-check.js';
export { diffPolicies, type ActionChange, type DiffOptions, type PolicyDiff, type WrittenChange } from './diff.js';
