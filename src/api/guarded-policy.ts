/**
 * The policy, request, evaluation, scenario and snapshot functions of the root entry, guarded:
 * the same functions with their arguments checked, so misuse throws a RamguardError with a code
 * instead of a TypeError from deep inside. Bad policy *text* still gives diagnostics, as before.
 */
import * as diagnostic from '../diagnostics/diagnostic.js';
import * as compile from '../eval/compile.js';
import * as authorize from '../eval/authorize.js';
import * as residualText from '../explain/residual-text.js';
import * as wildcard from '../match/wildcard.js';
import * as limits from '../policy/limits.js';
import * as parse from '../policy/parse-policy.js';
import * as schema from '../policy/schema.js';
import * as prepare from '../request/prepare.js';
import * as scenario from '../scenario/parse-scenario.js';
import * as snapshot from '../snapshot/parse-snapshot.js';
import * as principal from '../snapshot/principal.js';
import * as resources from '../snapshot/resources.js';
import { accountSnapshot } from './account-shapes.js';
import { arrayOf, boolean, either, fail, integer, optional, shape, string, type Check } from './checks.js';
import { guard } from './guard.js';
import { anyData, compiledPolicySet, isCheckedRequest, isCheckedSet, markCompiled, diagnostic as aDiagnostic, diagnostics, kind, locate, policySet, readFile, request, residual, sourceLocation } from './shapes.js';

const segments = arrayOf(either('a string or a number', { when: (v) => typeof v === 'string', check: string }, { when: (v) => typeof v === 'number', check: (v) => v }), 'an array of strings and numbers');
/** A document to measure: any plain data but `undefined`, which has no JSON text. */
const someData: Check = (v, place) => (v === undefined ? fail(place, 'a policy document (plain data)', v) : anyData(v, place));
const parseOptions = optional(shape('an options object `{ file?, readFile? }`', { file: optional(string), readFile: optional(readFile) }));

/** Formats a diagnostic as one human line: `file:line:col: severity[code]: message`. */
export const formatDiagnostic: typeof diagnostic.formatDiagnostic = guard('formatDiagnostic', diagnostic.formatDiagnostic, [['d', aDiagnostic]]);
/** True when any diagnostic is an error (the input cannot be used). */
export const hasErrors: typeof diagnostic.hasErrors = guard('hasErrors', diagnostic.hasErrors, [['diagnostics', diagnostics]]);
/** Builds a JSON Pointer from path segments: `['Statement', 0, 'Effect']` → `/Statement/0/Effect`. */
export const toPointer: typeof diagnostic.toPointer = guard('toPointer', diagnostic.toPointer, [['segments', segments]]);

/** Parses JSON or YAML policy text of one kind; bad text gives diagnostics, a bad `kind` throws. */
export const parsePolicy: typeof parse.parsePolicy = guard('parsePolicy', parse.parsePolicy, [
  ['text', string],
  ['options', shape('an options object `{ kind, file? }`', { kind, file: optional(string) })],
]);
/** Validates already-parsed policy data; any data gives diagnostics, a cyclic value throws. */
export const validatePolicy: typeof parse.validatePolicy = guard('validatePolicy', parse.validatePolicy, [
  ['value', anyData],
  ['location', shape('a PolicyLocation `{ kind, file?, pointerPrefix?, locate? }`', { kind, file: optional(string), pointerPrefix: optional(string), locate: optional(locate) })],
]);
/** The JSON Schema of one policy kind. */
export const policySchema: typeof schema.policySchema = guard('policySchema', schema.policySchema, [['kind', kind]]);
/** A document's size as RAM counts it (its JSON text without whitespace). */
export const policySize: typeof limits.policySize = guard('policySize', limits.policySize, [['document', someData]]);

/** Compiles a RAM wildcard pattern (`*`, `?`) once. */
export const compileWildcard: typeof wildcard.compileWildcard = guard('compileWildcard', wildcard.compileWildcard, [['pattern', string]]);
/** Whether `input` matches the RAM wildcard `pattern`. */
export const wildcardMatch: typeof wildcard.wildcardMatch = guard('wildcardMatch', wildcard.wildcardMatch, [
  ['pattern', string],
  ['input', string],
]);

