/**
 * The checks of the library's own data types, as the functions read them: policy kinds,
 * validated documents, policy sets (plain and compiled), requests, residuals, diagnostics and the
 * callbacks the parsers take. Each says what to call when a value is a step behind: a raw
 * document instead of a validated one, a PolicySet instead of a compiled one.
 */
import { OPERATOR_NAMES } from '../conditions/operators.js';
import { POLICY_KINDS } from '../policy/types.js';
import { PRINCIPAL_TYPES } from '../request/types.js';
import { array, arrayOf, boolean, callback, either, fail, func, instanceOf, integer, isObject, oneOf, optional, raise, recordOf, shape, string, type Check, type Place } from './checks.js';
import { data, isRawDocument, walkData } from './data.js';

export const strings = arrayOf(string, 'an array of strings');
export const kind = oneOf(POLICY_KINDS);
export const SEVERITIES = ['error', 'security-warning', 'warning', 'suggestion'] as const;
export const severity = oneOf(SEVERITIES);

/** A value that must not be a raw document here; `advice` says what to do with it instead. */
const notRaw = (what: string, advice: string) => (v: Record<string, unknown>, place: Place) => {
  if (isRawDocument(v)) raise('raw-document', place, `\`${place.at}\` is a raw policy document (it has \`Version\`/\`Statement\`), not ${what}: validate it with \`parsePolicy\` (text) or \`validatePolicy\` (data) first${advice}`);
};

const principal = shape('a trust-policy principal `{ RAM, Service, Federated }`', { RAM: strings, Service: strings, Federated: strings });
const clause = shape('a condition clause', { operator: oneOf(OPERATOR_NAMES), key: string, values: strings, sourcePath: string });
const statement = shape('a validated statement', {
  index: integer(0),
  sid: optional(string),
  effect: oneOf(['Allow', 'Deny']),
  actions: optional(strings),
  notActions: optional(strings),
  resources: optional(strings),
  principal: optional(principal),
  conditions: arrayOf(clause),
  sourcePath: string,
});

/** A validated PolicyDocument, as `parsePolicy` and `validatePolicy` give it. */
export const policyDocument = shape('a validated PolicyDocument (the `policy` of `parsePolicy` or `validatePolicy`)', { kind, statements: arrayOf(statement) }, notRaw('a validated PolicyDocument', ', and pass the `policy` of its result'));

/** `{ name, document }`: a NamedPolicy, AnalysisPolicy or a snapshot's policy entry. */
export const namedPolicy = shape('a NamedPolicy `{ name, document }`', { name: string, document: policyDocument }, notRaw('a NamedPolicy', ', and pass `{ name, document: policy }`'));
const resourceGroupAttachment = shape('a ResourceGroupAttachment `{ name, document, resourceGroup }`', { name: string, document: policyDocument, resourceGroup: string });

const IN_A_SET = '`{ ...emptyPolicySet(), identity: [{ name, document: policy }] }`';

/** A PolicySet: every layer's validated policies. */
export const policySet: Check = shape(
  'a PolicySet `{ control, identity, resourceGroup, resource }`',
  { control: arrayOf(arrayOf(namedPolicy)), session: optional(namedPolicy), identity: arrayOf(namedPolicy), resourceGroup: arrayOf(resourceGroupAttachment), resource: arrayOf(namedPolicy) },
  (v, place) => {
    notRaw('a PolicySet', `, then put it in one: ${IN_A_SET}`)(v, place);
    if ('statementCount' in v) fail(place, 'a PolicySet', v, 'invalid-argument', 'this one is already compiled; pass the PolicySet it was compiled from');
    if ('document' in v && 'name' in v) fail(place, 'a PolicySet', v, 'invalid-argument', `this is one NamedPolicy; put it in a set: ${IN_A_SET}`);
    if ('statements' in v && 'kind' in v) fail(place, 'a PolicySet', v, 'invalid-argument', `this is one PolicyDocument; put it in a set: ${IN_A_SET}`);
  },
);

const compiledStatement = shape('a compiled statement', { id: integer(0), ref: shape('a StatementRef', {}), deny: boolean, notAction: boolean, actions: array, resources: optional(array), clauses: array, source: shape('a statement', {}) });
const layer = shape('a compiled layer (from `compilePolicySet`)', { statements: arrayOf(compiledStatement), forService: func });
const compiledShape = shape(
  'a CompiledPolicySet (from `compilePolicySet`)',
  { control: arrayOf(layer), session: optional(layer), identity: layer, resourceGroup: layer, resource: layer, all: arrayOf(compiledStatement), statementCount: integer(0), plans: instanceOf(Map, 'Map') },
  (v, place) => {
    if (isRawDocument(v)) raise('raw-document', place, `\`${place.at}\` is a raw policy document, not a CompiledPolicySet: validate it with \`parsePolicy\` or \`validatePolicy\`, put it in a PolicySet and compile that with \`compilePolicySet\``);
    if (Array.isArray(v['identity'])) raise('not-compiled', place, `\`${place.at}\` is a PolicySet, not a CompiledPolicySet: compile it once with \`compilePolicySet\` and evaluate against the result`);
  },
);
// Evaluation is the hot path and a compiled set does not change: each one is checked once, in full.
const checkedSets = new WeakSet<object>();

