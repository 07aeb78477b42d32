/**
 * `whoCan` and `principalCan`: the two questions of an account audit, answered exactly by the
 * evaluator over an account snapshot (W1–W10). Pure: the snapshot and the question in, the answer
 * (or diagnostics) out.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { builtinCatalog } from '../catalog/builtin.js';
import { expandActionPattern, lookupAction } from '../catalog/query.js';
import { closest, didYouMean } from '../catalog/suggest.js';
import type { Catalog, CatalogAction } from '../catalog/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { NamedPolicy } from '../policy/policy-set.js';
import { policySetFor } from '../snapshot/principal.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import { ActionAudit, bestDecision } from './action-audit.js';
import { EscalationSearch, MAX_ESCALATION_DEPTH } from './escalation.js';
import { accountRootOf, externalAccess, roleAccessOf, roleAccessOfClasses } from './external.js';
import { allInstances, askedResource, type AskedResource } from './resources.js';
import { MAX_ROLE_CHAIN } from './roles.js';
import type { AuditOptions } from './model.js';
import { PATH_STEP_BUDGET } from './limit-paths.js';
import { AuditSession } from './session.js';
import type { AuditLimits, ClassGrant, PrincipalAccess, PrincipalCanResult, WhoCanResult } from './types.js';

/** The question of `whoCan`. */
export interface WhoCanInput {
  action: string;
  /** One resource ARN; neither it nor `allResources`: the resource `*` (W4). */
  resource?: string;
  /** Every CAMS instance of the inventory. */
  allResources?: boolean;
  context?: Record<string, string | string[]>;
  /** A session policy every role session carries. */
  sessionPolicy?: NamedPolicy;
  /** Look for escalations (default true). */
  escalation?: boolean;
  catalog?: Catalog;
  /** At most this many paths per answer, shortest first, the rest counted (`pathCount`); 0 or absent: every path. */
  maxPaths?: number;
  /**
   * `resource` (default): one grant per resource in `grants`. `class`: one grant per set of
   * resources with the same answer in `classGrants` (paths cut to `maxPaths`), `grants` empty —
   * what the CLI asks for: no object per principal × instance.
   */
  grantsPer?: 'resource' | 'class';
}

/** The question of `principalCan`. */
export interface PrincipalCanInput {
  /** `user/NAME` or `role/NAME`. */
  principal: string;
  /** An action or pattern; default `cams:*`. */
  actionPattern?: string;
  context?: Record<string, string | string[]>;
  sessionPolicy?: NamedPolicy;
  escalation?: boolean;
  catalog?: Catalog;
  /** At most this many paths per answer, shortest first, the rest counted (`pathCount`); 0 or absent: every path. */
  maxPaths?: number;
  /** As `WhoCanInput.grantsPer`. */
  grantsPer?: 'resource' | 'class';
}

const LIMITS: AuditLimits = { maxRoleChainDepth: MAX_ROLE_CHAIN, maxEscalationDepth: MAX_ESCALATION_DEPTH };

const problem = (code: DiagnosticCode, message: string, help?: string): Diagnostic => ({ code, severity: 'error', message, path: '', ...(help ? { help } : {}) });

/** The warning of an answer whose paths through roles were cut at the audit's budget (PATH_STEP_BUDGET), if they were. */
function pathsCut(session: AuditSession): Diagnostic[] {
  if (!session.pathSteps.exhausted) return [];
  return [
    {
      code: 'paths-cut',
      severity: 'warning',
      message: `the audit stopped listing paths through roles at its budget of ${PATH_STEP_BUDGET.toLocaleString('en-US')} steps: grants marked \`+\` (\`pathCountAtLeast\`) have more paths than listed; every decision and condition is complete`,
      path: '',
      help: 'ask for fewer paths (`--max-paths`, 10 by default: the shortest a grant), or narrow the question',
    },
  ];
}