/** Normalises a request once, for evaluating it against many sets. */
export const prepareRequest: typeof prepare.prepareRequest = guard('prepareRequest', prepare.prepareRequest, [['request', request]]);
/** Compiles a PolicySet of validated documents once; a raw document says to validate it first. */
// What compilePolicySet returns is a CompiledPolicySet by construction: evaluate need not check it
// again (the check was about a quarter of a one-statement compile-and-decide, issue 15).
export const compilePolicySet: typeof compile.compilePolicySet = guard('compilePolicySet', (set: Parameters<typeof compile.compilePolicySet>[0]) => markCompiled(compile.compilePolicySet(set)), [['set', policySet]]);
/** `evaluate` with every argument checked, then the request prepared in full: what the fast paths of `evaluate` must equal. */
export const evaluateChecked: typeof authorize.evaluate = guard('evaluate', authorize.evaluate, [
  ['compiled', compiledPolicySet],
  ['input', request],
  ['options', optional(shape('EvaluateOptions `{ trace? }`', { trace: optional(boolean) }))],
]);

/** Options the checks accept as they are: none, or an object whose `trace` is undefined or a boolean. */
const plainOptions = (v: unknown): boolean => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v) && ((v as authorize.EvaluateOptions).trace === undefined || typeof (v as authorize.EvaluateOptions).trace === 'boolean'));

/**
 * Evaluates one request against a compiled set. The usual calls skip the general checks (issue 15:
 * they were a third of a one-statement decision): a set already checked (or compiled here) with a
 * PreparedRequest already checked goes straight to the evaluator, and a plain request is checked
 * and prepared in one pass for the set (`evaluatePlain`). Anything else, and any request that pass
 * does not accept as it is, takes `evaluateChecked`: the same answer, the same errors
 * (test/api/evaluate-fast.test.ts).
 */
export const evaluate: typeof authorize.evaluate = function evaluate(compiled, input, options) {
  if (isCheckedSet(compiled) && plainOptions(options)) {
    if (isCheckedRequest(input)) return authorize.evaluate(compiled, input, options);
    const result = authorize.evaluatePlain(compiled, input, options);
    if (result !== undefined) return result;
  }
  return evaluateChecked(compiled, input, options);
};
/** A Conditional decision's residual condition as text. */
export const renderResidual: typeof residualText.renderResidual = guard('renderResidual', residualText.renderResidual, [['p', residual]]);

/** Parses a scenario; `readFile` resolves its `file:` references. */
export const parseScenario: typeof scenario.parseScenario = guard('parseScenario', scenario.parseScenario, [
  ['text', string],
  ['options', parseOptions],
]);
/** A scenario from already-parsed data. */
export const scenarioFromValue: typeof scenario.scenarioFromValue = guard('scenarioFromValue', scenario.scenarioFromValue, [
  ['value', anyData],
  ['source', sourceLocation],
  ['readFile', optional(readFile)],
]);
/** Parses an account snapshot, checking every reference. */
export const parseSnapshot: typeof snapshot.parseSnapshot = guard('parseSnapshot', snapshot.parseSnapshot, [
  ['text', string],
  ['options', parseOptions],
]);
/** An account snapshot from already-parsed data. */
export const snapshotFromValue: typeof snapshot.snapshotFromValue = guard('snapshotFromValue', snapshot.snapshotFromValue, [
  ['value', anyData],
  ['source', sourceLocation],
  ['readFile', optional(readFile)],
]);

const accountId = shape('an object with `accountId`', { accountId: string });
const origin = shape('a PolicyOrigin (from `policySetFor`)', { layer: string, name: string, level: optional(integer(0)), resourceGroup: optional(string) });

/** A principal's PolicySet from a snapshot (`user/NAME`, `role/NAME`), with every policy's origin. */
export const policySetFor: typeof principal.policySetFor = guard('policySetFor', principal.policySetFor, [
  ['snapshot', accountSnapshot],
  ['ref', string],
  ['options', optional(shape('an options object `{ resource? }`', { resource: optional(string) }))],
]);
/** Where a deciding statement's policy came from in the snapshot. */
export const findOrigin: typeof principal.findOrigin = guard('findOrigin', principal.findOrigin, [
  ['sources', arrayOf(origin, 'an array of PolicyOrigins')],
  ['ref', shape('a StatementRef `{ layer, policy, level?, resourceGroup? }`', { layer: string, policy: string, level: optional(integer(0)), resourceGroup: optional(string) })],
]);
/** A user's ARN. */
export const userArn: typeof principal.userArn = guard('userArn', principal.userArn, [
  ['snapshot', accountId],
  ['name', string],
]);
/** A role's ARN (its own, when the snapshot records it). */
export const roleArn: typeof principal.roleArn = guard('roleArn', principal.roleArn, [
  ['snapshot', accountId],
  ['role', shape('a role `{ name, arn? }`', { name: string, arn: optional(string) })],
]);
/** An inventory instance's resource group and tags, to complete a request. */
export const resourceFacts: typeof resources.resourceFacts = guard('resourceFacts', resources.resourceFacts, [
  ['snapshot', accountSnapshot],
  ['resourceArn', string],
  ['policies', policySet],
]);
