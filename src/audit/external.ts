/**
 * Who, besides the account's own RAM users and roles, can act with what a role has (W21, W22):
 * the principals a role's trust policy names that the snapshot cannot hold — other accounts (their
 * root: any identity that account allows), users and roles of other accounts, identity providers
 * (SAML, OIDC) and cloud services — and the account root, which no RAM or control policy restricts.
 *
 * Each trusted entry is judged by the evaluator's own statement logic on the trust policy: the
 * Allow statements that name it, minus the Deny statements that name it, under the audit's context.
 * What the other side's own policies allow is unknown to a snapshot of this account: an external
 * principal is reported as able to reach the role's access if its own account lets it call
 * `sts:AssumeRole` (for another account's root: if any identity there is allowed to).
 */
import type { Residual } from '../decision/types.js';
import { compilePolicySet } from '../eval/compile.js';
import { and, isConstant, not, or } from '../eval/residual.js';
import { statementFormula } from '../eval/statement.js';
import { renderResidual } from '../explain/residual-text.js';
import { compileWildcard } from '../match/wildcard.js';
import type { PolicyDocument, Statement } from '../policy/types.js';
import { prepareRequest } from '../request/prepare.js';
import { roleArn } from '../snapshot/principal.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import { statementPointers } from './access.js';
import { ASSUME } from './roles.js';
import type { AccessDecision, AuditPrincipal, ClassGrant, StatementLocator } from './types.js';

/** What an external principal is. */
export type ExternalKind = 'account' | 'any-account' | 'user' | 'role' | 'saml-provider' | 'oidc-provider' | 'identity-provider' | 'service';

/** An external principal that can act through a role with access. */
export interface ExternalAccess {
  kind: ExternalKind;
  /** As the trust policy names it: an ARN, a pattern, or a service (`ecs.aliyuncs.com`). */
  principal: string;
  /** The account the ARN names (`*` for every account), when it names one. */
  account?: string;
  /** The role it assumes. */
  role: AuditPrincipal;
  /** The role's trust-policy statements that trust it (Allow ones). */
  trustStatements: StatementLocator[];
  /** Allow, or Conditional when the trust statements or the role's own access hold only under a condition. */
  decision: 'Allow' | 'Conditional';
  residual?: Residual;
  condition?: string;
  /** The resources the role reaches (instance ids, or ARNs). */
  resources: string[];
}

/** The account itself: not restricted by RAM policies, nor by control policies (listed once, as such). */
export interface AccountRoot {
  arn: string;
  note: string;
}

/** A role of the audit answer with the access it has. */
export interface RoleAccess {
  role: AuditPrincipal;
  decision: AccessDecision;
  /** The role's condition when Conditional. */
  residual?: Residual;
  resources: string[];
}

/** The account root of a snapshot. */
export function accountRootOf(snapshot: Pick<AccountSnapshot, 'accountId'>): AccountRoot {
  return { arn: `acs:ram::${snapshot.accountId}:root`, note: 'the Alibaba Cloud account itself: no RAM policy or control policy restricts it' };
}

const RAM_ARN = /^acs:ram::([^:]*):(root|user\/.+|role\/.+)$/;

/** What a trusted entry is, or undefined for an identity of the account itself (the audit covers those). */
export function classifyTrusted(accountId: string, block: 'RAM' | 'Service' | 'Federated', entry: string): Pick<ExternalAccess, 'kind' | 'account'> | undefined {
  if (block === 'Service') return { kind: 'service' };
  if (block === 'Federated') {
    const account = /^acs:ram::([^:]*):/.exec(entry)?.[1];
    const kind: ExternalKind = /:saml-provider\//.test(entry) ? 'saml-provider' : /:oidc-provider\//.test(entry) ? 'oidc-provider' : 'identity-provider';
    return { kind, ...(account ? { account } : {}) };
  }
  const m = RAM_ARN.exec(entry);
  // Anything that is not a plain ARN of one account (`*`, `acs:ram::*:root`, `acs:ram::12*:root`) may name any account.
  if (!m || /[*?]/.test(m[1]!)) return { kind: 'any-account', account: m?.[1] ?? '*' };
  if (m[1] === accountId) return undefined;
  const kind: ExternalKind = m[2] === 'root' ? 'account' : m[2]!.startsWith('user/') ? 'user' : 'role';
  return { kind, account: m[1]! };
}