/** The catalog action an action name means, or why not. */
export function resolveAction(catalog: Catalog, name: string): { action: CatalogAction } | { diagnostic: Diagnostic } {
  if (!/^[A-Za-z0-9-]+:[A-Za-z0-9]+$/.test(name)) return { diagnostic: problem('invalid-action', `\`${name}\` is not an action (\`service:Action\`, no wildcards)`, 'e.g. `cams:UpdateInstance`; principal-can takes patterns') };
  const action = lookupAction(catalog, name);
  if (action) return { action };
  const near = closest(name, [...catalog.actions.values()].map((a) => a.fullName));
  return { diagnostic: problem('unknown-action', `\`${name}\` is not in the action catalog`, didYouMean(near) ?? 'list actions with `ramguard catalog actions`') };
}

/** Which resources an action is asked about: the inventory's instances for a CAMS instance action with `all`, else `*`. */
function resourcesFor(snapshot: AccountSnapshot, action: CatalogAction, all: boolean): AskedResource[] {
  const takesInstance = Array.isArray(action.resources) && action.resources.includes('Instance') && action.service === 'cams';
  return all && takesInstance && snapshot.resources.camsInstances.length > 0 ? allInstances(snapshot) : [{ arn: '*' }];
}

/** Who can perform the action on the resource(s): every principal with Allow or Conditional, those a control policy blocks, and those that can escalate. */
export function whoCan(snapshot: AccountSnapshot, input: WhoCanInput): { result?: WhoCanResult; diagnostics: Diagnostic[] } {
  const catalog = input.catalog ?? builtinCatalog();
  const resolved = resolveAction(catalog, input.action);
  if ('diagnostic' in resolved) return { diagnostics: [resolved.diagnostic] };
  const action = resolved.action;
  if (input.resource !== undefined && input.allResources) return { diagnostics: [problem('invalid-argument', 'give `--resource` or `--all-resources`, not both')] };
  if (input.allResources) {
    const takesInstance = Array.isArray(action.resources) && action.resources.includes('Instance') && action.service === 'cams';
    if (!takesInstance) return { diagnostics: [problem('invalid-argument', `\`${action.fullName}\` does not act on a CAMS instance, the only resources an inventory lists`, 'give `--resource ARN`, or leave both out to ask about `*`')] };
    if (snapshot.resources.camsInstances.length === 0) return { diagnostics: [problem('empty-inventory', 'the snapshot lists no CAMS instances for `--all-resources`', 'add `resources.camsInstances` to the snapshot, or give `--resource ARN`')] };
  }
  const context = input.context ?? {};
  // Every memo of this audit lives in its session, and goes with it.
  const session = new AuditSession(snapshot, auditOptions(input), context);
  const { model } = session;
  const resources = input.resource !== undefined ? [askedResource(snapshot, input.resource)] : resourcesFor(snapshot, action, input.allResources === true);
  const audit = new ActionAudit(model, action.fullName, resources);
  const search = input.escalation === false ? undefined : new EscalationSearch(audit);
  const granted: PrincipalAccess[] = [];
  const blocked: PrincipalAccess[] = [];
  const escalating: PrincipalAccess[] = [];
  const perClass = input.grantsPer === 'class';
  for (const principal of model.principals) {
    const grants = perClass ? [] : audit.grants(principal, true);
    const classGrants = perClass ? audit.classGrants(principal, true, input.maxPaths) : undefined;
    const decision = bestDecision(classGrants ?? grants);
    const escalations = search ? search.of(principal) : [];
    const access: PrincipalAccess = classGrants ? { principal, decision, grants, classGrants, escalations } : { principal, decision, grants, escalations };
    if (decision !== 'None') granted.push(access);
    else if (escalations.length > 0) escalating.push(access);
    else if ((classGrants ?? grants).length > 0) blocked.push(access);
  }
  const cut = pathsCut(session);
  const order = (a: PrincipalAccess, b: PrincipalAccess) => (a.decision === b.decision ? 0 : a.decision === 'Allow' ? -1 : b.decision === 'Allow' ? 1 : 0);
  return {
    result: {
      kind: 'who-can',
      accountId: snapshot.accountId,
      query: { action: action.fullName, resource: input.resource ?? '*', allResources: input.allResources === true, context, resourceCount: resources.length },
      principals: [...granted.sort(order), ...escalating, ...blocked],
      examined: model.principals.length,
      // Who else acts with what the roles have (W21), and the account itself (W22).
      external: externalAccess(snapshot, granted.filter((a) => a.principal.kind === 'role').map((a) => (a.classGrants ? roleAccessOfClasses({ ...a, classGrants: a.classGrants }) : roleAccessOf(a))), context),
      accountRoot: accountRootOf(snapshot),
      limits: LIMITS,
      diagnostics: cut,
    },
    diagnostics: [...cut],
  };
}

