/**
 * ramguard's library API: parse and validate RAM policies, compile them, evaluate requests with
 * explanations. Everything here is pure: no file system, no network, no clock. Every function is
 * exported in its guarded form (src/api): a wrong argument throws a RamguardError with a code.
 */
export { RamguardError, RAMGUARD_ERROR_CODES, type RamguardErrorCode } from './errors.js';
export { MAX_ARGUMENT_DEPTH } from './api/data.js';
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
export { compileWildcard, wildcardMatch } from './api/guarded-policy.js';
export type { WildcardMatcher } from './match/wildcard.js';
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
export { policySetFor, findOrigin, userArn, roleArn, resourceFacts } from './api/guarded-policy.js';
export type { PrincipalPolicySet, PolicyOrigin, PolicyHolder } from './snapshot/principal.js';
export type { ResourceFacts } from './snapshot/resources.js';
// The emulator's schema only: the emulator itself (a server) is the `emulator` subpath, not this pure entry.
export { emulatorConfigSchema } from './emulator/config-schema.js';
export type { Catalog, CatalogAction, CatalogService, ConditionKeyInfo, FactSource, ResourceType, SystemPolicy, AccessLevel } from './catalog/types.js';
export { builtinCatalog } from './catalog/builtin.js';
export { catalogWith, buildCatalog, parseServiceFile, lookupAction, expandActionPattern, buildArn, resourceTypeOfArn, resourceTypesOf } from './api/guarded-tools.js';
export type { RawService, RawCatalogData } from './catalog/build.js';
export type { Expansion, ArnResult } from './catalog/query.js';
export { catalogServiceSchema, catalogConditionKeysSchema, catalogSystemPoliciesSchema } from './catalog/schema.js';
export type { LintRule, LintContext, RuleReport } from './lint/types.js';
export { RULES } from './lint/registry.js';
export type { PolicySource, Finding, RuleSettings } from './lint/engine.js';
export type { Extraction } from './lint/inputs/extract.js';
export { defaultConfig, lintConfigSchema, type LintConfig, type Suppression } from './lint/config.js';
export { ruleById, lintPolicy, extractPolicies, kindFromFileName, parseLintConfig, applySuppressions, isIgnored, renderLintText, renderLintJson, renderSarif } from './api/guarded-tools.js';
export type { PreflightOptions, PreflightResult } from './preflight/update-instance.js';
export { UPDATE_INSTANCE_PARAMETERS, type UpdateInstanceRequest } from './preflight/parameters.js';
export { preflightUpdateInstance, validateUpdateInstanceParameters } from './api/guarded-tools.js';
// The analysis module's types and constants; its functions are replaced by the guarded ones below
// (an explicit export takes precedence over `export *`).
export * from './analysis/index.js';
export { checkAccessNotGranted, checkNoNewAccess, compileAlone, decisionOf, diffPolicies } from './api/guarded-tools.js';
export type { WhoCanInput, PrincipalCanInput } from './audit/who-can.js';
export { AUDIT_FORMATS } from './audit/render/index.js';
export { whoCan, principalCan, limitPaths, auditRenderer, renderAnswer } from './api/guarded-tools.js';
export type * from './audit/types.js';
