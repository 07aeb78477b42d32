/**
 * ramguard's library API: parse and validate RAM policies, compile them, evaluate requests with
 * explanations. Everything here is pure: no file system, no network, no clock.
 */
export type { Diagnostic, Severity, SourceRange } from './diagnostics/diagnostic.js';
export { formatDiagnostic, hasErrors, toPointer } from './diagnostics/diagnostic.js';
export type { PolicyKind, PolicyDocument, Statement, ConditionClause, ConditionOperator, Effect, Principal } from './policy/types.js';
export { POLICY_KINDS } from './policy/types.js';
export { parsePolicy, validatePolicy, type PolicyParseResult, type PolicyLocation } from './policy/parse-policy.js';
export { policySchema } from './policy/schema.js';
export { POLICY_SIZE_LIMITS, policySize } from './policy/limits.js';
export { OPERATOR_NAMES } from './conditions/operators.js';
export { compileWildcard, wildcardMatch, type WildcardMatcher } from './match/wildcard.js';
export type { AuthorizationRequest, PrincipalType, RequestPrincipal } from './request/types.js';
export { PRINCIPAL_TYPES } from './request/types.js';
export { prepareRequest, type PreparedRequest } from './request/prepare.js';
export type { PolicySet, NamedPolicy, ResourceGroupAttachment } from './scenario/types.js';
export { emptyPolicySet } from './scenario/types.js';
export type * from './decision/types.js';
export { compilePolicySet, type CompiledPolicySet } from './eval/compile.js';
export { evaluate, type EvaluateOptions } from './eval/authorize.js';
export { renderResidual } from './explain/residual-text.js';
export { parseScenario, scenarioFromValue, type Scenario, type ScenarioParseResult, type PolicyFileReader } from './scenario/parse-scenario.js';
export { scenarioSchema } from './scenario/schema.js';
export { parseSnapshot, snapshotFromValue, type SnapshotParseResult } from './snapshot/parse-snapshot.js';
export { snapshotSchema } from './snapshot/schema.js';
export type * from './snapshot/types.js';
export { POLICY_TYPES } from './snapshot/types.js';
export { policySetFor, findOrigin, userArn, roleArn, type PrincipalPolicySet, type PolicyOrigin, type PolicyHolder } from './snapshot/principal.js';
export { resourceFacts, type ResourceFacts } from './snapshot/resources.js';
// The emulator's schema only: the emulator itself (a server) is the `emulator` subpath, not this pure entry.
export { emulatorConfigSchema } from './emulator/config-schema.js';
export type { Catalog, CatalogAction, CatalogService, ConditionKeyInfo, FactSource, ResourceType, SystemPolicy, AccessLevel } from './catalog/types.js';
export { builtinCatalog, catalogWith } from './catalog/builtin.js';
export { buildCatalog, parseServiceFile, type RawService, type RawCatalogData } from './catalog/build.js';
export { lookupAction, expandActionPattern, buildArn, resourceTypeOfArn, resourceTypesOf, type Expansion, type ArnResult } from './catalog/query.js';
export { catalogServiceSchema, catalogConditionKeysSchema, catalogSystemPoliciesSchema } from './catalog/schema.js';
export type { LintRule, LintContext, RuleReport } from './lint/types.js';
export { RULES, ruleById } from './lint/registry.js';
export { lintPolicy, type PolicySource, type Finding, type RuleSettings } from './lint/engine.js';
export { extractPolicies, kindFromFileName, type Extraction } from './lint/inputs/extract.js';
export { parseLintConfig, applySuppressions, isIgnored, defaultConfig, lintConfigSchema, type LintConfig, type Suppression } from './lint/config.js';
export { renderLintText } from './lint/format/text.js';
export { renderLintJson } from './lint/format/json.js';
export { renderSarif } from './lint/format/sarif.js';
export { preflightUpdateInstance, type PreflightOptions, type PreflightResult } from './preflight/update-instance.js';
export { UPDATE_INSTANCE_PARAMETERS, validateUpdateInstanceParameters, type UpdateInstanceRequest } from './preflight/parameters.js';
export * from './analysis/index.js';
export { whoCan, principalCan, type WhoCanInput, type PrincipalCanInput } from './audit/who-can.js';
export { limitPaths } from './audit/limit-paths.js';
export { AUDIT_FORMATS, auditRenderer, renderAnswer } from './audit/render/index.js';
export type * from './audit/types.js';
