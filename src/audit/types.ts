/**
 * The answers of `whoCan` and `principalCan`: for each principal of an account snapshot, whether
 * it may perform an action (Allow, Conditional with the residual condition, or not at all), every
 * path through which the permission reaches it, what control and session policies take away, and
 * how principals that lack the permission can escalate to it. Plain data (JSON-serialisable), the
 * contract every renderer (table, json, csv, markdown, dot, html) reads.
 *
 * Stability: fields are only ever added. Renderers may rely on every field documented here.
 */
import type { Layer, Residual } from '../decision/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Effect } from '../policy/types.js';
import type { PolicyType } from '../snapshot/types.js';
import type { AccountRoot, ExternalAccess } from './external.js';

/** The answer for one principal (and one action on one resource): granted, granted under a condition, or not. */
export type AccessDecision = 'Allow' | 'Conditional' | 'None';

/** A principal of the snapshot that can make requests. Groups are not principals (they act through their users). */
export interface AuditPrincipal {
  kind: 'user' | 'role';
  name: string;
  /** `acs:ram::<account>:user/<name>` or the role's ARN (see `roleArn`). */
  arn: string;
  /** `user/<name>` or `role/<name>`: the form `--principal` takes. */
  ref: string;
}

/** A policy as it takes part in a decision. */
export interface PolicyLocator {
  /** The policy's own name (a trust policy: the role's name; a control policy: its name). */
  name: string;
  /** `Custom` / `System` RAM policy, a role's `TrustPolicy`, a Resource Directory `ControlPolicy`, a `SessionPolicy`. */
  type: PolicyType | 'TrustPolicy' | 'ControlPolicy' | 'SessionPolicy';
  /** For a custom RAM policy: the version (`v1`, ...) the statement comes from. */
  version?: string;
  /** Whether `version` is the policy's default version (the only one in force). Custom policies only. */
  defaultVersion?: boolean;
  /** JSON Pointer of the attachment in the snapshot (`/users/0/attachments/1`), or of the trust policy. */
  attachmentPointer?: string;
  /** The resource group the attachment is scoped to; undefined = account scope. */
  resourceGroup?: string;
}

/** One statement of one policy, precisely located. */
export interface StatementLocator {
  policy: PolicyLocator;
  /** The evaluator's layer the statement was evaluated in. */
  layer: Layer;
  /** Control policies: the Resource Directory level, 0 = Root folder. */
  level?: number;
  /** 0-based index of the statement in its document. */
  index: number;
  sid?: string;
  effect: Effect;
  /** JSON Pointer of the statement inside its policy document, e.g. `/Statement/1`. */
  pointer: string;
  /**
   * JSON Pointer of the statement inside the snapshot file when the document lives there (custom
   * policies, trust policies, the snapshot's own system and control policies); undefined for a
   * system policy taken from ramguard's built-in catalog.
   */
  snapshotPointer?: string;
}

/** The principal itself: the first step of every path. */
export interface PrincipalStep {
  kind: 'principal';
  principal: AuditPrincipal;
}

/** Membership of the user (previous step) in a group. */
export interface GroupStep {
  kind: 'group';
  group: string;
  /** JSON Pointer of the membership in the snapshot (`/users/3/groups/0`). */
  pointer: string;
}

/**
 * The previous principal assumes a role: both halves of `sts:AssumeRole` are recorded — the
 * identity statements of the caller that allow `sts:AssumeRole` on the role's ARN, and the trust
 * policy statements of the role that trust the caller.
 */
export interface AssumeRoleStep {
  kind: 'assume-role';
  role: AuditPrincipal;
  /** The caller's Allow statements that grant `sts:AssumeRole` on the role (with how they reach the caller). */
  identityStatements: StatementLocator[];
  /** The role's trust-policy statements that trust the caller. */
  trustStatements: StatementLocator[];
  /** Allow, or Conditional when either half depends on unknown context. */
  decision: 'Allow' | 'Conditional';
  residual?: Residual;
  /** `residual` rendered for people. */
  condition?: string;
}

/** A policy attached to the previous holder (principal, group, or role). */
export interface PolicyStep {
  kind: 'policy';
  policy: PolicyLocator;
}

/** The attachment of the previous policy step is scoped to a resource group: it applies only to resources in it. */
export interface ResourceGroupStep {
  kind: 'resource-group';
  resourceGroup: string;
  /** The group's display name, when the snapshot records it. */
  name?: string;
}

/** The statement that grants (last step of a path). */
export interface StatementStep {
  kind: 'statement';
  statement: StatementLocator;
}

/** One node of an access path, in order from the principal to the granting statement. */
export type PathStep = PrincipalStep | GroupStep | AssumeRoleStep | PolicyStep | ResourceGroupStep | StatementStep;

/**
 * One way the permission reaches a principal, e.g.
 * `user alice → group ops → policy OpsAdmin (v2) → statement /Statement/0`, or
 * `user bob → assumes role deployer → policy Deploy → statement /Statement/1`.
 */
