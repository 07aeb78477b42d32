/**
 * ramguard's library API, the stable part: parse and validate RAM policies, compile them, evaluate
 * requests with explanations, scenarios and account snapshots, the built-in catalog, lint,
 * preflight, access analysis and the account audit. Everything here is pure: no file system, no
 * network, no clock. Every function is exported in its guarded form (src/api): a wrong argument
 * throws a RamguardError with a code. More of each part has its own entry — `ramguard/lint`,
 * `ramguard/catalog`, `ramguard/audit`, `ramguard/client`, `ramguard/emulator` — and building
 * blocks that may change are in `ramguard/internals`.
 */
export { RamguardError, RAMGUARD_ERROR_CODES, type RamguardErrorCode } from './errors.js';
export type { Diagnostic, Severity, SourceRange } from './diagnostics/diagnostic.js';
export { formatDiagnostic, hasErrors, toPointer } from './api/guarded-policy.js';
export type { PolicyKind, PolicyDocument, Statement, ConditionClause, Effect, Principal } from './policy/types.js';
export type { ConditionOperator } from './conditions/operator-name.js';
export { POLICY_KINDS } from './policy/types.js';
export { parsePolicy, validatePolicy } from './api/guarded-policy.js';
export type { PolicyParseResult, PolicyLocation } from './policy/parse-policy.js';
export { policySchema } from './api/guarded-policy.js';
export { POLICY_SIZE_LIMITS } from './policy/limits.js';
export { policySize } from './api/guarded-policy.js';
export { OPERATOR_NAMES } from './conditions/operators.js';
export type { AuthorizationRequest, PrincipalType, RequestPrincipal } from './request/types.js';
export { PRINCIPAL_TYPES } from './request/types.js';
export { prepareRequest } from './api/guarded-policy.js';
export type { PreparedRequest } from './request/prepare.js';
export type { PolicySet, NamedPolicy, ResourceGroupAttachment } from './policy/policy-set.js';
export { emptyPolicySet } from './policy/policy-set.js';
export type * from './decision/types.js';
export { compilePolicySet, evaluate, renderResidual, parseScenario, scenarioFromValue } from './api/guarded-policy.js';
export type { CompiledPolicySet } from './eval/compile.js';
export type { EvaluateOptions } from './eval/authorize.js';
export type { Scenario, ScenarioParseResult, PolicyFileReader } from './scenario/parse-scenario.js';
export { scenarioSchema } from './scenario/schema.js';
export { parseSnapshot, snapshotFromValue } from './api/guarded-policy.js';
export type { SnapshotParseResult } from './snapshot/parse-snapshot.js';
export { snapshotSchema } from './snapshot/schema.js';
export type * from './snapshot/types.js';
export { POLICY_TYPES } from './snapshot/types.js';
export { policySetFor, userArn, roleArn } from './api/guarded-policy.js';
export type { PrincipalPolicySet, PolicyOrigin, PolicyHolder } from './snapshot/principal.js';
export type { Catalog, CatalogAction, CatalogService, ConditionKeyInfo, FactSource, ResourceType, SystemPolicy, AccessLevel } from './catalog/types.js';
export { builtinCatalog } from './catalog/builtin.js';
export { lookupAction, expandActionPattern } from './api/guarded-tools.js';
export type { Expansion } from './catalog/query.js';
export type { PolicySource, Finding, RuleSettings } from './lint/engine.js';
export type { Extraction } from './lint/inputs/extract.js';
export { lintPolicy, extractPolicies } from './api/guarded-tools.js';
export type { PreflightOptions, PreflightResult } from './preflight/update-instance.js';
export { UPDATE_INSTANCE_PARAMETERS, type UpdateInstanceRequest } from './preflight/parameters.js';
export { preflightUpdateInstance, validateUpdateInstanceParameters } from './api/guarded-tools.js';
export type { AccessAnswer, AccessOptions, AnalysisPolicy, Verdict, Witness, ActionChange, DiffOptions, PolicyDiff, WrittenChange } from './analysis/index.js';
export { checkAccessNotGranted, checkNoNewAccess, diffPolicies } from './api/guarded-tools.js';
export type { WhoCanInput, PrincipalCanInput } from './audit/who-can.js';
export { whoCan, principalCan, renderAnswer } from './api/guarded-tools.js';
export type * from './audit/types.js';
