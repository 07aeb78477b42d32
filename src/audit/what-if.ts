/**
 * The account an escalation move leaves (W6): the snapshot with the one change the move makes — a
 * policy attached to a user, group or role, a custom policy's default version replaced, a user
 * added to a group, a new user created with a policy attached — audited with the full access
 * model: the actor's own policies and its groups, and every chain of roles it can then assume.
 * Issue 13: a user whose group denies the action can attach AdministratorAccess to himself and
 * then assume a role that has the action, whose session does not carry the group's Deny; looking
 * only at the actor's own policies missed him.
 */
import type { Residual } from '../decision/types.js';
import { or, TRUE } from '../eval/residual.js';
import type { AccountSnapshot, Attachment, PolicyVersion } from '../snapshot/types.js';
import type { ActionAudit } from './action-audit.js';
import type { PolicyDocument } from '../policy/types.js';
import { documentMentions, documentsFor, type AuditModel } from './model.js';
import { ASSUME, assumeResources, LazyList, type RoleRoute } from './roles.js';
import type { AuditPrincipal } from './types.js';

/** What a move changes in the account. */
export type AccountChange =
  | { kind: 'attach'; holder: { kind: 'user' | 'group' | 'role'; name: string }; policy: Pick<Attachment, 'policy' | 'type'> }
  | { kind: 'default-version'; policy: string; version: PolicyVersion }
  /** `keepsEdges`: the edges the group adds lead nowhere that matters (`JoinBound.edgesIrrelevant`): audit with the account's own. */
  | { kind: 'join-group'; user: string; group: string; keepsEdges?: boolean }
  /** A user that is not in the account, created with one policy attached and in no group. */
  | { kind: 'create-user'; user: string; policy: Pick<Attachment, 'policy' | 'type'> };

/** What the changed account gives the actor on one class. */
export interface Outcome {
  /** The chain of roles the actor then assumes; undefined: its own policies (and groups) give it. */
  route?: RoleRoute;
  /** The condition of the access itself (the actor's own, or the last role's), without the route's assumptions. */
  residual: Residual;
  /** Allow when the access AND the route's assumptions hold outright. */
  decision: 'Allow' | 'Conditional';
}

/** One option (e.g. a policy to attach) with what it gives, on the classes it was chosen for. */
export interface Chosen<T> {
  option: T;
  route?: RoleRoute;
  /** OR over those classes of the access's own condition. */
  residual: Residual;
  classes: number[];
}

