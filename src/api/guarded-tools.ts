/**
 * The catalog, lint, preflight, audit and analysis functions of the root entry, guarded: the same
 * functions with their arguments checked, so misuse throws (or, for `auditRenderer`, rejects
 * with) a RamguardError with a code instead of a TypeError from deep inside.
 */
import * as access from '../analysis/access-check.js';
import * as diff from '../analysis/diff.js';
import * as limit from '../audit/limit-paths.js';
import * as render from '../audit/render/index.js';
import * as audit from '../audit/who-can.js';
import * as builtin from '../catalog/builtin.js';
import * as build from '../catalog/build.js';
import * as query from '../catalog/query.js';
import * as config from '../lint/config.js';
import * as engine from '../lint/engine.js';
import * as text from '../lint/format/text.js';
import * as json from '../lint/format/json.js';
import * as sarif from '../lint/format/sarif.js';
import * as extract from '../lint/inputs/extract.js';
import * as registry from '../lint/registry.js';
import * as parameters from '../preflight/parameters.js';
import * as preflight from '../preflight/update-instance.js';
import { auditResult, consistentSnapshot } from './account-shapes.js';
import { arrayOf, boolean, callback, fail, func, inside, instanceOf, integer, isObject, optional, recordOf, shape, string, type Check } from './checks.js';
import { guard, guardAsync } from './guard.js';
import { compiledPolicySet, finding, findings, namedPolicy, policySetOrCompiled, request } from './shapes.js';
import { accessNotGrantedOptions, accessOptions, catalog, catalogAction, diffOptions, extractOptions, lintConfig, lintRules, parameters as updateParameters, policySource, preflightOptions, principalCanInput, rawCatalogData, rawServices, ruleSettings, whoCanInput } from './tool-shapes.js';

const values = recordOf(string, 'an object of placeholder values (strings)');
const texts: Check = (v, place) => {
  instanceOf(Map, 'Map of file names to texts')(v, place);
  for (const [file, content] of v as Map<unknown, unknown>) if (typeof file !== 'string' || typeof content !== 'string') fail(place, 'a Map of file names to texts (strings to strings)', v);
  return v;
};
const suppression = shape('a Suppression `{ rule, file, reason }`', { rule: string, file: string, path: optional(string), reason: string });
const suppressed = arrayOf((v, place) => {
  if (!Array.isArray(v) || v.length !== 2) return fail(place, 'a pair `[finding, suppression]`', v);
  finding(v[0], inside(place, 0));
  suppression(v[1], inside(place, 1));
  return v;
}, 'an array of `[finding, suppression]` pairs');
const policyOrCompiled: Check = (v, place) => (isObject(v) && 'statementCount' in v ? compiledPolicySet(v, place) : namedPolicy(v, place));

/**
 * The built-in catalog with user services added (a service of the same name replaces the built-in
 * one).
 */
export const catalogWith: typeof builtin.catalogWith = guard('catalogWith', builtin.catalogWith, [['extra', rawServices]]);
/** Builds the catalog; later services replace earlier ones of the same name. */
export const buildCatalog: typeof build.buildCatalog = guard('buildCatalog', build.buildCatalog, [
  ['data', rawCatalogData],
  ['extra', optional(rawServices)],
]);
/** Parses and checks one service file (YAML or JSON); every problem is a diagnostic. */
export const parseServiceFile: typeof build.parseServiceFile = guard('parseServiceFile', build.parseServiceFile, [
  ['text', string],
  ['file', optional(string)],
]);
/** An action by name, case-insensitively (`cams:updateinstance` → `cams:UpdateInstance`). */
export const lookupAction: typeof query.lookupAction = guard('lookupAction', query.lookupAction, [
  ['catalog', catalog],
  ['name', string],
]);
/**
 * Expands an action pattern (`cams:Get*`, `*`) into the catalog's actions; case-insensitive;
 * memoised per catalog.
 */