/** A CompiledPolicySet whose statement count matches its statements (evaluation sizes tables by it). */
export const compiledPolicySet: Check = (v, place) => {
  if (typeof v === 'object' && v !== null && checkedSets.has(v)) return v;
  compiledShape(v, place);
  const set = v as { all: unknown[]; statementCount: number };
  if (set.statementCount !== set.all.length) fail({ fn: place.fn, at: `${place.at}.statementCount` }, `the number of statements in \`${place.at}.all\` (${set.all.length})`, set.statementCount);
  checkedSets.add(set);
  return v;
};

/** True for a set already checked in full (or built by `compilePolicySet`): a WeakSet look-up, never a throw. */
export const isCheckedSet = (v: unknown): boolean => typeof v === 'object' && v !== null && checkedSets.has(v);

/** Records a set `compilePolicySet` built as checked: it is a CompiledPolicySet by construction. */
export function markCompiled<T extends object>(set: T): T {
  checkedSets.add(set);
  return set;
}

/** Either a PolicySet or a CompiledPolicySet, told apart as the library does: by `statementCount`. */
export const policySetOrCompiled: Check = (v, place) => (isObject(v) && 'statementCount' in v ? compiledPolicySet(v, place) : policySet(v, place));

const contextValue = either('a string or an array of strings', { when: (v) => typeof v === 'string', check: string }, { when: Array.isArray, check: strings });
export const context = recordOf(contextValue, 'an object of context keys, each a string or an array of strings');
export const requestPrincipal = shape('a RequestPrincipal `{ type, arn? }`', { type: oneOf(PRINCIPAL_TYPES), arn: optional(string) });

/** An AuthorizationRequest. */
export const authorizationRequest = shape('an AuthorizationRequest `{ principal, action, resource, context?, absent? }`', {
  principal: requestPrincipal,
  action: string,
  resource: string,
  resourceGroup: optional(string),
  context: optional(context),
  absent: optional(strings),
});
const preparedRequest = shape('a PreparedRequest (from `prepareRequest`)', {
  request: authorizationRequest,
  action: string,
  service: string,
  context: instanceOf(Map, 'Map'),
  absent: instanceOf(Set, 'Set'),
  planKey: string,
  diagnostics: arrayOf(shape('a Diagnostic', {})),
});
// A prepared request is made once to be evaluated many times, and is not to be changed: checked once.
const checkedRequests = new WeakSet<object>();

/** True for a PreparedRequest already checked in full: a WeakSet look-up, never a throw. */
export const isCheckedRequest = (v: unknown): boolean => typeof v === 'object' && v !== null && checkedRequests.has(v);

/** An AuthorizationRequest or a PreparedRequest, told apart as the library does: by `prepared`. */
export const request: Check = (v, place) => {
  if (!isObject(v) || !('prepared' in v)) return authorizationRequest(v, place);
  if (checkedRequests.has(v)) return v;
  preparedRequest(v, place);
  checkedRequests.add(v);
  return v;
};

const RESIDUAL_KINDS = ['true', 'false', 'condition', 'resource-group', 'and', 'or', 'not'];
const residualTree: Check = (v, place) => {
  const node = shape('a Residual', { kind: oneOf(RESIDUAL_KINDS) })(v, place) as { kind: string };
  const fields: Record<string, Check> =
    node.kind === 'condition' ? { operator: oneOf(OPERATOR_NAMES), key: string, values: strings } : node.kind === 'resource-group' ? { resourceGroup: string } : node.kind === 'not' ? { of: residualTree } : node.kind === 'and' || node.kind === 'or' ? { of: arrayOf(residualTree) } : {};
  return shape('a Residual', fields)(v, place);
};
/** A Residual formula: a tree (walked first for cycles and depth, then its nodes). */
export const residual: Check = (v, place) => {
  walkData(v, place);
  return residualTree(v, place);
};

const range = shape('a SourceRange `{ line, column, endLine, endColumn }`', { line: integer(), column: integer(), endLine: integer(), endColumn: integer() });
const diagnosticFields = { code: string, severity, message: string, file: optional(string), range: optional(range), path: string, help: optional(string) };
export const diagnostic = shape('a Diagnostic `{ code, severity, message, path }`', diagnosticFields);
export const diagnostics = arrayOf(diagnostic, 'an array of Diagnostics');
export const finding = shape('a Finding (from `lintPolicy`)', { ...diagnosticFields, kind, origin: optional(string) });
export const findings = arrayOf(finding, 'an array of Findings (from `lintPolicy`)');

/** `locate(pointer, target)`: its answers are source ranges or undefined. */
export const locate = callback(optional(range));

/** `readFile(path)`: its answers are `{ text, file }` or `{ error }`. */
export const readFile = callback(
  either(
    'an object `{ text, file }` or `{ error }`',
    { when: (v) => isObject(v) && 'error' in v, check: shape('`{ error }`', { error: string }) },
    { when: isObject, check: shape('`{ text, file }`', { text: string, file: string }) },
  ),
);

/** Where a parsed value came from: `{ file?, locate }`. */
export const sourceLocation = shape('a source `{ file?, locate }`', { file: optional(string), locate });

/** Data to validate: any tree of plain values (its content is what the function checks). */
export const anyData = data();
