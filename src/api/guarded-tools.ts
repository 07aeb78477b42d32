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

export const catalogWith: typeof builtin.catalogWith = guard('catalogWith', builtin.catalogWith, [['extra', rawServices]]);
export const buildCatalog: typeof build.buildCatalog = guard('buildCatalog', build.buildCatalog, [
  ['data', rawCatalogData],
  ['extra', optional(rawServices)],
]);
export const parseServiceFile: typeof build.parseServiceFile = guard('parseServiceFile', build.parseServiceFile, [
  ['text', string],
  ['file', optional(string)],
]);
export const lookupAction: typeof query.lookupAction = guard('lookupAction', query.lookupAction, [
  ['catalog', catalog],
  ['name', string],
]);
export const expandActionPattern: typeof query.expandActionPattern = guard('expandActionPattern', query.expandActionPattern, [
  ['catalog', catalog],
  ['pattern', string],
]);
export const buildArn: typeof query.buildArn = guard('buildArn', query.buildArn, [
  ['catalog', catalog],
  ['actionName', string],
  ['values', values],
  ['resourceType', optional(string)],
]);
export const resourceTypeOfArn: typeof query.resourceTypeOfArn = guard('resourceTypeOfArn', query.resourceTypeOfArn, [
  ['catalog', catalog],
  ['arn', string],
]);
export const resourceTypesOf: typeof query.resourceTypesOf = guard('resourceTypesOf', query.resourceTypesOf, [
  ['catalog', catalog],
  ['action', catalogAction],
]);

export const ruleById: typeof registry.ruleById = guard('ruleById', registry.ruleById, [['id', string]]);
export const lintPolicy: typeof engine.lintPolicy = guard('lintPolicy', engine.lintPolicy, [
  ['source', policySource],
  ['catalog', catalog],
  ['settings', optional(ruleSettings)],
]);
export const extractPolicies: typeof extract.extractPolicies = guard('extractPolicies', extract.extractPolicies, [
  ['text', string],
  ['file', string],
  ['options', optional(extractOptions)],
]);
export const kindFromFileName: typeof extract.kindFromFileName = guard('kindFromFileName', extract.kindFromFileName, [['file', string]]);
export const parseLintConfig: typeof config.parseLintConfig = guard('parseLintConfig', config.parseLintConfig, [
  ['text', string],
  ['file', string],
]);
export const applySuppressions: typeof config.applySuppressions = guard('applySuppressions', config.applySuppressions, [
  ['config', lintConfig],
  ['findings', findings],
  ['relativeFile', callback(string)],
]);
export const isIgnored: typeof config.isIgnored = guard('isIgnored', config.isIgnored, [
  ['config', lintConfig],
  ['path', string],
]);
export const renderLintText: typeof text.renderLintText = guard('renderLintText', text.renderLintText, [
  ['findings', findings],
  ['texts', texts],
  ['suppressed', optional(suppressed)],
  ['verbose', optional(boolean)],
]);
export const renderLintJson: typeof json.renderLintJson = guard('renderLintJson', json.renderLintJson, [
  ['findings', findings],
  ['stats', shape('stats `{ files, policies, suppressed }`', { files: integer(0), policies: integer(0), suppressed: integer(0) })],
]);
export const renderSarif: typeof sarif.renderSarif = guard('renderSarif', sarif.renderSarif, [
  ['findings', findings],
  ['rules', lintRules],
  ['version', string],
  ['uriOf', callback(string)],
]);

export const preflightUpdateInstance: typeof preflight.preflightUpdateInstance = guard('preflightUpdateInstance', preflight.preflightUpdateInstance, [
  ['params', updateParameters],
  ['policies', policySetOrCompiled],
  ['options', preflightOptions],
]);
export const validateUpdateInstanceParameters: typeof parameters.validateUpdateInstanceParameters = guard('validateUpdateInstanceParameters', parameters.validateUpdateInstanceParameters, [['params', updateParameters]]);

export const whoCan: typeof audit.whoCan = guard('whoCan', audit.whoCan, [
  ['snapshot', consistentSnapshot],
  ['input', whoCanInput],
]);
export const principalCan: typeof audit.principalCan = guard('principalCan', audit.principalCan, [
  ['snapshot', consistentSnapshot],
  ['input', principalCanInput],
]);
export const limitPaths: typeof limit.limitPaths = guard('limitPaths', limit.limitPaths, [
  ['result', auditResult],
  ['max', integer()],
]);
export const auditRenderer: typeof render.auditRenderer = guardAsync('auditRenderer', render.auditRenderer, [['format', string]]);
export const renderAnswer: typeof render.renderAnswer = guard('renderAnswer', render.renderAnswer, [
  ['renderer', func],
  ['result', auditResult],
  ['format', string],
]);

export const checkAccessNotGranted: typeof access.checkAccessNotGranted = guard('checkAccessNotGranted', access.checkAccessNotGranted, [
  ['policy', namedPolicy],
  ['options', accessNotGrantedOptions],
]);
export const checkNoNewAccess: typeof access.checkNoNewAccess = guard('checkNoNewAccess', access.checkNoNewAccess, [
  ['base', namedPolicy],
  ['candidate', namedPolicy],
  ['options', optional(accessOptions)],
]);
export const compileAlone: typeof access.compileAlone = guard('compileAlone', access.compileAlone, [['policy', namedPolicy]]);
export const decisionOf: typeof access.decisionOf = guard('decisionOf', access.decisionOf, [
  ['policy', policyOrCompiled],
  ['request', request],
]);
export const diffPolicies: typeof diff.diffPolicies = guard('diffPolicies', diff.diffPolicies, [
  ['before', namedPolicy],
  ['after', namedPolicy],
  ['options', optional(diffOptions)],
]);
