/**
 * `add-user-to-group` is tried for every user that may add users to groups, with every group that
 * helps: in the README's demo account (2,000 users) about 850 users × 60 groups, each a changed
 * account built and audited — 51,000 what-if accounts, most of the audit's time (issue 13 §2),
 * and most of them give nothing.
 *
 * A bound settles most pairs without any changed account (`cannotGain`):
 * - own access: in the identity layer the joined set's condition implies the user's own OR the
 *   group's alone (RAM: any Allow, no Deny — C∧(aU∨aG)∧¬dU∧¬dG implies (C∧aU∧¬dU) ∨ (C∧aG∧¬dG)).
 *   Where neither can be Allow outright, or both are None, the joined set cannot be either;
 * - roles: the group's statements add or better only edges to the roles its `sts:AssumeRole`
 *   Allow statements name and whose trust lets the user in (a Deny only takes edges away), and the
 *   roles are as they were. Where no role those reach, in the chains the audit follows, could give
 *   the class, no route can (`edgesIrrelevant`: then the joined account keeps the account's edges).
 * Every actor the search asks about lacks the needed classes through its own roles already
 * (`EscalationSearch.of` carries only those), so the account as it is gives it nothing there.
 */
import type { Residual } from '../decision/types.js';
import { FALSE, isConstant, MAX_ENUMERATED_ATOMS, or, TRUE } from '../eval/residual.js';
import { userArn } from '../snapshot/principal.js';
import type { ActionAudit, Verdict } from './action-audit.js';
import { assumeResources, MAX_ROLE_CHAIN, trustOf } from './roles.js';
import { groupNamesPrincipal } from './sharing.js';
import type { AuditPrincipal } from './types.js';

/** The join bound of one action audit, with what it memoises. */
export class JoinBound {
  /** Per group: what its policies alone give (a user in that group only), and the roles its members may newly reach. */
  private readonly alone = new Map<string, Alone>();
  private readonly either = new WeakMap<Residual, WeakMap<Residual, boolean>>();
  /** Per user, per group: the chains of roles it may newly reach by joining. */
  private readonly firsts = new Map<string, Map<string, Chains>>();
  private readonly admitted = new Map<string, ReadonlySet<AuditPrincipal>>();

  constructor(private readonly audit: ActionAudit) {}

  /**
   * Whether `user` joining `group` certainly gains nothing on the classes needed (see the module
   * comment): the group changes no edge, and on every class the user and the group alone are
   * both None, or (where only Allow counts) their conditions ORed cannot hold outright. The user
   * lacks each class through its roles too, and the roles are as they were.
   */
  cannotGain(user: AuditPrincipal, group: string, classes: number[], allowOnly: ReadonlySet<number>): boolean {
    if (groupNamesPrincipal(this.audit.model, group)) return false;
    const alone = this.aloneOf(group);
    const chains = this.chainsOf(user, group, alone);
    const theirs = alone.verdicts;
    const mine = this.audit.ownDecisions(user);
    return classes.every((i) => {
      const a = mine[i]!;
      const b = theirs[i]!;
      const onlyAllow = allowOnly.has(i);
      if (this.reaches(chains, i, onlyAllow)) return false;
      if (!onlyAllow) return a.decision === 'None' && b.decision === 'None';
      return !this.eitherMayHold(residualOf(a), residualOf(b));
    });
  }

  /**
   * Whether the edges `group` adds or betters lead nowhere that gives the needed classes: then the
   * joined account may be audited with the account's own edges and routes (same outcome, none of
   * the joined user's edges evaluated again).
   */
  edgesIrrelevant(user: AuditPrincipal, group: string, classes: number[], allowOnly: ReadonlySet<number>): boolean {
    if (groupNamesPrincipal(this.audit.model, group)) return false;
    const alone = this.aloneOf(group);
    const chains = this.chainsOf(user, group, alone);
    return classes.every((i) => !this.reaches(chains, i, allowOnly.has(i)));
  }

  /** The chains `user` may newly reach through the group's statements: from the roles it names whose trust lets the user in (memoised per user and group; users with the same first roles share them). */
  private chainsOf(user: AuditPrincipal, group: string, alone: Alone): Chains {
    let byGroup = this.firsts.get(user.ref);
    if (!byGroup) this.firsts.set(user.ref, (byGroup = new Map()));
    let found = byGroup.get(group);
    if (!found) {
      const admitted = this.admittedOf(user);
      const first = alone.named.filter((r) => admitted.has(r));
      const key = first.map((r) => r.ref).join(',');
      found = alone.chains.get(key);
      if (!found) {
        const n = this.audit.classes.length;
        alone.chains.set(key, (found = { roles: this.chainsFrom(first), allow: new Int8Array(n).fill(-1), any: new Int8Array(n).fill(-1) }));
      }
      byGroup.set(group, found);
    }
    return found;
  }

