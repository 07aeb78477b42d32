/**
 * What the snapshot's inventory says about a request's resource: the resource group a CAMS
 * instance is in (so resource-group attachments apply or not, instead of leaving the answer
 * Conditional), and its tags as `acs:ResourceTag/<key>` context. The inventory is the account's
 * own record, so a recorded instance's tags are all of its tags: a tag key the policies ask about
 * that the instance lacks is absent, not unknown (semantics A4).
 */
import type { PolicySet } from '../policy/policy-set.js';
import type { AccountSnapshot, CamsInstance } from './types.js';

/** The request facts the inventory gives for one resource. */
export interface ResourceFacts {
  /** The inventory's entry for the resource, when it has one. */
  instance?: CamsInstance;
  /** The resource group, when the inventory records it. */
  resourceGroup?: string;
  /** `acs:ResourceTag/<key>` values. */
  context: Record<string, string>;
  /** `acs:ResourceTag/<key>` keys the policies name and the resource does not carry. */
  absent: string[];
}

/** `acs:cams:<region>:<account>:instance/<id>`: the ARN template of the catalog's Instance. */
const CAMS_INSTANCE = /^acs:cams:([^:]*):([^:]*):instance\/(.+)$/;
const TAG_KEY = 'acs:resourcetag/';

/** The facts about `resourceArn`; none when the inventory does not list it. */
export function resourceFacts(snapshot: AccountSnapshot, resourceArn: string, policies: PolicySet): ResourceFacts {
  const match = CAMS_INSTANCE.exec(resourceArn);
  const instance = match
    ? snapshot.resources.camsInstances.find((x) => match[2] === snapshot.accountId && match[1] === x.region && match[3] === x.id)
    : undefined;
  // Null-prototype contexts: the keys come from the snapshot's tags (see ownedContext in scenarios).
  if (!instance) return { context: Object.create(null) as Record<string, string>, absent: [] };
  const facts: ResourceFacts = { instance, context: Object.create(null) as Record<string, string>, absent: [] };
  if (instance.resourceGroup !== undefined) facts.resourceGroup = instance.resourceGroup;
  if (instance.tags === undefined) return facts; // tags not recorded: they stay unknown
  for (const [key, value] of Object.entries(instance.tags)) facts.context[`acs:ResourceTag/${key}`] = value;
  // Condition keys match case-insensitively (M4), so a tag key does too.
  const carried = new Set(Object.keys(instance.tags).map((k) => (TAG_KEY + k).toLowerCase()));
  const seen = new Set<string>();
  for (const key of tagKeysNamedBy(policies)) {
    const lower = key.toLowerCase();
    if (carried.has(lower) || seen.has(lower)) continue;
    seen.add(lower);
    facts.absent.push(key);
  }
  return facts;
}

/** Every `acs:ResourceTag/...` condition key of the set, as written. */
function tagKeysNamedBy(policies: PolicySet): string[] {
  const documents = [...policies.control.flat(), ...(policies.session ? [policies.session] : []), ...policies.identity, ...policies.resourceGroup, ...policies.resource];
  return documents.flatMap((p) => p.document.statements.flatMap((s) => s.conditions.map((c) => c.key).filter((k) => k.toLowerCase().startsWith(TAG_KEY))));
}
