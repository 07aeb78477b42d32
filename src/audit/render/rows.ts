/**
 * The flat view of an audit answer that the table, csv and markdown renderers share: one row per
 * principal and group of resources with the same answer, one row per escalation, and a path or a
 * chain as one line of text.
 */
import type { AccessPath, AuditResult, Escalation, PathStep, PrincipalAccess, ResourceGrant } from '../types.js';
import { grantGroupsOf } from './grouped.js';
import { PATH_STEP_BUDGET } from '../limit-paths.js';

/** One row of the flat view. */
export interface AuditRow {
  principal: string;
  /** Allow, Conditional, None (taken away), or `can escalate`. */
  decision: string;
  action: string;
  /** The resources, as instance ids when the inventory knows them, else ARNs. */
  resources: string[];
  /** The paths (or the escalation chain), one line each. */
  via: string[];
  /** The condition, or what control/session policies take away. */
  condition: string;
}

/** A path step as a few words. */
export function describeStep(step: PathStep): string {
  switch (step.kind) {
    case 'principal':
      return step.principal.ref;
    case 'group':
      return `group ${step.group}`;
    case 'assume-role':
      return `assumes role ${step.role.name}${step.decision === 'Conditional' ? ' (if ' + step.condition + ')' : ''}`;
    case 'policy': {
      const p = step.policy;
      return `${p.name}${p.version !== undefined ? ` ${p.version}` : ''} [${p.type}]`;
    }
    case 'resource-group':
      return `in resource group ${step.resourceGroup}`;
    case 'statement':
      return `${step.statement.pointer}${step.statement.sid !== undefined ? ` (${step.statement.sid})` : ''}`;
  }
}

/** A path as one line: `user/bob → group ops → OpsPolicy v2 [Custom] → /Statement/0`. */
export function describePath(path: AccessPath): string {
  return path.steps.map(describeStep).join(' → ');
}

/** An escalation chain as one line. */
export function describeEscalation(e: Escalation): string {
  return e.chain.map((s) => `${s.actor.ref}: ${s.action} on ${s.resource} (${s.message})`).join(' ⇒ ');
}

/** A path as one line from its principal on (`group ops → OpsPolicy v2 [Custom] → /Statement/0`): the same for every principal it is applied to. */
export function describePathFrom(path: AccessPath): string {
  return path.steps.slice(path.steps[0]?.kind === 'principal' ? 1 : 0).map(describeStep).join(' → ');
}

/** The paths of a grant as lines, and how many more there are when they were cut (`limitPaths`); `describe`: each path's text. */
export function pathLines(grant: Pick<ResourceGrant, 'paths' | 'pathCount' | 'pathCountAtLeast'>, describe: (path: AccessPath) => string = describePath): string[] {
  const lines = grant.paths.map(describe);
  const more = (grant.pathCount ?? grant.paths.length) - grant.paths.length;
  if (more > 0 && grant.pathCountAtLeast) lines.push('… and more paths (--max-paths 0 shows every one)');
  else if (grant.pathCountAtLeast) lines.push(`… and more paths, not listed: the audit's budget of ${PATH_STEP_BUDGET.toLocaleString('en-US')} steps of paths was reached`);
  else if (more > 0) lines.push(`… and ${more} more path${more === 1 ? '' : 's'} (--max-paths 0 shows every one)`);
  return lines;
}

function grantRows(access: PrincipalAccess): AuditRow[] {
  return grantGroupsOf(access).map((grant) => ({
    principal: access.principal.ref,
    decision: grant.decision,
    action: grant.action,
    resources: grant.resources.map((resource, i) => (grant.instances.length === grant.resources.length ? grant.instances[i]!.id : resource)),
    via: pathLines(grant),
    condition: grant.decision === 'None' ? grant.restrictions.map((r) => r.message).join('; ') : [grant.condition ?? '', ...grant.restrictions.map((r) => r.message)].filter(Boolean).join('; '),
  }));
}

function escalationRows(access: PrincipalAccess, fallbackAction: string): AuditRow[] {
  return access.escalations.map((e) => ({
    principal: access.principal.ref,
    decision: 'can escalate',
    action: e.action ?? fallbackAction,
    resources: [`as ${e.reaches.ref}`],
    via: [describeEscalation(e)],
    condition: [e.decision === 'Conditional' ? e.chain.map((s) => s.condition).filter(Boolean).join('; ') : '', e.certainty === 'possible' ? 'possible' : ''].filter(Boolean).join('; '),
  }));
}

/** Every row of an answer, in the answer's order. */
export function auditRows(result: AuditResult): AuditRow[] {
  const list = result.kind === 'who-can' ? result.principals : [result.access];
  const action = result.kind === 'who-can' ? result.query.action : result.query.actionPattern;
  return list.flatMap((a) => [...grantRows(a), ...escalationRows(a, action)]);
}

/** The question, as a heading line. */
export function headline(result: AuditResult): string {
  if (result.kind === 'who-can') {
    const on = result.query.allResources ? 'every CAMS instance of the inventory' : `\`${result.query.resource}\``;
    const granted = result.principals.filter((p) => p.decision !== 'None').length;
    return `who can ${result.query.action} on ${on} (account ${result.accountId}): ${granted} of ${result.examined} principals`;
  }
  return `what ${result.query.principal} can do: ${result.query.actionPattern} (${result.query.actions.length} actions, account ${result.accountId}): ${result.access.decision}`;
}
