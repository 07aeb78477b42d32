/**
 * The access graph of an audit answer: principals, the groups they are in and the roles they
 * assume, the policies attached along the way, the granting statements, the escalation moves, the
 * control and session restrictions, and the one target (the question). Both the dot and the html
 * renderers draw this graph, so they always show the same thing. Pure: data in, data out.
 */
import { GraphBuilder, weakest } from './graph-builder.js';
import type { AccessDecision, AccessPath, AuditPrincipal, AuditResult, Escalation, EscalationStep, PolicyLocator, PrincipalAccess, Restriction, StatementLocator } from '../types.js';

/** What a node stands for; the html page gives each kind its own colour and column. */
export type GraphNodeKind = 'user' | 'role' | 'group' | 'policy' | 'statement' | 'escalation' | 'restriction' | 'target';

/**
 * How two nodes are related. `member-of` user → group; `assumes` principal → role; `attached`
 * holder → policy (with the resource-group scope in the label); `contains` policy → statement;
 * `grants` statement → target; `can-escalate-via` principal → first escalation move; `then` move →
 * next move; `yields` last move → target; `restricts` control/session policy → target.
 */
export type GraphRelation = 'member-of' | 'assumes' | 'attached' | 'contains' | 'grants' | 'can-escalate-via' | 'then' | 'yields' | 'restricts';

/** One node. `principals` are indices into `AccessGraph.principals`: whose paths go through it. */
export interface GraphNode {
  id: string;
  kind: GraphNodeKind;
  label: string;
  /** Longer text for a tooltip (ARN, version, Sid, condition). */
  detail: string;
  principals: number[];
}

/**
 * How strongly an edge holds, the best over the paths through it: `allow` outright, `conditional`
 * only under a condition (drawn dashed), `taken-away` only on paths a control or session policy
 * cancels (drawn faint).
 */
export type EdgeStrength = 'allow' | 'conditional' | 'taken-away';

/** One edge. */
export interface GraphEdge {
  from: string;
  to: string;
  relation: GraphRelation;
  /** The relation, plus what qualifies it (scope, granted actions or resources, certainty). */
  label: string;
  strength: EdgeStrength;
  principals: number[];
}