/** The external principals of every role with access (Allow or Conditional), in the roles' order. */
export function externalAccess(snapshot: AccountSnapshot, roles: readonly RoleAccess[], context: Record<string, string | string[]>): ExternalAccess[] {
  const out: ExternalAccess[] = [];
  const byName = new Map(snapshot.roles.map((r, i) => [r.name, { role: r, index: i }]));
  for (const access of roles) {
    if (access.decision === 'None') continue;
    const found = byName.get(access.role.name);
    if (!found) continue;
    const document = found.role.trustPolicy;
    const seen = new Set<string>();
    for (const statement of document.statements) {
      if (statement.effect !== 'Allow' || !statement.principal) continue;
      for (const block of ['RAM', 'Federated', 'Service'] as const) {
        for (const entry of statement.principal[block]) {
          const key = `${block}\u0000${entry}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const kind = classifyTrusted(snapshot.accountId, block, entry);
          if (!kind) continue;
          const judged = judgeEntry(document, block, entry, roleArn(snapshot, found.role), context);
          if (judged.residual.kind === 'false') continue;
          const residual = and([judged.residual, access.residual ?? { kind: 'true' }]);
          const allow = isConstant(residual) === true && access.decision === 'Allow';
          out.push({
            ...kind,
            principal: entry,
            role: access.role,
            trustStatements: judged.allows.map((s) => locateTrust(found.role.name, found.index, s)),
            decision: allow ? 'Allow' : 'Conditional',
            ...(allow ? {} : { residual, condition: renderResidual(residual) }),
            resources: access.resources,
          });
        }
      }
    }
  }
  return out;
}

/** Whether a statement's Principal block names the entry (as written, or by a RAM wildcard of that block). */
function names(statement: Statement, block: 'RAM' | 'Service' | 'Federated', entry: string): boolean {
  return (statement.principal?.[block] ?? []).some((p) => p === entry || compileWildcard(p).test(entry));
}

/**
 * The trust policy's answer for one trusted entry: its Allow statements OR'ed, AND NOT its Deny
 * statements. The statements naming it are evaluated as statements trusting a stand-in caller
 * whose ARN is the entry; the caller's real ARN is unknown unless the entry is one concrete
 * identity, so `acs:PrincipalARN` stays unknown otherwise.
 */
function judgeEntry(document: PolicyDocument, block: 'RAM' | 'Service' | 'Federated', entry: string, resource: string, context: Record<string, string | string[]>): { residual: Residual; allows: Statement[] } {
  const standIn = { RAM: [entry], Service: [], Federated: [] };
  const naming = document.statements.filter((s) => names(s, block, entry));
  const rewritten: PolicyDocument = { ...document, statements: naming.map((s) => ({ ...s, principal: standIn })) };
  const compiled = compilePolicySet({ control: [], identity: [], resourceGroup: [], resource: [{ name: 'trust', document: rewritten }] });
  const prepared = prepareRequest({ principal: { type: 'RamUser', arn: entry }, action: ASSUME, resource, context: { ...context } });
  const concrete = block === 'RAM' && /^acs:ram::\d+:(user|role)\/[^*?]+$/.test(entry);
  if (!concrete && !Object.keys(context).some((k) => k.toLowerCase() === 'acs:principalarn')) prepared.context.delete('acs:principalarn');
  const allows: Residual[] = [];
  const denies: Residual[] = [];
  const allowing: Statement[] = [];
  for (const s of compiled.resource.statements) {
    const formula = statementFormula(s, prepared, []);
    if (formula.kind === 'false') continue;
    if (s.deny) denies.push(formula);
    else {
      allows.push(formula);
      allowing.push(s.source);
    }
  }
  return { residual: and([or(allows), not(or(denies))]), allows: allowing };
}

function locateTrust(role: string, index: number, s: Statement): StatementLocator {
  return {
    policy: { name: role, type: 'TrustPolicy', attachmentPointer: `/roles/${index}/trustPolicy` },
    layer: 'resource',
    index: s.index,
    ...(s.sid !== undefined ? { sid: s.sid } : {}),
    effect: s.effect,
    ...statementPointers(s.sourcePath),
  };
}

/** A role's answer of `whoCan` as `externalAccess` takes it: its best decision, the condition of its conditional grants, the resources granted. */
export function roleAccessOf(access: { principal: AuditPrincipal; decision: AccessDecision; grants: readonly { decision: AccessDecision; residual?: Residual; resource: string; instance?: { id: string } }[] }): RoleAccess {
  return roleAccessFrom(access, (visit) => {
    for (const g of access.grants) visit(g.decision, g.residual, g.instance?.id ?? g.resource);
  });
}

/**
 * `roleAccessOf` of a role's grants per resource class, without a grant object per resource (a
 * role with access to 1,000 instances made 1,000 of them: a quarter of a second over the audit
 * bench's 100 such roles). The same answer: each member of a class is visited as its grant was.
 */
export function roleAccessOfClasses(access: { principal: AuditPrincipal; decision: AccessDecision; classGrants: readonly ClassGrant[] }): RoleAccess {
  return roleAccessFrom(access, (visit) => {
    for (const g of access.classGrants) {
      const each = g.instances.length === g.resources.length;
      for (let i = 0; i < g.resources.length; i++) visit(g.decision, g.residual, each ? g.instances[i]!.id : g.resources[i]!);
    }
  });
}

/** A role's access from its grants, one per resource in order (`grants` visits each): the OR of the conditions unless one is Allow, and the resources. */
function roleAccessFrom(access: { principal: AuditPrincipal; decision: AccessDecision }, grants: (visit: (decision: AccessDecision, residual: Residual | undefined, resource: string) => void) => void): RoleAccess {
  let allowed = false;
  const parts: Residual[] = [];
  const resources = new Set<string>();
  grants((decision, residual, resource) => {
    if (decision === 'None') return;
    if (decision === 'Allow') allowed = true;
    parts.push(residual ?? { kind: 'true' });
    resources.add(resource);
  });
  return { role: access.principal, decision: access.decision, ...(allowed ? {} : { residual: or(parts) }), resources: [...resources] };
}
