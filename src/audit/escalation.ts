/**
 * "can escalate to" (W6–W9): a principal that lacks the permission but can give it to itself, or
 * can act as a principal that has it. The moves are the rows of `MOVES` (src/audit/moves.ts), which
 * this search walks without knowing any by name. Every move is checked with the evaluator twice:
 * the actor must be allowed the RAM actions on the RAM resources it names (catalog ARN forms, W7),
 * and the account changed by the move must give the permission — with the full access model, roles
 * included (src/audit/what-if.ts) — so a control policy that blocks the permission blocks the
 * escalation too. Chains follow take-overs, role assumptions and passed roles up to
 * MAX_ESCALATION_DEPTH moves: two moves (take over, then give), a move then the roles it opens.
 *
 * One `EscalationSearch` per action audit holds what the search memoises: two audits never share it.
 */
import type { Residual } from '../decision/types.js';
import type { PolicyDocument } from '../policy/types.js';
import { and, TRUE } from '../eval/residual.js';
import { assessmentOf, evaluateFor } from './access.js';
import type { ActionAudit } from './action-audit.js';
import { JoinBound } from './join-bound.js';
import type { Candidate } from './moves/common.js';
import { documentMentions, mayAllow } from './model.js';
import { ACTING_MOVES, GIVING_MOVES, MOVE_ACTIONS, moveById, type Actor } from './moves.js';
import { sharingKey } from './sharing.js';
import type { AccessPath, AuditPrincipal, Escalation, EscalationStep } from './types.js';

/**
 * Longest escalation chain followed: up to two take-overs or assumptions, then the move that
 * grants (the roles assumed after that move, and the steps of one move such as create-user's
 * three calls, are not counted).
 */
export const MAX_ESCALATION_DEPTH = 3;

/** The actions the moves need (RAM actions that change who has which permission, sts:AssumeRole to follow roles): the cheap prefilter of `capable`. */
export const ESCALATION_ACTIONS: readonly string[] = MOVE_ACTIONS;

/** A move that lets the escalating principal act as another (take-overs, assumptions). */
export interface Move {
  step: EscalationStep;
  becomes: AuditPrincipal;
}

/**
 * The classes an escalation must give something on: `classes` where the escalating principal lacks
 * Allow; on those of `allowOnly` it is Conditional already, and only Allow is a gain there.
 */
export interface Need {
  classes: number[];
  allowOnly: ReadonlySet<number>;
}

/** Moves that end an escalation: whose access they obtain, and the steps (the move, then the roles assumed after it). */
export interface Gain {
  reaches: AuditPrincipal;
  steps: EscalationStep[];
}

/** The escalation search of one action audit. */
export class EscalationSearch {
  private readonly moves = new Map<string, unknown>();
  private readonly havings = new Map<string, Set<string>>();
  private readonly worth = new Map<string, AuditPrincipal[]>();
  /** The services each trust policy lets assume its role (pass-role), worked out once per document. */
  readonly servicesOf = new WeakMap<PolicyDocument, ReadonlySet<string>>();
  /** The groups whose policies can allow the action or `sts:AssumeRole` (add-user-to-group), listed on first use. */
  helpingGroups: ReadonlySet<string> | undefined;
  /** The policies an actor may attach (`attachable`), listed on first use. */
  candidates: Candidate[] | undefined;
  /** The bound that settles most joins without a joined account (src/audit/join-bound.ts). */
  readonly joins: JoinBound;

  constructor(readonly audit: ActionAudit) {
    this.joins = new JoinBound(audit);
  }