/** The graph of one audit answer. */
export interface AccessGraph {
  /** The question, in one line (`who can cams:UpdateInstance on ...`). */
  title: string;
  /** The principals answered for, in the answer's order; nodes and edges refer to them by index. */
  principals: AuditPrincipal[];
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** The id of the target node: every graph has exactly one. */
export const TARGET_ID = 'target';

/** Principals of an answer, in its order (who-can: all answered; principal-can: the one asked about). */
export function answeredPrincipals(result: AuditResult): PrincipalAccess[] {
  return result.kind === 'who-can' ? result.principals : [result.access];
}

/** The question of an answer in one line, e.g. `who can cams:UpdateInstance on acs:cams:...`. */
export function questionOf(result: AuditResult): string {
  if (result.kind === 'principal-can') return `what can ${result.query.principal} do of ${result.query.actionPattern} (account ${result.accountId})`;
  const on = result.query.allResources ? 'every instance of the inventory' : result.query.resource === '*' ? 'any resource' : result.query.resource;
  return `who can ${result.query.action} on ${on} (account ${result.accountId})`;
}

/** The target node's label: the action (pattern) and, for who-can, on what. */
function targetLabelOf(result: AuditResult): string {
  if (result.kind === 'principal-can') return `${result.query.principal}: ${result.query.actionPattern}`;
  const on = result.query.allResources ? 'every instance' : result.query.resource === '*' ? 'any resource' : shortResource(result.query.resource, undefined);
  return `${result.query.action} on ${on}`;
}

/** What to leave out of a graph meant to be looked at. */
export interface AccessGraphOptions {
  /**
   * Draw at most this many escalations per principal; the rest become one `+N more` node. A
   * principal allowed `ram:UpdateLoginProfile` on `*` can take over every user: thousands of moves
   * that no picture shows usefully. Default: all.
   */
  maxEscalationsPerPrincipal?: number;
}

/** Builds the access graph of an audit answer. */
export function accessGraphOf(result: AuditResult, options: AccessGraphOptions = {}): AccessGraph {
  const builder = new GraphBuilder();
  const answered = answeredPrincipals(result);
  builder.node(TARGET_ID, 'target', targetLabelOf(result), questionOf(result), []);
  const maxEscalations = options.maxEscalationsPerPrincipal ?? Infinity;
  answered.forEach((access, index) => addPrincipal(builder, result, access, index, maxEscalations));
  return { title: questionOf(result), principals: answered.map((a) => a.principal), nodes: builder.nodes(), edges: builder.edges() };
}

/** A principal's own node id (`user:alice`, `role:deployer`). */
export const principalNodeId = (p: Pick<AuditPrincipal, 'kind' | 'name'>) => `${p.kind}:${p.name}`;

function addPrincipal(builder: GraphBuilder, result: AuditResult, access: PrincipalAccess, index: number, maxEscalations: number): void {
  const p = access.principal;
  builder.node(principalNodeId(p), p.kind, p.ref, p.arn, [index]);
  // Grants of one class share one paths array (a who-can over 1,000 instances has 1,000 grants
  // and a handful of classes): each (paths, decision) is walked once, with all it covers.
  const classes = new Map<AccessPath[], Map<AccessDecision, string[]>>();
  const restrictions = new Set<Restriction>();
  for (const grant of access.grants) {
    // What the grants edge says it grants: which instances (who-can over the inventory) or which
    // actions (principal-can); a who-can about one resource needs no qualifier, the target says it.
    const what = result.kind === 'principal-can' ? grant.action : result.query.allResources ? shortResource(grant.resource, grant.instance?.id) : undefined;
    let byDecision = classes.get(grant.paths);
    if (!byDecision) classes.set(grant.paths, (byDecision = new Map()));
    const whats = byDecision.get(grant.decision) ?? [];
    if (what !== undefined) whats.push(what);
    byDecision.set(grant.decision, whats);
    grant.restrictions.forEach((r) => restrictions.add(r));
  }
  for (const [paths, byDecision] of classes) {
    // A grant whose decision is None still has paths: identity policies grant, a control or
    // session policy takes it away. Its edges are drawn, faint, so the reason stays visible.
    for (const [decision, whats] of byDecision) for (const path of paths) addPath(builder, path, index, whats, decision === 'None', decision === 'Conditional');
  }
  for (const restriction of restrictions) addRestriction(builder, restriction, index);
  // principal-can asks about many actions: a `yields` edge then says which one it obtains.
  const drawn = access.escalations.slice(0, maxEscalations);
  for (const escalation of drawn) addEscalation(builder, access.principal, escalation, index, result.kind === 'principal-can');
  const left = access.escalations.length - drawn.length;
  if (left > 0) {
    const id = `escalation-more:${access.principal.ref}`;
    builder.node(id, 'escalation', `+${left} more escalations`, `${left} more escalation chains of ${access.principal.ref}: see the table or --format json`, [index]);
    builder.edge(principalNodeId(access.principal), id, 'can-escalate-via', [], 'allow', index);
    builder.edge(id, TARGET_ID, 'yields', [], 'allow', index);
  }
}

function addPath(builder: GraphBuilder, path: AccessPath, index: number, whats: string[], takenAway: boolean, grantConditional: boolean): void {
  let holder = '';
  // A path through a resource-group attachment holds only for resources in the group: when the
  // grant is Conditional (the resource's group is not known, e.g. `*`), so is the path.
  const scoped = grantConditional && path.steps.some((s) => s.kind === 'resource-group' || (s.kind === 'policy' && s.policy.resourceGroup !== undefined));
  const pathStrength: EdgeStrength = takenAway ? 'taken-away' : path.decision === 'Conditional' || scoped ? 'conditional' : 'allow';
  // Every edge of the path is only as strong as the path: a faint path is faint from its start.
  const strength = (own: EdgeStrength): EdgeStrength => weakest(own, pathStrength);
  path.steps.forEach((step, i) => {
    switch (step.kind) {
      case 'principal':
        holder = principalNodeId(step.principal);
        builder.node(holder, step.principal.kind, step.principal.ref, step.principal.arn, [index]);
        break;
      case 'group': {
        const id = `group:${step.group}`;
        builder.node(id, 'group', `group/${step.group}`, `RAM user group ${step.group}`, [index]);
        builder.edge(holder, id, 'member-of', [], strength('allow'), index);
        holder = id;
        break;
      }
      case 'assume-role': {
        const id = principalNodeId(step.role);
        builder.node(id, 'role', step.role.ref, step.role.arn, [index]);
        builder.edge(holder, id, 'assumes', step.condition ? [`if ${step.condition}`] : [], strength(step.decision === 'Conditional' ? 'conditional' : 'allow'), index);
        holder = id;
        break;
      }
      case 'policy': {
        const id = policyNodeId(step.policy);
        builder.node(id, 'policy', policyLabel(step.policy), policyDetail(step.policy), [index]);
        const next = path.steps[i + 1];
        const scope = next?.kind === 'resource-group' ? next.resourceGroup : step.policy.resourceGroup;
        builder.edge(holder, id, 'attached', scope ? [`resource group ${scope}`] : [], strength('allow'), index);
        holder = id;
        break;
      }
      case 'resource-group':
        break; // folded into the `attached` edge above: the scope belongs to the attachment
      case 'statement': {
        const id = statementNodeId(step.statement);
        builder.node(id, 'statement', statementLabel(step.statement), statementDetail(step.statement, path.condition), [index]);
        builder.edge(holder, id, 'contains', [], strength('allow'), index);
        builder.edge(id, TARGET_ID, 'grants', whats, pathStrength, index);
        break;
      }
    }
  });
}

function addRestriction(builder: GraphBuilder, restriction: Restriction, index: number): void {
  const where =
    restriction.layer === 'control' ? `at ${restriction.levelName ?? `level ${restriction.level ?? '?'}`}` : restriction.layer === 'session' ? 'of the role session' : restriction.group !== undefined ? `of group ${restriction.group}` : 'of the principal';
  const names = [...new Set(restriction.statements.map((s) => s.policy.name))];
  // An identity Deny is a policy of one holder: its node is that holder's, not shared with another group's.
  const id = `restriction:${restriction.layer}:${restriction.level ?? restriction.group ?? ''}:${restriction.kind}:${names.join(',')}`;
  const what = restriction.layer === 'control' ? 'control policy' : restriction.layer === 'session' ? 'session policy' : 'identity policy';
  const label = restriction.kind === 'deny' ? `${what} ${names.join(', ')} ${where}` : `no ${what} ${where} allows it`;
  builder.node(id, 'restriction', label, restriction.message, [index]);
  builder.edge(id, TARGET_ID, 'restricts', [restriction.kind === 'deny' ? 'denies' : 'no allow'], restriction.certainty === 'possible' ? 'conditional' : 'allow', index);
}

function addEscalation(builder: GraphBuilder, principal: AuditPrincipal, escalation: Escalation, index: number, nameAction: boolean): void {
  let previous = principalNodeId(principal);
  escalation.chain.forEach((step, i) => {
    const id = escalationNodeId(step);
    builder.node(id, 'escalation', escalationLabel(step), `${step.actor.ref}: ${step.message}`, [index]);
    builder.edge(previous, id, i === 0 ? 'can-escalate-via' : 'then', [], step.decision === 'Conditional' ? 'conditional' : 'allow', index);
    previous = id;
  });
  const qualifiers = [nameAction ? escalation.action : undefined, escalation.reaches.ref === principal.ref ? undefined : `as ${escalation.reaches.ref}`];
  if (escalation.certainty === 'possible') qualifiers.push('possibly');
  const strength = escalation.decision === 'Conditional' || escalation.certainty === 'possible' ? 'conditional' : 'allow';
  builder.edge(previous, TARGET_ID, 'yields', qualifiers.filter((q): q is string => q !== undefined), strength, index);
}

/** `prod-42` for an inventory instance, else the ARN's last part (`instance/x`), `*` stays `*`. */
function shortResource(resource: string, instanceId: string | undefined): string {
  if (instanceId) return instanceId;
  const colon = resource.lastIndexOf(':');
  return colon >= 0 ? resource.slice(colon + 1) : resource;
}

const policyNodeId = (p: PolicyLocator) => `policy:${p.type}:${p.name}:${p.version ?? ''}`;
const statementNodeId = (s: StatementLocator) => `${policyNodeId(s.policy)}:${s.level ?? ''}${s.pointer}`;
const escalationNodeId = (s: EscalationStep) => `escalation:${s.actor.ref}:${s.method}:${s.target.kind}/${s.target.name}:${s.target.version ?? ''}`;

function policyLabel(p: PolicyLocator): string {
  return p.version ? `${p.name} (${p.version})` : p.name;
}

function policyDetail(p: PolicyLocator): string {
  const version = p.version ? `, version ${p.version}${p.defaultVersion === false ? ' (not the default)' : ''}` : '';
  return `${p.type} policy ${p.name}${version}`;
}

function statementLabel(s: StatementLocator): string {
  return `${s.effect} #${s.index}${s.sid ? ` ${s.sid}` : ''}`;
}

function statementDetail(s: StatementLocator, condition: string | undefined): string {
  const where = `${s.policy.name}${s.policy.version ? ` ${s.policy.version}` : ''} ${s.pointer}`;
  return condition ? `${where}, only if ${condition}` : where;
}

/**
 * The move, without its actor: one node serves every chain that makes the move (helpdesk's own
 * and eve's after she took over helpdesk), and the edge into it shows who is acting by then.
 */
function escalationLabel(step: EscalationStep): string {
  const version = step.target.version ? ` ${step.target.version}` : '';
  return `${step.action} → ${step.target.kind}/${step.target.name}${version}`;
}