export interface AccessPath {
  /** `direct` (own attachment), `group` (via a group of the user), `role` (via one or more role assumptions). */
  via: 'direct' | 'group' | 'role';
  /** Starts with a `principal` step, ends with a `statement` step. */
  steps: PathStep[];
  /** Whether the granting statement applies outright or under a condition on unknown context. */
  decision: 'Allow' | 'Conditional';
  /** The statement's (and, through roles, the assumptions') condition when Conditional. */
  residual?: Residual;
  condition?: string;
}

/**
 * What takes away what identity policies grant: a control policy level, the session policy, or an
 * identity policy's own Deny (the principal's, or its group's: `layer: 'identity'`, with `group`).
 */
export interface Restriction {
  layer: 'control' | 'session' | 'identity';
  /** Control policies: the Resource Directory level (0 = Root folder) and its name. */
  level?: number;
  levelName?: string;
  /** An identity Deny attached to a group of the user: the group's name. */
  group?: string;
  /** `deny`: a Deny statement applies; `no-allow`: the level has no Allow for the request (RAM's implicit deny). */
  kind: 'deny' | 'no-allow';
  /** The denying statements (for `deny`); empty for `no-allow`. */
  statements: StatementLocator[];
  /** `certain`: it takes the permission away; `possible`: it does under unknown context. */
  certainty: 'certain' | 'possible';
  /** A sentence for people. */
  message: string;
}

/** One request and the principal's answer for it, with the paths that grant and what is taken away. */
export interface ResourceGrant {
  /** The action, e.g. `cams:UpdateInstance`. */
  action: string;
  /** The resource ARN asked about, or `*` for "any resource" reasoning. */
  resource: string;
  /** The inventory instance behind `resource`, when there is one. */
  instance?: { id: string; region: string; resourceGroup?: string; tags?: Record<string, string> };
  decision: AccessDecision;
  /** For Conditional: allowed exactly when this holds (the evaluator's residual, across paths). */
  residual?: Residual;
  condition?: string;
  /** Every path that grants (directly or through roles). Empty when the decision is None. */
  paths: AccessPath[];
  /**
   * Set when `paths` was cut to a maximum (see `limitPaths`): how many paths grant in all. Role
   * chains multiply paths (a user who may assume 20 roles, each reachable two ways, ...), so the
   * CLI shows the shortest few by default.
   */
  pathCount?: number;
  /**
   * `pathCount` is a lower bound: `whoCan` with `maxPaths` walks chains of roles only until enough
   * paths are kept (a mesh of N roles has N³ chains), so there are at least this many.
   */
  pathCountAtLeast?: true;
  /** What control and session policies, and identity Denies, take away (why an identity grant does not count, or may not). */
  restrictions: Restriction[];
}

/**
 * The grants of one principal on a set of resources that share one answer (a resource class of the
 * audit, or several with the same answer): a `ResourceGrant` with the list of resources instead of
 * one. `whoCan`/`principalCan` with `grantsPer: 'class'` store these instead of one grant per
 * resource (an account of 10,000 principals × 1,000 instances: a few thousand, not 660,000).
 * `resources` and `instances` may be shared between principals: never change them.
 */
export interface ClassGrant extends Omit<ResourceGrant, 'resource' | 'instance'> {
  /** The resource ARNs (or `*`), in the answer's order. */
  resources: string[];
  /** The inventory instances behind them, where there are any. */
  instances: NonNullable<ResourceGrant['instance']>[];
}

/** The privilege-escalation moves ramguard knows, with the RAM action each needs (the table: `MOVES` of src/audit/moves.ts). */
export type EscalationMethod =
  | 'attach-policy-to-user' // ram:AttachPolicyToUser
  | 'attach-policy-to-group' // ram:AttachPolicyToGroup
  | 'attach-policy-to-role' // ram:AttachPolicyToRole
  | 'create-policy-version' // ram:CreatePolicyVersion (with SetAsDefault)
  | 'set-default-policy-version' // ram:SetDefaultPolicyVersion
  | 'add-user-to-group' // ram:AddUserToGroup
  | 'update-role-trust' // ram:UpdateRole (NewAssumeRolePolicyDocument)
  | 'create-access-key' // ram:CreateAccessKey
  | 'create-login-profile' // ram:CreateLoginProfile
  | 'update-login-profile' // ram:UpdateLoginProfile
  | 'assume-role' // sts:AssumeRole (a hop to a role the principal can already assume)
  | 'create-user' // ram:CreateUser (then attach-policy-to-user and create-access-key on the new user)
  | 'pass-role'; // ram:PassRole to a service (with the service's action that takes the role)

