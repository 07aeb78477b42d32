/**
 * The shape of a row of the escalation moves table (`MOVES`, src/audit/moves.ts): what the move
 * needs (RAM actions on RAM resources), what it does to the account, where it is documented, and
 * the function that finds it for one actor. The search (src/audit/escalation.ts) walks the rows;
 * it knows no move by name.
 */
import type { PolicySet } from '../../policy/policy-set.js';
import type { EscalationSearch, Gain, Move, Need } from '../escalation.js';
import type { AssumeEdge } from '../roles.js';
import type { AuditPrincipal, EscalationMethod, EscalationStep } from '../types.js';
import type { AccountChange } from '../what-if.js';

/** What an acting move is told about its actor, worked out once per actor. */
export interface Actor {
  principal: AuditPrincipal;
  /** The actor's policy set (its `mayAllow` tests are memoised per set). */
  policies: PolicySet;
  /** The roles it can already assume, by ref. */
  edges: ReadonlyMap<string, AssumeEdge>;
}

/** What every row says about its move. */
interface MoveFacts {
  /** The move's id: the `method` of the step it makes. */
  id: EscalationMethod;
  /** Its row of docs/escalation-moves.md (`docs/escalation-moves.md#<id>`). */
  docs: string;
  /** The RAM (or STS) actions the actor must be allowed, every one (others a move needs only sometimes are in `description`). */
  actions: readonly string[];
  /** The RAM resources the actions are checked on, as the catalog's ARN templates write them. */
  resources: readonly string[];
  /** One line for people: what the move does. */
  description: string;
  /** Whether a step of this move leaves the escalation `possible` rather than `certain` (e.g. a password on a user with MFA). */
  possible?: (step: EscalationStep) => boolean;
}

/** A move that changes the account so that the actor itself has the permission (or a role it can then assume has it). */
export interface GivingMove extends MoveFacts {
  /** The kind of AccountChange (src/audit/what-if.ts) the changed account is judged with. */
  gives: AccountChange['kind'];
  /** The gains of the actor towards the classes it needs. */
  gains(search: EscalationSearch, actor: AuditPrincipal, need: Need): Gain[];
}

/** A move after which the actor acts as another principal: a chain may go on from there. */
export interface ActingMove extends MoveFacts {
  gives: 'act-as';
  /** Which principals it may act as: roles the actor can already assume, or users / roles it takes over. */
  targets: 'assumable' | 'user' | 'role';
  /** The moves from the actor to one target (none when the actor is not allowed it). */
  toward(search: EscalationSearch, actor: Actor, target: AuditPrincipal): Move[];
}

/** One row of the moves table. */
export type MoveRow = GivingMove | ActingMove;
