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
import type { NamedPolicy } from '../policy/policy-set.js';
import { documentMentions, documentsFor, type AuditModel, type PrincipalEntry } from './model.js';
import type { AuditSession } from './session.js';

/** Whether a document's statements can tell principals apart: a Principal element or an `acs:Principal...` condition key. */
export function namesPrincipal(session: AuditSession, document: PolicyDocument): boolean {
  let found = session.principalDependence.get(document);
  if (found === undefined) {
    found = document.statements.some((s) => s.principal !== undefined || s.conditions.some((c) => c.key.toLowerCase().startsWith('acs:principal')));
    session.principalDependence.set(document, found);
  }
  return found;
}

/**
 * Whether a policy attached to group `name` (in `model`'s account) can tell principals apart: then
 * the sets of two users joining it differ per user. Memoised per list of attachments (a move that
 * attaches a policy to the group gives it a new list).
 */
export function groupNamesPrincipal(model: AuditModel, name: string): boolean {
  const attachments = model.index.group(name)?.attachments;
  if (!attachments) return false;
  const { session } = model;
  let found = session.groupNaming.get(attachments);
  if (found === undefined) session.groupNaming.set(attachments, (found = attachments.some((a) => documentsFor(model, a).some((d) => namesPrincipal(session, d)))));
  return found;
}

/**
 * The key under which principals share the evaluation of `action`: equal keys, equal evaluations
 * (memoised per entry and action). Documents are numbered by the session, so keys compare only
 * within one audit — a what-if account of the same session shares the real account's evaluations.
 */
export function sharingKey(session: AuditSession, entry: Pick<PrincipalEntry, 'principal' | 'set'>, action: string): string {
  let memo = session.sharingKeys.get(entry);
  if (!memo) session.sharingKeys.set(entry, (memo = new Map()));
  let key = memo.get(action);
  if (key === undefined) memo.set(action, (key = keyOf(session, entry, action)));
  return key;
}

function keyOf(session: AuditSession, entry: Pick<PrincipalEntry, 'principal' | 'set'>, action: string): string {
  const policies = entry.set.policies;
  let dependent = false;
  const part = (p: NamedPolicy & { resourceGroup?: string }) => {
    if (namesPrincipal(session, p.document)) dependent = true;
    return `${session.idOf(p.document)}:${p.resourceGroup ?? ''}:${p.name}`;
  };
  const relevant = (p: NamedPolicy) => documentMentions(session, p.document, action).any;
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