/** What one principal can do: every action of the pattern, on every inventory instance (or `*`), with escalations. */
export function principalCan(snapshot: AccountSnapshot, input: PrincipalCanInput): { result?: PrincipalCanResult; diagnostics: Diagnostic[] } {
  const catalog = input.catalog ?? builtinCatalog();
  const context = input.context ?? {};
  const session = new AuditSession(snapshot, auditOptions(input), context);
  const { model } = session;
  const principal = model.principals.find((p) => p.ref === input.principal);
  // policySetFor's own message: unknown name with did-you-mean, a group, or a bad form.
  if (!principal) return { diagnostics: unknownPrincipal(snapshot, input.principal) };
  const pattern = input.actionPattern ?? 'cams:*';
  const expansion = expandActionPattern(catalog, pattern);
  if (expansion.actions.length === 0) return { diagnostics: [problem('action-matches-nothing', `\`${pattern}\` matches no action of the catalog`, 'e.g. `cams:*` or `cams:Update*`')] };
  const grants: PrincipalAccess['grants'] = [];
  const classGrants: ClassGrant[] = [];
  const perClass = input.grantsPer === 'class';
  const escalations: PrincipalAccess['escalations'] = [];
  // One session for every action: the account model, the roles each principal can assume and the
  // RAM permissions of escalation moves are the same whatever the action; classes are per action.
  for (const action of expansion.actions) {
    const audit = new ActionAudit(model, action.fullName, resourcesFor(snapshot, action, true));
    if (perClass) classGrants.push(...audit.classGrants(principal, true, input.maxPaths));
    else grants.push(...audit.grants(principal, true));
    if (input.escalation !== false) escalations.push(...new EscalationSearch(audit).of(principal));
  }
  const cut = pathsCut(session);
  return {
    result: {
      kind: 'principal-can',
      accountId: snapshot.accountId,
      query: { principal: principal.ref, actionPattern: pattern, actions: expansion.actions.map((a) => a.fullName), context, inventorySize: snapshot.resources.camsInstances.length },
      access: perClass ? { principal, decision: bestDecision(classGrants), grants, classGrants, escalations } : { principal, decision: bestDecision(grants), grants, escalations },
      limits: LIMITS,
      diagnostics: cut,
    },
    diagnostics: [...cut],
  };
}

/** The session options of a question: its session policy and path limit. */
function auditOptions(input: Pick<WhoCanInput, 'sessionPolicy' | 'maxPaths'>): AuditOptions {
  return { ...(input.sessionPolicy ? { sessionPolicy: input.sessionPolicy } : {}), ...(input.maxPaths !== undefined && input.maxPaths > 0 ? { maxPaths: Math.floor(input.maxPaths) } : {}) };
}

/** The diagnostics of a principal reference the snapshot does not have. */
function unknownPrincipal(snapshot: AccountSnapshot, ref: string): Diagnostic[] {
  const found = policySetFor(snapshot, ref);
  return found.diagnostics.length > 0 ? found.diagnostics : [problem('unknown-principal', `the snapshot has no principal \`${ref}\``)];
}