  /** Whether a role of the chains could give class i (anything, or only Allow). */
  private reaches(chains: Chains, i: number, onlyAllow: boolean): boolean {
    const known = onlyAllow ? chains.allow : chains.any;
    if (known[i] === -1) known[i] = chains.roles.some((r) => gives(this.audit.ownDecisions(r)[i]!, onlyAllow)) ? 1 : 0;
    return known[i] === 1;
  }

  /** The roles an Allow statement of whose trust policy names the user (without one, no edge leads there); once per user. */
  private admittedOf(user: AuditPrincipal): ReadonlySet<AuditPrincipal> {
    let found = this.admitted.get(user.ref);
    if (!found) {
      const { model } = this.audit;
      const principal = model.entry(user).set.principal;
      found = new Set(model.roles().filter((r) => trustOf(model, r).matchers.some((m) => m(principal) !== undefined)));
      this.admitted.set(user.ref, found);
    }
    return found;
  }

  private aloneOf(group: string): Alone {
    let found = this.alone.get(group);
    if (found) return found;
    const { model } = this.audit;
    // A user of the account in that group alone (a name RAM would refuse, so it meets no other).
    const name = `probe:${group}`;
    const probe: AuditPrincipal = { kind: 'user', name, arn: userArn(model.snapshot, name), ref: `user/${name}` };
    const changed = model.whatIf({ ...model.snapshot, users: [...model.snapshot.users, { name, groups: [group], attachments: [] }] }, (p) => p.ref === probe.ref, { edgesUnchanged: true });
    // Built first: a principal the base account does not have has no place there (as create-user's new user).
    const entry = changed.entry(probe);
    const verdicts = this.audit.whatIf(changed).ownDecisions(probe);
    const patterns = assumeResources(model.session, entry.set.policies);
    found = { verdicts, named: model.roles().filter((r) => patterns.some((m) => m.test(r.arn))), chains: new Map() };
    this.alone.set(group, found);
    return found;
  }

  /** `mayHoldOutright(a OR b)`, memoised per pair: users and groups share their verdicts' conditions. */
  private eitherMayHold(a: Residual, b: Residual): boolean {
    let byB = this.either.get(a);
    if (!byB) this.either.set(a, (byB = new WeakMap()));
    let found = byB.get(b);
    if (found === undefined) byB.set(b, (found = mayHoldOutright(or([a, b]))));
    return found;
  }

  /** The roles of `first`, and every role those can reach in the chains the audit follows (MAX_ROLE_CHAIN assumptions in all). */
  private chainsFrom(first: AuditPrincipal[]): AuditPrincipal[] {
    const { model } = this.audit;
    let frontier = first;
    const seen = new Set(frontier);
    for (let depth = 1; depth < MAX_ROLE_CHAIN && frontier.length > 0; depth++) {
      const next: AuditPrincipal[] = [];
      for (const role of frontier) for (const edge of model.edgesFrom(role)) if (!seen.has(edge.to)) seen.add(edge.to), next.push(edge.to);
      frontier = next;
    }
    return [...seen];
  }
}

/** Roles reached from some first roles, and per class whether one could give it (-1: not yet known). */
interface Chains {
  roles: AuditPrincipal[];
  allow: Int8Array;
  any: Int8Array;
}

/** What a group gives alone, and the roles a member may reach through its statements (with the chains from them). */
interface Alone {
  verdicts: Verdict[];
  /** The roles its `sts:AssumeRole` Allow statements name: the first assumption a member may gain. */
  named: AuditPrincipal[];
  /** Per set of first roles (those of `named` whose trust lets the user in, by their refs): those and the roles they reach. */
  chains: Map<string, Chains>;
}

/** Whether a role's own verdict could end a chain that gives the class: anything, or only Allow (outright, as `holdsOutright` asks). */
const gives = (v: Verdict, onlyAllow: boolean): boolean => (onlyAllow ? v.decision === 'Allow' || (v.decision === 'Conditional' && mayHoldOutright(residualOf(v))) : v.decision !== 'None');

const residualOf = (v: Verdict): Residual => (v.decision === 'Allow' ? TRUE : v.decision === 'None' ? FALSE : (v.residual ?? TRUE));

/** Whether a condition may hold whatever the unknown keys are: a tautology, or too many atoms for `isConstant` to tell. */
function mayHoldOutright(p: Residual): boolean {
  // Counted first: a large condition is settled by its count alone, and numbering its atoms for
  // `isConstant` (which gives up past MAX_ENUMERATED_ATOMS anyway) was most of the bound's time.
  return leaves(p) > MAX_ENUMERATED_ATOMS || isConstant(p) === true;
}

/** The atoms (conditions, resource groups) of a condition, each occurrence counted: at least as many as `isConstant` tells apart. */
function leaves(p: Residual): number {
  if (p.kind === 'condition' || p.kind === 'resource-group') return 1;
  if (p.kind === 'and' || p.kind === 'or') return p.of.reduce((n, q) => n + leaves(q), 0);
  return p.kind === 'not' ? leaves(p.of) : 0;
}