/** One move of an escalation chain. */
export interface EscalationStep {
  method: EscalationMethod;
  /** The RAM (or STS) action the move calls, e.g. `ram:AttachPolicyToUser`. */
  action: string;
  /** The resource ARN the action is called on, e.g. `acs:ram::123:user/alice`. */
  resource: string;
  /** Who makes the move (the escalating principal, or a principal reached by an earlier step). */
  actor: AuditPrincipal;
  /** What the move changes, e.g. the user, group, role or policy acted on. */
  target: { kind: 'user' | 'group' | 'role' | 'policy'; name: string; version?: string };
  /** How the actor is allowed the action (its own paths). */
  grantedBy: AccessPath[];
  decision: 'Allow' | 'Conditional';
  residual?: Residual;
  condition?: string;
  /** A sentence for people: what the move does and why it yields the permission. */
  message: string;
  /** A password move onto a user with an MFA device bound: the password alone may not sign in. */
  targetMfaBound?: boolean;
  /** A pass-role move: the service principal the role is passed to, e.g. `ecs.aliyuncs.com` (the service then acts with the role's permissions). */
  service?: string;
}

/** "can escalate to": a principal without the permission that can obtain it, with the chain of moves. */
export interface Escalation {
  /** The action the escalation obtains (principal-can asks about several); always set by whoCan and principalCan. */
  action?: string;
  /** Whose access is obtained: the principal itself (it grants itself) or another principal it takes over. */
  reaches: AuditPrincipal;
  /** The moves in order; the last leaves the escalating principal with the permission. */
  chain: EscalationStep[];
  /** Allow when every move is certain; Conditional when one depends on unknown context. */
  decision: 'Allow' | 'Conditional';
  /**
   * `certain`: the moves give the permission (each was checked with the evaluator). `possible`:
   * a move signs in with a console password as a user that has an MFA device bound, which a
   * password alone may not get past, or passes a role to a service, which then acts with the
   * role's permissions only as far as the principal can make it call them (W33).
   */
  certainty: 'certain' | 'possible';
}

/** One principal's answer in `whoCan`, or the single principal of `principalCan`. */
export interface PrincipalAccess {
  principal: AuditPrincipal;
  /** The best decision over the grants: Allow if any grant is Allow, else Conditional if any is, else None. */
  decision: AccessDecision;
  /**
   * One entry per (action, resource) asked about where the decision is Allow or Conditional, and
   * where it is None only because a control or session policy takes an identity grant away (then
   * `restrictions` says which).
   */
  grants: ResourceGrant[];
  /**
   * The same grants per resource class, when the question asked for them (`grantsPer: 'class'`):
   * then `grants` is empty. The renderers read either (see `grantGroupsOf`).
   */
  classGrants?: ClassGrant[];
  /** How the principal can escalate to the permission it lacks (not Allow) on some resource asked about. */
  escalations: Escalation[];
}

/** The question of `whoCan`. */
export interface WhoCanQuery {
  action: string;
  /** The resource ARN; `*` when neither it nor `allResources` was given. */
  resource: string;
  /** Every CAMS instance of the inventory, each with its region, resource group and tags. */
  allResources: boolean;
  context: Record<string, string | string[]>;
  /** How many resources were asked about (the inventory's instances with `allResources`, else 1). */
  resourceCount?: number;
}

/** The question of `principalCan`. */
export interface PrincipalCanQuery {
  /** `user/NAME` or `role/NAME`. */
  principal: string;
  /** An action or wildcard pattern, expanded against the catalog; default `cams:*`. */
  actionPattern: string;
  /** The actions the pattern expanded to. */
  actions: string[];
  /** How many CAMS instances the inventory lists (what an instance action is asked about). */
  inventorySize?: number;
  context: Record<string, string | string[]>;
}

/** Bounds the analysis kept to, reported so the answer says what it did not explore. */
export interface AuditLimits {
  /** Longest chain of role assumptions followed (user → role → role ...). */
  maxRoleChainDepth: number;
  /** Longest escalation chain followed. */
  maxEscalationDepth: number;
}

/** The answer of `whoCan`. */
export interface WhoCanResult {
  kind: 'who-can';
  accountId: string;
  query: WhoCanQuery;
  /**
   * Principals with Allow, then Conditional access; then principals that can only escalate; then
   * principals whose identity policies grant but a control or session policy takes it away
   * (decision None, grants with decision None and their `restrictions`). Users before roles.
   */
  principals: PrincipalAccess[];
  /** How many principals were examined (users + roles). */
  examined: number;
  /**
   * Principals outside the account's RAM identities that a role with access trusts: other
   * accounts, their users and roles, identity providers, cloud services (W21).
   */
  external?: ExternalAccess[];
  /** The account itself, which RAM and control policies do not restrict (W22): listed once, as such. */
  accountRoot?: AccountRoot;
  limits: AuditLimits;
  /** Non-fatal findings (e.g. an unknown-context key the question left open). */
  diagnostics: Diagnostic[];
}

/** The answer of `principalCan`. */
export interface PrincipalCanResult {
  kind: 'principal-can';
  accountId: string;
  query: PrincipalCanQuery;
  /** The principal, every (action, resource) it may perform, and its escalations. */
  access: PrincipalAccess;
  limits: AuditLimits;
  diagnostics: Diagnostic[];
}

/** Either answer, as the renderers take it. */
export type AuditResult = WhoCanResult | PrincipalCanResult;