/** The account `model` stands for, changed: only the principals whose policies the change touches are built again. */
export function applyChange(model: AuditModel, change: AccountChange): AuditModel {
  const { snapshot, session } = model;
  // Documents that cannot match sts:AssumeRole (Allow or Deny, Action or NotAction) change no edge.
  const assumeFree = (documents: PolicyDocument[]) => documents.every((d) => !documentMentions(session, d, ASSUME).any);
  // A copy with one item replaced: slice copies the array in one go (a map ran a callback for each of 2,000 users, 12,000 times in the demo).
  const at = <T>(list: readonly T[], index: number, item: T): T[] => {
    const copy = list.slice();
    copy[index] = item;
    return copy;
  };
  switch (change.kind) {
    case 'attach': {
      const { holder } = change;
      const attach = <H extends { attachments: Attachment[] }>(h: H): H => ({ ...h, attachments: [...h.attachments, { policy: change.policy.policy, type: change.policy.type }] });
      if (holder.kind === 'group') {
        const groups = snapshot.groups.map((g) => (g.name === holder.name ? attach(g) : g));
        return model.whatIf({ ...snapshot, groups }, (p) => p.kind === 'user' && snapshot.users[model.indexOf(p.ref)]!.groups.includes(holder.name), { edgesUnchanged: assumeFree(documentsFor(model, change.policy)) });
      }
      const ref = `${holder.kind}/${holder.name}`;
      const index = model.indexOf(ref);
      const changed: AccountSnapshot = holder.kind === 'user' ? { ...snapshot, users: at(snapshot.users, index, attach(snapshot.users[index]!)) } : { ...snapshot, roles: at(snapshot.roles, index, attach(snapshot.roles[index]!)) };
      return model.whatIf(changed, (p) => p.ref === ref, { edgesUnchanged: assumeFree(documentsFor(model, change.policy)) });
    }
    case 'default-version': {
      const { version } = change;
      const policies = snapshot.policies.map((p) => (p.name === change.policy ? { ...p, versions: p.versions.some((v) => v.id === version.id) ? p.versions : [...p.versions, version], defaultVersion: version.id } : p));
      // Every holder of the policy changes, roles included: a role the actor can assume may gain it.
      const before = documentsFor(model, { policy: change.policy, type: 'Custom' });
      return model.whatIf({ ...snapshot, policies }, (p) => model.holdsCustom(p, change.policy), { edgesUnchanged: assumeFree([...before, version.document]) });
    }
    case 'join-group': {
      const ref = `user/${change.user}`;
      const index = model.indexOf(ref);
      const user = snapshot.users[index]!;
      const joined = (model.index.group(change.group)?.attachments ?? []).flatMap((a) => documentsFor(model, a));
      const unchanged = change.keepsEdges === true || assumeFree(joined);
      const fresh = unchanged ? undefined : freshEdgesOf(model, joined);
      return model.whatIf({ ...snapshot, users: at(snapshot.users, index, { ...user, groups: [...user.groups, change.group] }) }, (p) => p.ref === ref, { edgesUnchanged: unchanged, ...(fresh ? { freshEdges: fresh } : {}), joined: { ref, group: change.group } });
    }
    case 'create-user': {
      // Appended last: every other principal keeps its place, and only the new one is built.
      const ref = `user/${change.user}`;
      const user = { name: change.user, groups: [], attachments: [{ policy: change.policy.policy, type: change.policy.type }] };
      return model.whatIf({ ...snapshot, users: [...snapshot.users, user] }, (p) => p.ref === ref);
    }
  }
}

/**
 * The roles a principal's new documents can add or better an edge to: those their `sts:AssumeRole`
 * Allow statements name. Undefined (every edge evaluated again) when one of them has a Deny that can
 * match `sts:AssumeRole`, which may take any edge away.
 */
function freshEdgesOf(model: AuditModel, documents: PolicyDocument[]): ReadonlySet<number> | undefined {
  const { session } = model;
  if (documents.some((d) => deniesAssume(session, d))) return undefined;
  const patterns = assumeResources(session, { control: [], identity: documents.map((document) => ({ name: '', document })), resourceGroup: [], resource: [] });
  const roles = model.roles();
  return new Set(roles.flatMap((r, k) => (patterns.some((m) => m.test(r.arn)) ? [k] : [])));
}

function deniesAssume(session: AuditModel['session'], document: PolicyDocument): boolean {
  let found = session.deniesAssume.get(document);
  if (found === undefined) session.deniesAssume.set(document, (found = document.statements.some((s) => s.effect === 'Deny' && documentMentions(session, { ...document, statements: [s] }, ASSUME).any)));
  return found;
}

/**
 * Per class, the best the changed account gives the actor: its own access first, then each chain of
 * roles, shortest first; Allow before Conditional. On a class of `allowOnly` (the escalating
 * principal is Conditional there already) only Allow counts: the same Conditional through the same
 * role is no escalation.
 */
