/**
 * The resources a question is about, and their equivalence classes. With `--all-resources` every
 * CAMS instance of the inventory is asked about, with its region (in its ARN), resource group and
 * tags. Instances that no statement the audit can evaluate tells apart get the same answer from
 * every principal, so each principal is evaluated once per class, on a representative (W5): two
 * instances are in one class when every Resource pattern of every statement that can match the
 * action matches both or neither, they are in the same resource group (or one no attachment
 * names), and they carry the same values of every `acs:ResourceTag/...` key those statements name.
 * "Every statement the audit can evaluate" is more than the account's sets: escalation evaluates
 * accounts changed by a move — other versions of custom policies, policies attached to nobody yet,
 * system policies — and a class can be merged for a principal but never split (issue 13).
 */
import { compileWildcard } from '../match/wildcard.js';
import type { AuthorizationRequest } from '../request/types.js';
import { resourceFacts } from '../snapshot/resources.js';
import type { AccountSnapshot, CamsInstance } from '../snapshot/types.js';
import type { PolicyDocument } from '../policy/types.js';
import { attachedDocument } from '../snapshot/account-index.js';
import type { PolicySet } from '../policy/policy-set.js';
import { documentMentions, documentsFor, documentsOf, systemDocuments, type AuditModel } from './model.js';
import type { AuditSession } from './session.js';
import type { ResourceGrant } from './types.js';

/** One resource asked about. */
export interface AskedResource {
  arn: string;
  instance?: CamsInstance;
}

/** Resources that get the same answer; `representative` is evaluated for all of them. */
export interface ResourceClass {
  representative: AskedResource;
  members: AskedResource[];
}

/** A CAMS instance's ARN, `acs:cams:<region>:<account>:instance/<id>` (the catalog's Instance template). */
export function instanceArn(snapshot: AccountSnapshot, instance: CamsInstance): string {
  return `acs:cams:${instance.region}:${snapshot.accountId}:instance/${instance.id}`;
}

/** The inventory's instances as asked resources. */
export function allInstances(snapshot: AccountSnapshot): AskedResource[] {
  return snapshot.resources.camsInstances.map((instance) => ({ arn: instanceArn(snapshot, instance), instance }));
}

/** One asked resource: the inventory's entry when the ARN is one of its instances. */
export function askedResource(snapshot: AccountSnapshot, arn: string): AskedResource {
  const instance = resourceFacts(snapshot, arn, { control: [], identity: [], resourceGroup: [], resource: [] }).instance;
  return instance ? { arn, instance } : { arn };
}

/** What of a resource the statements of some documents about `action` can tell apart. */
interface Features {
  matchers: ReturnType<typeof compileWildcard>[];
  tagKeys: string[];
  groups: Set<string>;
}

function featuresOf(session: AuditSession, documents: Iterable<PolicyDocument>, groups: Iterable<string>, action: string): Features {
  const patterns = new Set<string>();
  const tagKeys = new Set<string>();
  for (const document of documents) {
    if (!documentMentions(session, document, action).any) continue;
    for (const s of document.statements) {
      for (const r of s.resources ?? []) patterns.add(r);
      for (const c of s.conditions) if (c.key.toLowerCase().startsWith('acs:resourcetag/')) tagKeys.add(c.key.slice('acs:ResourceTag/'.length).toLowerCase());
    }
  }
  return { matchers: [...patterns].sort().map(compileWildcard), tagKeys: [...tagKeys].sort(), groups: new Set(groups) };
}

/** The key of a resource under some features: equal keys, equal answers. */
function keyOf(features: Features, r: AskedResource): string {
  const bits = features.matchers.map((m) => (m.test(r.arn) ? '1' : '0')).join('');
  const rg = r.instance?.resourceGroup;
  const tags = r.instance?.tags;
  const lowerTags = tags ? new Map(Object.entries(tags).map(([k, v]) => [k.toLowerCase(), v])) : undefined;
  const tagPart = features.tagKeys.map((k) => (lowerTags === undefined ? '?' : lowerTags.has(k) ? `=${lowerTags.get(k)}` : '-')).join('\u0000');
  return `${bits}|${rg === undefined ? '?' : features.groups.has(rg) ? rg : '.'}|${tagPart}`;
}

/** Partitions resources into classes no statement about `action` the audit can evaluate can tell apart. */
export function classify(model: AuditModel, action: string, resources: AskedResource[]): ResourceClass[] {
  if (resources.length <= 1) return resources.map((r) => ({ representative: r, members: [r] }));
  const { snapshot } = model;
  const groups = new Set<string>([...snapshot.users, ...snapshot.groups, ...snapshot.roles].flatMap((h) => h.attachments.flatMap((a) => (a.resourceGroup !== undefined ? [a.resourceGroup] : []))));
  const features = featuresOf(model.session, evaluable(model), groups, action);
  const classes = new Map<string, ResourceClass>();
  for (const r of resources) {
    const key = keyOf(features, r);
    const found = classes.get(key);
    if (found) found.members.push(r);
    else classes.set(key, { representative: r, members: [r] });
  }
  return [...classes.values()];
}

/**
 * Every document an audit of `model`'s account can evaluate, no set built: every version of every
 * custom policy (attached or not: escalation attaches policies and brings back old versions),
 * every system policy the snapshot carries or attaches, the control levels, the session policy,
 * the roles' trust policies, and AdministratorAccess, which a self-attach move tries first (W12).
 * The version a `ram:CreatePolicyVersion` move writes allows the action on `*`: it tells no
 * instance from another.
 */
