/**
 * The escalation moves ramguard knows, as a table: one row per move, with the RAM actions it needs,
 * the RAM resources they are checked on (catalog ARN forms, W7), what it changes in the account (a
 * kind of AccountChange of src/audit/what-if.ts, or `act-as`: the actor then acts as the target),
 * its row in docs/escalation-moves.md, and the function that finds it. The search
 * (src/audit/escalation.ts) walks the rows in order: adding a move is adding a row here, its doc
 * row, and its conformance cases (test/audit/cases/moves-*.yaml). A meta-test
 * (test/audit/moves-table.test.ts) checks the doc table and this one list the same moves.
 */
import { attachToGroup, attachToRole, attachToUser } from './moves/attach.js';
import { CREATE_USER_ACTIONS, createUser } from './moves/create-user.js';
import { PASS_ROLE, passRole } from './moves/pass-role.js';
import { addUserToGroup, createPolicyVersion, setDefaultPolicyVersion } from './moves/policies.js';
import { assumeRole, createAccessKey, createLoginProfile, updateLoginProfile, updateRoleTrust } from './moves/take-over.js';
import type { ActingMove, GivingMove, MoveRow } from './moves/types.js';
import type { EscalationMethod, EscalationStep } from './types.js';

export type { Actor, ActingMove, GivingMove, MoveRow } from './moves/types.js';

/** Each row's documentation: its row of docs/escalation-moves.md, anchored by the move's id. */
const DOC = 'docs/escalation-moves.md#';
const USER = 'acs:ram:*:{#accountId}:user/{#UserName}';
const GROUP = 'acs:ram:*:{#accountId}:group/{#GroupName}';
const ROLE = 'acs:ram:*:{#accountId}:role/{#RoleName}';
const POLICY = 'acs:ram:*:{#accountId}:policy/{#PolicyName}';
const SYSTEM_POLICY = 'acs:ram:*:system:policy/{#PolicyName}';
const passwordOnMfa = (s: EscalationStep) => s.targetMfaBound === true;

/** Every move, in the order the search tries them (for one target, the first row that reaches it is the one followed). */
export const MOVES: readonly MoveRow[] = [
  // Moves that give the actor the permission (judged on the changed account, roles included).
  { id: 'attach-policy-to-user', docs: `${DOC}attach-policy-to-user`, actions: ['ram:AttachPolicyToUser'], resources: [USER, POLICY, SYSTEM_POLICY], gives: 'attach', description: 'attach a policy to itself', gains: attachToUser },
  { id: 'attach-policy-to-group', docs: `${DOC}attach-policy-to-group`, actions: ['ram:AttachPolicyToGroup'], resources: [GROUP, POLICY, SYSTEM_POLICY], gives: 'attach', description: 'attach a policy to a group it is in', gains: attachToGroup },
  { id: 'attach-policy-to-role', docs: `${DOC}attach-policy-to-role`, actions: ['ram:AttachPolicyToRole'], resources: [ROLE, POLICY, SYSTEM_POLICY], gives: 'attach', description: 'attach a policy to its own role session, or to a role it can assume and then assume it', gains: attachToRole },
  { id: 'create-policy-version', docs: `${DOC}create-policy-version`, actions: ['ram:CreatePolicyVersion'], resources: [POLICY], gives: 'default-version', description: 'create a new default version of a custom policy it or a role it can assume holds (and delete one first, with ram:DeletePolicyVersion, at 5 versions)', gains: createPolicyVersion },
  { id: 'set-default-policy-version', docs: `${DOC}set-default-policy-version`, actions: ['ram:SetDefaultPolicyVersion'], resources: [POLICY], gives: 'default-version', description: 'make another version of a custom policy it or a role it can assume holds the default', gains: setDefaultPolicyVersion },
  { id: 'add-user-to-group', docs: `${DOC}add-user-to-group`, actions: ['ram:AddUserToGroup'], resources: [USER, GROUP], gives: 'join-group', description: 'add itself to a group', gains: addUserToGroup },
  { id: 'create-user', docs: `${DOC}create-user`, actions: CREATE_USER_ACTIONS, resources: [USER, POLICY, SYSTEM_POLICY], gives: 'create-user', description: 'create a user, attach a policy to it, create its AccessKey and call as it', gains: createUser },
  // Moves after which the actor acts as another principal (followed further by the search).
  { id: 'assume-role', docs: `${DOC}assume-role`, actions: ['sts:AssumeRole'], resources: [ROLE], gives: 'act-as', targets: 'assumable', description: 'assume a role it can already assume (a hop: alone an access path)', toward: assumeRole },
  { id: 'create-access-key', docs: `${DOC}create-access-key`, actions: ['ram:CreateAccessKey'], resources: [USER], gives: 'act-as', targets: 'user', description: 'create an AccessKey for another user and call as it', toward: createAccessKey },
  { id: 'create-login-profile', docs: `${DOC}create-login-profile`, actions: ['ram:CreateLoginProfile'], resources: [USER], gives: 'act-as', targets: 'user', description: 'create a console password for another user and sign in as it', possible: passwordOnMfa, toward: createLoginProfile },
  { id: 'update-login-profile', docs: `${DOC}update-login-profile`, actions: ['ram:UpdateLoginProfile'], resources: [USER], gives: 'act-as', targets: 'user', description: 'reset the console password of another user and sign in as it', possible: passwordOnMfa, toward: updateLoginProfile },
  { id: 'update-role-trust', docs: `${DOC}update-role-trust`, actions: ['ram:UpdateRole', 'sts:AssumeRole'], resources: [ROLE], gives: 'act-as', targets: 'role', description: "rewrite a role's trust policy to trust itself, then assume the role", toward: updateRoleTrust },
  { id: 'pass-role', docs: `${DOC}pass-role`, actions: [PASS_ROLE], resources: [ROLE], gives: 'act-as', targets: 'role', description: "pass a service role to its service (with the service's own action) and act with the role's permissions through it", possible: () => true, toward: passRole },
];

/** The rows that give the actor the permission. */
export const GIVING_MOVES: readonly GivingMove[] = MOVES.filter((m): m is GivingMove => m.gives !== 'act-as');
/** The rows after which the actor acts as another principal. */
export const ACTING_MOVES: readonly ActingMove[] = MOVES.filter((m): m is ActingMove => m.gives === 'act-as');

/** The row of a move (13 rows: a scan, and no module-level map). */
export const moveById = (id: EscalationMethod): MoveRow | undefined => MOVES.find((m) => m.id === id);

/** Every action some move needs: an actor whose policies allow none of them can make no move (the search's cheap prefilter). */
export const MOVE_ACTIONS: readonly string[] = [...new Set(MOVES.flatMap((m) => m.actions))];
