/**
 * Checks of account-level data: a parsed AccountSnapshot (told apart from a raw one, whose
 * policies are still `document:`/`file:` entries) and the audit's answers, which `limitPaths` and
 * the renderers take back.
 */
import { checkReferences } from '../snapshot/references.js';
import { POLICY_TYPES } from '../snapshot/types.js';
import { array, arrayOf, boolean, finite, integer, isObject, oneOf, optional, raise, recordOf, shape, string, type Check, type Place } from './checks.js';
import { isRawDocument } from './data.js';
import { context, diagnostics, policyDocument, residual, strings } from './shapes.js';

const attachment = shape('an Attachment `{ policy, type, resourceGroup? }`', { policy: string, type: oneOf(POLICY_TYPES), resourceGroup: optional(string) });
const attachments = arrayOf(attachment);
const documented = (what: string, extra: Record<string, Check> = {}) => shape(what, { name: string, description: optional(string), document: policyDocument, ...extra });

const snapshotFields: Record<string, Check> = {
  accountId: string,
  collectedAt: optional(string),
  resourceDirectory: optional(
    shape('a ResourceDirectory `{ controlPolicies, path }`', {
      controlPolicies: arrayOf(documented('a control policy `{ name, document }`')),
      path: arrayOf(shape('a directory level `{ name, controlPolicies }`', { name: string, id: optional(string), controlPolicies: arrayOf(shape('a control attachment `{ policy, type }`', { policy: string, type: oneOf(POLICY_TYPES) })) })),
    }),
  ),
  policies: arrayOf(shape('a custom policy `{ name, defaultVersion, versions }`', { name: string, description: optional(string), defaultVersion: string, versions: arrayOf(shape('a policy version `{ id, document }`', { id: string, document: policyDocument })) })),
  systemPolicies: arrayOf(documented('a system policy `{ name, document }`')),
  users: arrayOf(
    shape('a SnapshotUser `{ name, groups, attachments }`', {
      name: string,
      displayName: optional(string),
      groups: strings,
      attachments,
      accessKeys: optional(arrayOf(shape('an AccessKey `{ id, status }`', { id: string, status: oneOf(['Active', 'Inactive']) }))),
      loginProfile: optional(boolean),
      mfaBound: optional(boolean),
    }),
  ),
  groups: arrayOf(shape('a SnapshotGroup `{ name, attachments }`', { name: string, description: optional(string), attachments })),
  roles: arrayOf(shape('a SnapshotRole `{ name, trustPolicy, attachments }`', { name: string, description: optional(string), arn: optional(string), trustPolicy: policyDocument, maxSessionDuration: optional(finite), serviceLinked: optional(boolean), attachments })),
  resourceGroups: optional(arrayOf(shape('a ResourceGroup `{ id, name? }`', { id: string, name: optional(string) }))),
  resources: shape('a ResourceInventory `{ camsInstances }`', {
    camsInstances: arrayOf(shape('a CAMS instance `{ id, region }`', { id: string, name: optional(string), region: string, resourceGroup: optional(string), tags: optional(recordOf(string)) })),
  }),
  collection: optional(shape('a CollectionInfo `{ gaps }`', { tool: optional(string), gaps: array, notCollected: optional(strings) })),
};

const PARSE_FIRST = 'parse it with `parseSnapshot` (text) or `snapshotFromValue` (data) first';

/** A policy entry still as written: `file:`, or `document:` holding a raw document. */
const writtenEntry = (entry: unknown): boolean => isObject(entry) && ('file' in entry || isRawDocument(entry) || isRawDocument(entry['document']));

/** True when the snapshot's policies are still as a snapshot file writes them. */
function looksRaw(v: Record<string, unknown>): boolean {
  const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
  return (
    list(v['roles']).some((r) => isObject(r) && writtenEntry(r['trustPolicy'])) ||
    list(v['policies']).some((p) => isObject(p) && list(p['versions']).some(writtenEntry)) ||
    list(v['systemPolicies']).some(writtenEntry)
  );
}