export function outcomesIn(audit: ActionAudit, model: AuditModel, actor: AuditPrincipal, classes: number[], allowOnly: ReadonlySet<number>): Map<number, Outcome> {
  const out = new Map<number, Outcome>();
  // Neither the action nor a role to assume: its answer is None (no Allow statement, no Allow).
  // From the attachments alone: the joined user's set is built only when something asks for it
  // (`ownDecisions` shares most joined users' answers without one, issue 13 §2).
  if (!model.mayAllowCheap(actor, audit.action) && !model.mayAllowCheap(actor, ASSUME)) return out;
  const whatIf = audit.whatIf(model);
  const own = whatIf.ownDecisions(actor);
  // A change that leaves every edge as it was leaves every route too: the real account's, walked once.
  const routeList = () => (model.edgesUnchanged ? audit.routeList(actor) : new LazyList(whatIf.routes(actor)));
  const bests: (Outcome | undefined)[] = [];
  const walk: number[] = [];
  for (const i of classes) {
    const mine = own[i]!;
    const best: Outcome | undefined = mine.decision === 'Allow' ? { residual: TRUE, decision: 'Allow' } : mine.decision === 'Conditional' ? { residual: mine.residual ?? TRUE, decision: 'Conditional' } : undefined;
    bests[i] = best;
    // A route can only better what the actor has when some role could give more: Allow when the
    // actor is Conditional already, anything when it has nothing. Most classes of most what-if
    // accounts have no such role, and their routes are never walked (issue 13 §2).
    if (best === undefined ? whatIf.roleMayGive(i) : best.decision !== 'Allow' && whatIf.roleMayAllow(i)) walk.push(i);
  }
  // A route that gives Allow betters anything; one that gives Conditional, only nothing.
  const reached = walk.length > 0 ? whatIf.bestRoutes(routeList(), walk) : undefined;
  for (const i of classes) {
    const via = reached?.get(i);
    const best = via && (via.decision === 'Allow' || bests[i] === undefined) ? via : bests[i];
    if (best && (best.decision === 'Allow' || !allowOnly.has(i))) out.set(i, best);
  }
  return out;
}

/**
 * Per class, the first option whose changed account gives Allow there, else the first that gives
 * Conditional; options are tried in order until every class has an Allow. Each option is returned
 * once per way it gives (own access, or a chain of roles) with the classes it was chosen for: per
 * class, the choice is the same whether the audit asks about one resource or every one (W5).
 */
export function choose<T>(classes: number[], options: Iterable<T>, outcomes: (option: T, open: number[]) => Map<number, Outcome>): Chosen<T>[] {
  const allowed = new Map<number, [number, T, Outcome]>();
  const conditional = new Map<number, [number, T, Outcome]>();
  let k = 0;
  for (const option of options) {
    const open = classes.filter((i) => !allowed.has(i));
    if (open.length === 0) break;
    for (const [i, outcome] of outcomes(option, open)) {
      if (outcome.decision === 'Allow') allowed.set(i, [k, option, outcome]);
      else if (!conditional.has(i)) conditional.set(i, [k, option, outcome]);
    }
    k++;
  }
  type Group = { k: number; option: T; route?: RoleRoute; residuals: Residual[]; classes: number[] };
  // Per option, per route (undefined: own access): maps rather than a string key made per class.
  const groups = new Map<number, Map<RoleRoute | undefined, Group>>();
  const made: Group[] = [];
  for (const i of classes) {
    const picked = allowed.get(i) ?? conditional.get(i);
    if (!picked) continue;
    const [index, option, outcome] = picked;
    const route = outcome.route;
    let byRoute = groups.get(index);
    if (!byRoute) groups.set(index, (byRoute = new Map()));
    let group = byRoute.get(route);
    if (!group) {
      byRoute.set(route, (group = { k: index, option, ...(route ? { route } : {}), residuals: [], classes: [] }));
      made.push(group);
    }
    group.residuals.push(outcome.residual);
    group.classes.push(i);
  }
  // A stable sort of the groups in the order they were made: ties keep their first class's order.
  return made.sort((a, b) => a.k - b.k).map((g) => ({ option: g.option, ...(g.route ? { route: g.route } : {}), residual: or(g.residuals), classes: g.classes }));
}