  /** Every escalation of `principal` towards the audit's permission, on the classes it lacks Allow on. */
  of(principal: AuditPrincipal): Escalation[] {
    const { audit } = this;
    // Every chain starts with a move of the principal's own: one that can make none has none.
    if (!this.capable(principal)) return [];
    const answers = audit.answer(principal);
    const lacking = answers.flatMap((a, i) => (a.decision === 'Allow' ? [] : [i]));
    if (lacking.length === 0) return [];
    const allowOnly = new Set(lacking.filter((i) => answers[i]!.decision === 'Conditional'));
    const out: Escalation[] = [];
    const visited = new Set([principal.ref]);
    // Each actor carries the classes still needed when it is reached: a target that has the
    // permission on some is an escalation there, and is followed further for the others only —
    // as an audit of each resource alone would do (W5).
    let frontier: { actor: AuditPrincipal; chain: EscalationStep[]; need: Need }[] = [{ actor: principal, chain: [], need: { classes: lacking, allowOnly } }];
    for (let depth = 0; depth < MAX_ESCALATION_DEPTH && frontier.length > 0; depth++) {
      const next: typeof frontier = [];
      for (const { actor, chain, need } of frontier) {
        if (!this.capable(actor)) continue;
        for (const gain of this.memoised(`self|${actor.ref}|${this.needKey(need)}`, () => GIVING_MOVES.flatMap((row) => row.gains(this, actor, need)))) out.push(escalation(audit.action, gain.reaches, [...chain, ...gain.steps]));
        if (depth + 1 >= MAX_ESCALATION_DEPTH) continue;
        for (const move of this.memoised(`takeover|${actor.ref}|${this.classesKey(need.classes)}`, () => this.takeovers(actor, need.classes))) {
          const target = move.becomes;
          if (visited.has(target.ref)) continue;
          visited.add(target.ref);
          const reached = audit.answer(target);
          // What the target gives on the classes needed: most targets (in the bench account,
          // thousands of users a helpdesk may take over) are None everywhere, and are not looked
          // at class by class; no set or array is made for a target that gives nothing.
          const gives = (i: number) => reached[i]!.decision === 'Allow' || (reached[i]!.decision === 'Conditional' && !need.allowOnly.has(i));
          const gave = this.granting(reached).length > 0 && need.classes.some(gives);
          // A target that gives nothing and can make no move of its own ends here: no chain is made for it.
          const goesOn = this.capable(target);
          if (!gave && !goesOn) continue;
          const moved = [...chain, move.step];
          // Reaching a role that has it by assumption alone is an access path, not an escalation.
          if (gave && moved.some((s) => s.method !== 'assume-role')) out.push(escalation(audit.action, target, moved));
          if (!goesOn) continue;
          // A target that gives nothing passes the need on as it is: its key is made once, not per target.
          const rest = gave ? need.classes.filter((i) => !gives(i)) : need.classes;
          if (rest.length > 0) next.push({ actor: target, chain: moved, need: rest === need.classes ? need : { classes: rest, allowOnly: need.allowOnly } });
        }
      }
      frontier = next;
    }
    return out;
  }

  /** Whether the actor's policies can allow any escalation action at all (cheap, no evaluation; memoised per attachment list). */
  capable(actor: AuditPrincipal): boolean {
    const { model } = this.audit;
    const { session } = model;
    const key = model.attachedDocuments(actor);
    let found = session.capable.get(key);
    if (found === undefined) {
      const allows = (d: (typeof key)[number]) => {
        let a = session.escalating.get(d);
        if (a === undefined) session.escalating.set(d, (a = ESCALATION_ACTIONS.some((x) => documentMentions(session, d, x).allow)));
        return a;
      };
      // Attachments first (no set built), then the real set confirms.
      found = key.some(allows) && ESCALATION_ACTIONS.some((a) => mayAllow(session, model.entry(actor).set.policies, a));
      session.capable.set(key, found);
    }
    return found;
  }

  /**
   * The moves after which the actor acts as another principal: the roles it can assume, then per
   * principal worth taking, each acting row that applies — only rows whose actions the actor's
   * policies can allow at all are tried.
   */
  private takeovers(actor: AuditPrincipal, lacking: number[]): Move[] {
    const { model } = this.audit;
    const policies = model.entry(actor).set.policies;
    const rows = ACTING_MOVES.filter((row) => row.actions.every((a) => mayAllow(model.session, policies, a)));
    const edges = new Map(model.edgesFrom(actor).map((e) => [e.to.ref, e]));
    const context: Actor = { principal: actor, policies, edges };
    const out: Move[] = [];
    for (const row of rows) if (row.targets === 'assumable') for (const edge of edges.values()) out.push(...row.toward(this, context, edge.to));
    // A role it can already assume is reached by assumption: no other move is worth reporting there.
    const forUsers = rows.filter((row) => row.targets === 'user');
    const forRoles = rows.filter((row) => row.targets === 'role');
    if (forUsers.length === 0 && forRoles.length === 0) return out;
    for (const target of this.worthTaking(lacking)) {
      if (target.ref === actor.ref || edges.has(target.ref)) continue;
      for (const row of target.kind === 'user' ? forUsers : forRoles) for (const move of row.toward(this, context, target)) out.push(move);
    }
    return out;
  }