export const expandActionPattern: typeof query.expandActionPattern = guard('expandActionPattern', query.expandActionPattern, [
  ['catalog', catalog],
  ['pattern', string],
]);
/**
 * Builds the ARN an action acts on: `cams:UpdateInstance` + {regionId, accountId, InstanceId} →
 * `acs:cams:ap-southeast-1:123:instance/ins-1`. With several resource types, name one.
 */
export const buildArn: typeof query.buildArn = guard('buildArn', query.buildArn, [
  ['catalog', catalog],
  ['actionName', string],
  ['values', values],
  ['resourceType', optional(string)],
]);
/** The resource types whose template an ARN fits (usually one; empty when none is known). */
export const resourceTypeOfArn: typeof query.resourceTypeOfArn = guard('resourceTypeOfArn', query.resourceTypeOfArn, [
  ['catalog', catalog],
  ['arn', string],
]);
/**
 * The resource types of an action (empty when the action takes all resources or they are unknown).
 */
export const resourceTypesOf: typeof query.resourceTypesOf = guard('resourceTypesOf', query.resourceTypesOf, [
  ['catalog', catalog],
  ['action', catalogAction],
]);

/** A rule by id. */
export const ruleById: typeof registry.ruleById = guard('ruleById', registry.ruleById, [['id', string]]);
/**
 * Lints one policy source with the given rule settings: at most MAX_DIAGNOSTICS_PER_FILE findings,
 * then one `too-many-diagnostics` (as parsing and validation cap theirs).
 */
export const lintPolicy: typeof engine.lintPolicy = guard('lintPolicy', engine.lintPolicy, [
  ['source', policySource],
  ['catalog', catalog],
  ['settings', optional(ruleSettings)],
]);
/**
 * The policies of one file. `kind` forces the kind of a bare policy (default identity); embedded
 * policies take their kind from where they sit. With `explicit` false (a file found by a directory
 * walk), a file that is not a policy, plan or template is skipped rather than reported.
 */
export const extractPolicies: typeof extract.extractPolicies = guard('extractPolicies', extract.extractPolicies, [
  ['text', string],
  ['file', string],
  ['options', optional(extractOptions)],
]);
/**
 * A bare policy's kind from its file name: `x.trust.json`, `x.control.yaml`, `x.session.json`;
 * identity otherwise.
 */
export const kindFromFileName: typeof extract.kindFromFileName = guard('kindFromFileName', extract.kindFromFileName, [['file', string]]);
/** Parses `.ramguard.yaml` text; unknown rule ids are errors (a typo would silently do nothing). */
export const parseLintConfig: typeof config.parseLintConfig = guard('parseLintConfig', config.parseLintConfig, [
  ['text', string],
  ['file', string],
]);
/** Splits findings into kept and suppressed (with the suppression that matched). */
export const applySuppressions: typeof config.applySuppressions = guard('applySuppressions', config.applySuppressions, [
  ['config', lintConfig],
  ['findings', findings],
  ['relativeFile', callback(string)],
]);
/** True when a (repository-relative) path is ignored. */
export const isIgnored: typeof config.isIgnored = guard('isIgnored', config.isIgnored, [
  ['config', lintConfig],
  ['path', string],
]);
/** The whole text report. `texts` maps file names to their contents, for code frames. */
export const renderLintText: typeof text.renderLintText = guard('renderLintText', text.renderLintText, [
  ['findings', findings],
  ['texts', texts],
  ['suppressed', optional(suppressed)],
  ['verbose', optional(boolean)],
]);
/**
 * The whole JSON report: findings capped per file (see `capFindings`), the summary counting the
 * ones listed.
 */
export const renderLintJson: typeof json.renderLintJson = guard('renderLintJson', json.renderLintJson, [
  ['findings', findings],
  ['stats', shape('stats `{ files, policies, suppressed }`', { files: integer(0), policies: integer(0), suppressed: integer(0) })],
]);
/**
 * The SARIF log, findings capped per file (see `capFindings`). `uriOf` turns a finding's file into
 * a repository-relative URI.
 */
export const renderSarif: typeof sarif.renderSarif = guard('renderSarif', sarif.renderSarif, [
  ['findings', findings],
  ['rules', lintRules],
  ['version', string],
  ['uriOf', callback(string)],
]);

