/**
 * From "principal X of this account" to the PolicySet the evaluator takes: the Resource Directory
 * levels' control policies, the identity policies attached to the principal (and, for a user, to
 * each of its groups) at account scope and at resource-group scope — the default version of each
 * custom policy, never another — and, for `sts:AssumeRole` on a role of the account, that role's
 * trust policy. Every policy of the set comes with its source: the attachment path that put it
 * there, for explanations and, later, path reporting.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { closest, didYouMean } from '../catalog/suggest.js';
import type { Layer, StatementRef } from '../decision/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { RequestPrincipal } from '../request/types.js';
import { emptyPolicySet, type PolicySet } from '../policy/policy-set.js';
import { AccountIndex, attachedDocument, type SnapshotIndex } from './account-index.js';
import type { AccountSnapshot, Attachment, PolicyType, SnapshotRole } from './types.js';

/** Who or what a policy is attached to, on the way from the principal to the policy. */
export interface PolicyHolder {
  kind: 'user' | 'group' | 'role' | 'directory-level';
  name: string;
}

/** Where one policy of the set came from. `layer`, `level`, `resourceGroup` and `name` identify it in the set. */
export interface PolicyOrigin {
  layer: Exclude<Layer, 'session'>;
  /** The name the policy has in the set (and in explanations). */
  name: string;
  /** Control policies: the Resource Directory level, 0 = Root folder. */
  level?: number;
  resourceGroup?: string;
  /** From the principal to the holder of the attachment: `[user]`, `[user, group]`, `[role]`, `[level]`. */
  path: PolicyHolder[];
  /** The policy: its name, type (a role's trust policy is its own kind), and for a custom RAM policy the version in force. */
  policy: { name: string; type: PolicyType | 'TrustPolicy'; version?: string };
  /** JSON Pointer of the attachment (or of the trust policy) in the snapshot. */
  pointer: string;
}

/** A principal of the snapshot, ready to evaluate. */
export interface PrincipalPolicySet {
  principal: RequestPrincipal & { arn: string };
  policies: PolicySet;
  sources: PolicyOrigin[];
}

/** A user's ARN: `acs:ram::<accountId>:user/<name>`. */
export function userArn(snapshot: Pick<AccountSnapshot, 'accountId'>, name: string): string {
  return `acs:ram::${snapshot.accountId}:user/${name}`;
}

/**
 * A role's ARN: as the snapshot records it, else `acs:ram::<accountId>:role/<name in lower
 * case>` — the form Alibaba's own control-policy examples match role sessions with (semantics A2).
 */
export function roleArn(snapshot: Pick<AccountSnapshot, 'accountId'>, role: Pick<SnapshotRole, 'name' | 'arn'>): string {
  return role.arn ?? `acs:ram::${snapshot.accountId}:role/${role.name.toLowerCase()}`;
}

const problem = (code: DiagnosticCode, message: string, help?: string): Diagnostic => ({ code, severity: 'error', message, path: '', ...(help ? { help } : {}) });

/** How `policySetFor` builds a set. */
export interface PolicySetOptions {
  /** The request's resource: a role of the account named by it adds its trust policy. */
  resource?: string;
  /** The snapshot's index, when the caller keeps one (`new AccountIndex(snapshot)`); else one is built. */
  index?: SnapshotIndex;
  /** `false`: leave the control levels out (a caller that adds the same levels to every set itself). */
  control?: boolean;
}

/**
 * The policy set of `user/NAME` or `role/NAME`. With `resource` (the request's resource), a role
 * of the account named by it adds its trust policy, which `sts:AssumeRole` needs.
 */
