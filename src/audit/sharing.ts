/**
 * When two principals get the same evaluation of an action (W5's per-class answers, before any
 * path is built). The evaluator looks only at statements whose Action part can match the action:
 * two sets that hold the same such policies, in the same order and under the same names and
 * resource groups, with the same control levels, session and resource policies, give the same
 * decision, condition and matching statements — unless the principal itself enters the request.
 * It does through `acs:PrincipalARN` (filled from the caller, C9) and through a statement's
 * Principal element; a set that names either is keyed by the principal's ARN too, so two
 * principals it tells apart never share an answer. Paths and restrictions are still built for
 * each principal from its own attachments.
 */
import type { PolicyDocument } from '../policy/types.js';
import type { NamedPolicy } from '../scenario/types.js';
import { documentMentions, type PrincipalEntry } from './model.js';

const ids = new WeakMap<object, number>();
let nextId = 0;

/** A stable number for an object, to key memos by several objects at once (unique across the audit's memos). */
export function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) ids.set(o, (id = nextId++));
  return id;
}

const principalDependence = new WeakMap<PolicyDocument, boolean>();

/** Whether a document's statements can tell principals apart: a Principal element or an `acs:Principal...` condition key. */
function namesPrincipal(document: PolicyDocument): boolean {
  let found = principalDependence.get(document);
  if (found === undefined) {
    found = document.statements.some((s) => s.principal !== undefined || s.conditions.some((c) => c.key.toLowerCase().startsWith('acs:principal')));
    principalDependence.set(document, found);
  }
  return found;
}

const keys = new WeakMap<object, Map<string, string>>();

/** The key under which principals share the evaluation of `action`: equal keys, equal evaluations (memoised per entry and action). */
export function sharingKey(entry: Pick<PrincipalEntry, 'principal' | 'set'>, action: string): string {
  let memo = keys.get(entry);
  if (!memo) keys.set(entry, (memo = new Map()));
  let key = memo.get(action);
  if (key === undefined) memo.set(action, (key = keyOf(entry, action)));
  return key;
}

function keyOf(entry: Pick<PrincipalEntry, 'principal' | 'set'>, action: string): string {
  const policies = entry.set.policies;
  let dependent = false;
  const part = (p: NamedPolicy & { resourceGroup?: string }) => {
    if (namesPrincipal(p.document)) dependent = true;
    return `${idOf(p.document)}:${p.resourceGroup ?? ''}:${p.name}`;
  };
  const relevant = (p: NamedPolicy) => documentMentions(p.document, action).any;
  const key = [
    entry.principal.kind,
    policies.control.map((level) => level.map(part).join(',')).join(';'),
    policies.session ? part(policies.session) : '',
    policies.identity.filter(relevant).map(part).join(','),
    policies.resourceGroup.filter(relevant).map(part).join(','),
    policies.resource.map(part).join(','),
  ].join('|');
  return dependent || policies.resource.length > 0 ? `${key}|${entry.set.principal.arn}` : key;
}