function evaluable(model: AuditModel): Set<PolicyDocument> {
  const { snapshot } = model;
  const documents = new Set<PolicyDocument>(systemDocuments(model, 'AdministratorAccess'));
  for (const p of snapshot.policies) for (const v of p.versions) documents.add(v.document);
  for (const p of snapshot.systemPolicies) documents.add(p.document);
  for (const holder of [...snapshot.users, ...snapshot.groups, ...snapshot.roles]) for (const a of holder.attachments) if (a.type !== 'Custom') for (const d of documentsFor(model, a)) documents.add(d);
  for (const r of snapshot.roles) documents.add(r.trustPolicy);
  if (model.options.sessionPolicy) documents.add(model.options.sessionPolicy.document);
  const control = snapshot.resourceDirectory;
  for (const level of control?.path ?? []) {
    for (const a of level.controlPolicies) {
      const document = attachedDocument(model.index, a, 'control')?.document;
      if (document) documents.add(document);
    }
  }
  return documents;
}

/**
 * For one principal's set, which class stands for which: `projection[i]` is the first class whose
 * representative this set cannot tell from class i's (its own statements about the action, its
 * resource-group attachments, its control levels). Sets with the same features share the answer.
 */
export function projectClasses(session: AuditSession, classes: ResourceClass[], policies: PolicySet, action: string, memo: Map<string, number[]>): number[] {
  if (classes.length <= 1) return classes.map((_, i) => i);
  const features = featuresOf(session, documentsOf(policies), policies.resourceGroup.map((p) => p.resourceGroup), action);
  const signature = `${features.matchers.map((m) => m.pattern).join('\u0001')}|${features.tagKeys.join('\u0001')}|${[...features.groups].sort().join('\u0001')}`;
  let projection = memo.get(signature);
  if (!projection) {
    const first = new Map<string, number>();
    projection = classes.map((c, i) => {
      const key = keyOf(features, c.representative);
      const seen = first.get(key);
      if (seen !== undefined) return seen;
      first.set(key, i);
      return i;
    });
    if (memo.size < 10_000) memo.set(signature, projection);
  }
  return projection;
}

/** The request for one principal and resource, completed with the inventory's facts as `eval --snapshot` does (A4). */
export function requestFor(model: AuditModel, principal: AuthorizationRequest['principal'], action: string, resource: AskedResource, context: Record<string, string | string[]>, policies: Parameters<typeof resourceFacts>[2]): AuthorizationRequest {
  const request: AuthorizationRequest = { principal, action, resource: resource.arn, context: { ...context }, absent: [] };
  if (!resource.instance) return request;
  // The snapshot narrowed to this one instance and the set to the policies that name a tag: the
  // same facts (A4), without searching the inventory or every statement for each request.
  const facts = cachedFacts(model, resource, taggingPolicies(model.session, policies));
  if (facts.resourceGroup !== undefined) request.resourceGroup = facts.resourceGroup;
  const given = new Set(Object.keys(context).map((k) => k.toLowerCase()));
  for (const [key, value] of Object.entries(facts.context)) if (!given.has(key.toLowerCase())) request.context![key] = value;
  for (const key of facts.absent) if (!given.has(key.toLowerCase())) request.absent!.push(key);
  return request;
}

/** The `instance` field of a grant (one object per resource, shared by every grant on it). */
export function instanceField(session: AuditSession, resource: AskedResource): Pick<ResourceGrant, 'instance'> {
  const i = resource.instance;
  if (!i) return {};
  let field = session.instanceFields.get(resource);
  if (!field) session.instanceFields.set(resource, (field = { instance: { id: i.id, region: i.region, ...(i.resourceGroup !== undefined ? { resourceGroup: i.resourceGroup } : {}), ...(i.tags !== undefined ? { tags: i.tags } : {}) } }));
  return field;
}

const namesTag = (p: { document: PolicyDocument }) => p.document.statements.some((s) => s.conditions.some((c) => c.key.toLowerCase().startsWith('acs:resourcetag/')));

/** The policies of a set that name an `acs:ResourceTag/...` key (memoised per set). */
function taggingPolicies(session: AuditSession, policies: PolicySet): PolicySet {
  let found = session.tagging.get(policies);
  if (!found) {
    found = { control: policies.control.map((level) => level.filter(namesTag)), identity: policies.identity.filter(namesTag), resourceGroup: policies.resourceGroup.filter(namesTag), resource: policies.resource.filter(namesTag) };
    if (policies.session && namesTag(policies.session)) found.session = policies.session;
    session.tagging.set(policies, found);
  }
  return found;
}

/**
 * `resourceFacts` for one instance, shared by every set naming the same tag keys: the facts depend
 * only on the instance and on those keys (A4), and thousands of principals share a few key lists.
 * A what-if account has the same inventory: it shares them too.
 */
function cachedFacts(model: AuditModel, resource: AskedResource, tagging: PolicySet): ReturnType<typeof resourceFacts> {
  const { tagSignatures, facts: bySignature } = model.session;
  let signature = tagSignatures.get(tagging);
  if (signature === undefined) {
    const documents = [...tagging.control.flat(), ...(tagging.session ? [tagging.session] : []), ...tagging.identity, ...tagging.resourceGroup, ...tagging.resource];
    signature = documents.flatMap((p) => p.document.statements.flatMap((s) => s.conditions.map((c) => c.key))).filter((k) => k.toLowerCase().startsWith('acs:resourcetag/')).join('\u0000');
    tagSignatures.set(tagging, signature);
  }
  let byResource = bySignature.get(signature);
  if (!byResource) bySignature.set(signature, (byResource = new WeakMap()));
  let facts = byResource.get(resource);
  if (!facts) {
    // The snapshot narrowed to this one instance: the same facts, without searching the inventory.
    facts = resourceFacts({ ...model.snapshot, resources: { camsInstances: [resource.instance!] } }, resource.arn, tagging);
    byResource.set(resource, facts);
  }
  return facts;
}