/**
 * Preflights one UpdateInstance call. Invalid parameters give diagnostics and no result. Pass a
 * `CompiledPolicySet` (from `compilePolicySet`) to preflight many calls without compiling again.
 */
export const preflightUpdateInstance: typeof preflight.preflightUpdateInstance = guard('preflightUpdateInstance', preflight.preflightUpdateInstance, [
  ['params', updateParameters],
  ['policies', policySetOrCompiled],
  ['options', preflightOptions],
]);
/**
 * Checks parameters against the reference: unknown names, missing required ones, types and formats.
 */
export const validateUpdateInstanceParameters: typeof parameters.validateUpdateInstanceParameters = guard('validateUpdateInstanceParameters', parameters.validateUpdateInstanceParameters, [['params', updateParameters]]);

/**
 * Who can perform the action on the resource(s): every principal with Allow or Conditional, those a
 * control policy blocks, and those that can escalate.
 */
export const whoCan: typeof audit.whoCan = guard('whoCan', audit.whoCan, [
  ['snapshot', consistentSnapshot],
  ['input', whoCanInput],
]);
/**
 * What one principal can do: every action of the pattern, on every inventory instance (or `*`),
 * with escalations.
 */
export const principalCan: typeof audit.principalCan = guard('principalCan', audit.principalCan, [
  ['snapshot', consistentSnapshot],
  ['input', principalCanInput],
]);
/**
 * The answer with at most `max` paths per grant (`max` 0 or less: unchanged). Pure; grants of one
 * class keep sharing their paths.
 */
export const limitPaths: typeof limit.limitPaths = guard('limitPaths', limit.limitPaths, [
  ['result', auditResult],
  ['max', integer()],
]);
/** The renderer of a format, or why it cannot be had (a module not built). */
export const auditRenderer: typeof render.auditRenderer = guardAsync('auditRenderer', render.auditRenderer, [['format', string]]);
/**
 * Renders an answer, or says it is too large: V8 strings end at about 512 Mi characters, and an
 * answer over a big account in a verbose format can pass that. A diagnostic with what to do instead
 * beats an internal error.
 */
export const renderAnswer: typeof render.renderAnswer = guard('renderAnswer', render.renderAnswer, [
  ['renderer', func],
  ['result', auditResult],
  ['format', string],
]);

/**
 * PASS when no action matching `options.actions` (on `options.resources`) can be allowed under any
 * context.
 */
export const checkAccessNotGranted: typeof access.checkAccessNotGranted = guard('checkAccessNotGranted', access.checkAccessNotGranted, [
  ['policy', namedPolicy],
  ['options', accessNotGrantedOptions],
]);
/**
 * PASS when every request `candidate` allows, `base` allows too; otherwise witnesses it allows and
 * `base` does not.
 */
export const checkNoNewAccess: typeof access.checkNoNewAccess = guard('checkNoNewAccess', access.checkNoNewAccess, [
  ['base', namedPolicy],
  ['candidate', namedPolicy],
  ['options', optional(accessOptions)],
]);
/**
 * The policy set a policy is judged in on its own (N3, N11): an identity, control or session policy
 * is the identity layer, beside a trust policy that trusts everyone; a trust policy is the resource
 * layer (as `ramguard eval --trust-policy` puts it), beside an identity policy that allows
 * everything, so the trust policy alone decides `sts:AssumeRole`.
 */
export const compileAlone: typeof access.compileAlone = guard('compileAlone', access.compileAlone, [['policy', namedPolicy]]);
/** Evaluates a request against one policy on its own (N4): the policy as the identity layer. */
export const decisionOf: typeof access.decisionOf = guard('decisionOf', access.decisionOf, [
  ['policy', policyOrCompiled],
  ['request', request],
]);
/** Computes the diff from `before` to `after`. */
export const diffPolicies: typeof diff.diffPolicies = guard('diffPolicies', diff.diffPolicies, [
  ['before', namedPolicy],
  ['after', namedPolicy],
  ['options', optional(diffOptions)],
]);