export function policySetFor(snapshot: AccountSnapshot, ref: string, options: PolicySetOptions = {}): { result?: PrincipalPolicySet; diagnostics: Diagnostic[] } {
  const match = /^(user|role|group)\/(.+)$/.exec(ref);
  if (!match) return { diagnostics: [problem('invalid-principal', `\`${ref}\` is not \`user/NAME\` or \`role/NAME\``, 'e.g. `user/alice` or `role/deployer`')] };
  const [, kind, name] = match as unknown as [string, 'user' | 'role' | 'group', string];
  if (kind === 'group') {
    const members = snapshot.users.filter((u) => u.groups.includes(name)).map((u) => `\`user/${u.name}\``);
    return { diagnostics: [problem('invalid-principal', `a group is not a principal: \`${ref}\` cannot make a request`, members.length > 0 ? `RAM applies a group's policies to its users; name one of them: ${members.join(', ')}` : "RAM applies a group's policies to its users; name a user")] };
  }
  const accountIndex = options.index && options.index.account === snapshot ? options.index : new AccountIndex(snapshot);
  const index = accountIndex.indexOf(kind === 'user' ? 'users' : 'roles', name);
  if (index < 0) {
    const names = (kind === 'user' ? snapshot.users : snapshot.roles).map((p) => p.name);
    const near = closest(name, names).map((n) => `${kind}/${n}`);
    return { diagnostics: [problem('unknown-principal', `the snapshot has no ${kind} \`${name}\``, didYouMean(near) ?? `its ${kind}s are ${names.map((n) => `\`${n}\``).join(', ') || 'none'}`)] };
  }
  const builder = new SetBuilder(snapshot, accountIndex);
  // Control policies do not apply to service-linked roles (W20).
  if (options.control !== false && !(kind === 'role' && snapshot.roles[index]!.serviceLinked === true)) builder.addControl();
  let principal: PrincipalPolicySet['principal'];
  if (kind === 'user') {
    const user = snapshot.users[index]!;
    principal = { type: 'RamUser', arn: userArn(snapshot, user.name) };
    const self = { kind: 'user', name: user.name } as const;
    builder.addAttachments(user.attachments, [self], `/users/${index}/attachments`);
    for (const group of user.groups) {
      const g = accountIndex.indexOf('groups', group);
      if (g >= 0) builder.addAttachments(snapshot.groups[g]!.attachments, [self, { kind: 'group', name: group }], `/groups/${g}/attachments`);
      else builder.diagnostics.push(problem('unknown-group', `user \`${user.name}\` is in group \`${group}\`, which the snapshot does not define`));
    }
  } else {
    const role = snapshot.roles[index]!;
    // A snapshot holds no sessions: the session is named by its role's ARN (semantics A1).
    principal = { type: 'AssumedRole', arn: roleArn(snapshot, role) };
    builder.addAttachments(role.attachments, [{ kind: 'role', name: role.name }], `/roles/${index}/attachments`);
  }
  if (options.resource !== undefined) builder.addTrustPolicy(options.resource);
  if (builder.diagnostics.length > 0) return { diagnostics: builder.diagnostics };
  return { result: { principal, policies: builder.policies, sources: builder.sources }, diagnostics: [] };
}

/** The source of the policy a statement reference points at (e.g. a deciding statement). */
export function findOrigin(sources: readonly PolicyOrigin[], ref: Pick<StatementRef, 'layer' | 'policy' | 'level' | 'resourceGroup'>): PolicyOrigin | undefined {
  return sources.find((s) => s.layer === ref.layer && s.name === ref.policy && s.level === ref.level && s.resourceGroup === ref.resourceGroup);
}

/** Accumulates one principal's policy set and sources. */
class SetBuilder {
  readonly policies = emptyPolicySet();
  readonly sources: PolicyOrigin[] = [];
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly snapshot: AccountSnapshot,
    private readonly index: SnapshotIndex,
  ) {}

  /** Every Resource Directory level, Root folder first: its control policies. */
  addControl(): void {
    const directory = this.snapshot.resourceDirectory;
    directory?.path.forEach((level, i) => {
      this.policies.control.push(
        level.controlPolicies.flatMap((a, j) => {
          const pointer = `/resourceDirectory/path/${i}/controlPolicies/${j}`;
          const document = attachedDocument(this.index, a, 'control')?.document;
          if (!document) return this.unknown(a.policy, pointer);
          const name = `${a.policy} (at ${level.name})`;
          this.sources.push({ layer: 'control', name, level: i, path: [{ kind: 'directory-level', name: level.name }], policy: { name: a.policy, type: a.type }, pointer });
          return [{ name, document }];
        }),
      );
    });
  }

  /** The attachments of one holder; `path` leads from the principal to it. */
  addAttachments(attachments: readonly Attachment[], path: PolicyHolder[], at: string): void {
    const holder = path[path.length - 1]!;
    attachments.forEach((a, j) => {
      const pointer = `${at}/${j}`;
      // Only a custom policy's default version is in force; the others wait for escalation analysis.
      const attached = attachedDocument(this.index, a);
      if (!attached) return void this.unknown(a.policy, pointer);
      const { document, version } = attached;
      const name = holder.kind === 'group' ? `${a.policy} (via group ${holder.name})` : a.policy;
      const policy = { name: a.policy, type: a.type, ...(version !== undefined ? { version } : {}) };
      if (a.resourceGroup === undefined) {
        this.policies.identity.push({ name, document });
        this.sources.push({ layer: 'identity', name, path, policy, pointer });
      } else {
        this.policies.resourceGroup.push({ name, document, resourceGroup: a.resourceGroup });
        this.sources.push({ layer: 'resource-group', name, resourceGroup: a.resourceGroup, path, policy, pointer });
      }
    });
  }

  /** The trust policy of the role `resource` names, if it is one of the snapshot's (role names compare case-insensitively, A2). */
  addTrustPolicy(resource: string): void {
    const index = this.index.indexBy('roles', 'arn-lower-case', (r: SnapshotRole) => roleArn(this.snapshot, r).toLowerCase(), resource.toLowerCase());
    if (index < 0) return;
    const role = this.snapshot.roles[index]!;
    this.policies.resource.push({ name: role.name, document: role.trustPolicy });
    this.sources.push({ layer: 'resource', name: role.name, path: [{ kind: 'role', name: role.name }], policy: { name: role.name, type: 'TrustPolicy' }, pointer: `/roles/${index}/trustPolicy` });
  }

  private unknown(policy: string, pointer: string): [] {
    this.diagnostics.push({ ...problem('unknown-policy', `the snapshot attaches \`${policy}\`, which it does not define`), path: pointer });
    return [];
  }
}