  /** The actor allowed `action` on every ARN (with `extra` request context, e.g. `acs:Service` of ram:PassRole): the condition and the paths, or undefined. */
  permitted(actor: AuditPrincipal, action: string, arns: string[], extra?: Record<string, string>): { residual: Residual; paths: AccessPath[] } | undefined {
    const { model } = this.audit;
    const { session } = model;
    const entry = model.entry(actor);
    if (!mayAllow(session, entry.set.policies, action)) return undefined;
    // Actors whose sets match the RAM action alike share its evaluation (src/audit/sharing.ts); the
    // paths are each one's own. The shared map is found once per actor and action: the bench
    // account's helpdesk asked it for each of thousands of users, making the key each time.
    let byAction = session.permissionsOf.get(entry);
    if (!byAction) session.permissionsOf.set(entry, (byAction = new Map()));
    const asked = extra ? `${action}\u0000${JSON.stringify(extra)}` : action;
    let memo = byAction.get(asked);
    if (!memo) {
      const key = `${action}\u0000${sharingKey(session, entry, action)}${extra ? `\u0000${JSON.stringify(extra)}` : ''}`;
      memo = session.permissions.get(key);
      if (!memo) session.permissions.set(key, (memo = new Map()));
      byAction.set(asked, memo);
    }
    const assessed = (arn: string) => {
      let evaluated = memo.get(arn);
      if (evaluated === undefined && !memo.has(arn)) memo.set(arn, (evaluated = evaluateFor(entry, { principal: entry.set.principal, action, resource: arn, context: { ...session.context, ...extra } })));
      return assessmentOf(model, entry, evaluated);
    };
    // One ARN (a take-over's user, thousands per helpdesk): its condition and paths as they are, no copies.
    if (arns.length === 1) {
      const a = assessed(arns[0]!);
      return a.decision === 'None' ? undefined : { residual: a.residual ?? TRUE, paths: a.paths };
    }
    const parts: Residual[] = [];
    const paths: AccessPath[] = [];
    for (const arn of arns) {
      const a = assessed(arn);
      if (a.decision === 'None') return undefined;
      parts.push(a.residual ?? TRUE);
      paths.push(...a.paths);
    }
    return { residual: and(parts), paths };
  }

  /** The principals with Allow or Conditional on some of the given classes (memoised per classes). */
  havingAccess(classes: number[]): Set<string> {
    const key = classes.join(',');
    let found = this.havings.get(key);
    if (!found) {
      const { audit } = this;
      const wanted = new Set(classes);
      found = new Set(audit.model.principals.filter((p) => this.granting(audit.answer(p)).some((i) => wanted.has(i))).map((p) => p.ref));
      this.havings.set(key, found);
    }
    return found;
  }

  private readonly grantingClasses = new WeakMap<readonly { decision: string }[], number[]>();

  /**
   * The classes an answer is not None on, once per answer array: principals nothing allows share
   * one, and asking each of the bench account's 10,000 principals about every class cost a
   * quarter of a second per `havingAccess`.
   */
  private granting(answers: readonly { decision: string }[]): number[] {
    let found = this.grantingClasses.get(answers);
    if (!found) {
      found = [];
      for (let i = 0; i < answers.length; i++) if (answers[i]!.decision !== 'None') found.push(i);
      this.grantingClasses.set(answers, found);
    }
    return found;
  }

  /** The principals worth taking over whatever the actor: those with access on the lacking classes, or that can escalate further (memoised per classes). */
  worthTaking(classes: number[]): AuditPrincipal[] {
    const key = classes.join(',');
    let found = this.worth.get(key);
    if (!found) {
      const having = this.havingAccess(classes);
      this.worth.set(key, (found = this.audit.model.principals.filter((p) => having.has(p.ref) || this.capable(p))));
    }
    return found;
  }

  private readonly needKeys = new WeakMap<Need, string>();
  private readonly classKeys = new WeakMap<readonly number[], string>();

  /** The classes needed, and those of them where only Allow counts, as a key (once per Need: thousands of frontier entries share one). */
  private needKey(need: Need): string {
    let key = this.needKeys.get(need);
    if (key === undefined) this.needKeys.set(need, (key = `${this.classesKey(need.classes)}|${need.classes.filter((i) => need.allowOnly.has(i)).join(',')}`));
    return key;
  }

  /** A list of classes as a key (once per list). */
  private classesKey(classes: readonly number[]): string {
    let key = this.classKeys.get(classes);
    if (key === undefined) this.classKeys.set(classes, (key = classes.join(',')));
    return key;
  }

  /**
   * An actor's moves depend on the actor and the classes needed (and, for the moves that give, on
   * where only Allow counts), not on who escalates through it: computed once per key.
   */
  private memoised<T>(key: string, compute: () => T): T {
    if (!this.moves.has(key)) this.moves.set(key, compute());
    return this.moves.get(key) as T;
  }
}

function escalation(action: string, reaches: AuditPrincipal, chain: EscalationStep[]): Escalation {
  const conditional = chain.some((s) => s.decision === 'Conditional');
  // A row says which of its steps the evaluator cannot make certain (a password past MFA, a passed role).
  const possible = chain.some((s) => moveById(s.method)?.possible?.(s) === true);
  return { action, reaches, chain, decision: conditional ? 'Conditional' : 'Allow', certainty: possible ? 'possible' : 'certain' };
}