/** A parsed AccountSnapshot, shape only. */
export const accountSnapshot = shape('an AccountSnapshot (the `snapshot` of `parseSnapshot` or `snapshotFromValue`)', snapshotFields, (v, place) => {
  if (looksRaw(v)) raise('raw-document', place, `\`${place.at}\` is a raw snapshot (its policies are \`document:\`/\`file:\` entries as written), not a parsed AccountSnapshot: ${PARSE_FIRST}`);
});

/**
 * A parsed AccountSnapshot whose references hold (every attached policy, group and resource group
 * exists): the audit assumes it, as `parseSnapshot` guarantees for the snapshots it returns.
 */
export const consistentSnapshot: Check = (v, place) => {
  accountSnapshot(v, place);
  const problems = checkReferences(v as Parameters<typeof checkReferences>[0]).filter((p) => p.severity === 'error');
  if (problems.length > 0) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    const at = `${place.at}${first.path.replace(/\//g, '.').replace(/\.(\d+)(?=\.|$)/g, '[$1]')}`;
    raise('invalid-argument', { fn: place.fn, at }, `\`${place.at}\` does not hold together: at \`${at}\`, ${first.message}${more}; ${PARSE_FIRST}, which checks every reference`);
  }
  return v;
};

const DECISIONS = ['Allow', 'Conditional'];
const auditPrincipal = shape('an AuditPrincipal `{ kind, name, arn, ref }`', { kind: oneOf(['user', 'role']), name: string, arn: string, ref: string });
const accessPath = shape('an AccessPath `{ via, steps, decision }`', {
  via: oneOf(['direct', 'group', 'role']),
  steps: arrayOf(shape('a PathStep `{ kind }`', { kind: oneOf(['principal', 'group', 'assume-role', 'policy', 'resource-group', 'statement']) })),
  decision: oneOf(DECISIONS),
  residual: optional(residual),
});
const grant = shape('a ResourceGrant `{ action, resource, decision, paths, restrictions }`', {
  action: string,
  resource: string,
  decision: oneOf([...DECISIONS, 'None']),
  residual: optional(residual),
  paths: arrayOf(accessPath),
  pathCount: optional(integer(0)),
  restrictions: arrayOf(shape('a Restriction `{ layer, kind, statements }`', { layer: oneOf(['identity', 'control', 'session']), group: optional(string), kind: oneOf(['deny', 'no-allow']), statements: array, message: string })),
});
const principalAccess = shape('a PrincipalAccess `{ principal, decision, grants, escalations }`', {
  principal: auditPrincipal,
  decision: oneOf([...DECISIONS, 'None']),
  grants: arrayOf(grant),
  escalations: arrayOf(shape('an Escalation `{ reaches, chain, decision }`', { reaches: auditPrincipal, chain: array, decision: oneOf(DECISIONS), certainty: oneOf(['certain', 'possible']) })),
});
const common = { accountId: string, limits: shape('AuditLimits', { maxRoleChainDepth: integer(0), maxEscalationDepth: integer(0) }), diagnostics };
const whoCanResult = shape('a WhoCanResult (from `whoCan`)', { ...common, query: shape('a WhoCanQuery', { action: string, resource: string, context }), principals: arrayOf(principalAccess), examined: integer(0) });
const principalCanResult = shape('a PrincipalCanResult (from `principalCan`)', { ...common, query: shape('a PrincipalCanQuery', { principal: string, actionPattern: string, actions: strings, context }), access: principalAccess });
const resultKind = shape('an AuditResult (the `result` of `whoCan` or `principalCan`)', { kind: oneOf(['who-can', 'principal-can']) });

/** An audit answer, as `whoCan` or `principalCan` gave it. */
export const auditResult: Check = (v, place: Place) => {
  resultKind(v, place);
  return (v as { kind: string }).kind === 'who-can' ? whoCanResult(v, place) : principalCanResult(v, place);
};
