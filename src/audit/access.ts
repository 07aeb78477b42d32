/**
 * One principal, one request: the evaluator's decision (never recomputed here), and from its trace
 * the paths that grant — every identity Allow statement that applies or may apply, with the
 * attachment path that put its policy in the set — and what control and session policies take away.
 */
import type { EvaluationResult, Residual, StatementRef } from '../decision/types.js';
import { evaluate } from '../eval/authorize.js';
import type { CompiledPolicySet, CompiledStatement } from '../eval/compile.js';
import { and, FALSE } from '../eval/residual.js';
import { statementFormula } from '../eval/statement.js';
import { renderResidual } from '../explain/residual-text.js';
import { prepareRequest } from '../request/prepare.js';
import type { AuthorizationRequest } from '../request/types.js';
import { findOrigin, type PolicyOrigin } from '../snapshot/principal.js';
import type { AuditModel, PrincipalEntry } from './model.js';
import type { AccessPath, PathStep, PolicyLocator, Restriction, StatementLocator } from './types.js';

/** The outcome of one request for one principal, before role paths are merged in. */
export interface Assessment {
  decision: 'Allow' | 'Conditional' | 'None';
  residual?: Residual;
  paths: AccessPath[];
  /** Set when `paths` was cut to `maxPaths`: how many paths were found (see ResourceGrant). */
  pathCount?: number;
  /** `pathCount` is a lower bound: the walk of role chains stopped once enough were found. */
  pathCountAtLeast?: true;
  restrictions: Restriction[];
}

/** No access, nothing taken away: one shared, frozen answer (most answers are this one). */
export const NONE: Assessment = Object.freeze({ decision: 'None', paths: Object.freeze([]) as unknown as AccessPath[], restrictions: Object.freeze([]) as unknown as Restriction[] });

/**
 * What an evaluation says before any path is built: the evaluator's answer and the identity Allow
 * statements that apply (or may), with their conditions. `compiled` is the set the statements
 * belong to. Principals whose sets differ only in policies that cannot match the action share it
 * (see `ActionAudit`); paths and restrictions are then built for each principal from its own sources.
 */
export interface Evaluated {
  fast: EvaluationResult;
  granted: boolean;
  candidates: { s: CompiledStatement; residual: Residual }[];
  compiled: CompiledPolicySet;
  /**
   * What control and session policies take away, once per evaluation: they name only control
   * levels (the directory's, the same for every principal) and the session policy, both part of
   * the sharing key, so every principal sharing the evaluation gets the same restrictions.
   */
  restrictions?: Restriction[];
}

/** Evaluates `request` for the entry's principal; undefined when there is nothing to say (no access, nothing taken away). */
export function evaluateFor(entry: Pick<PrincipalEntry, 'compiled'>, request: AuthorizationRequest): Evaluated | undefined {
  const prepared = prepareRequest(request);
  const compiled = entry.compiled;
  const fast = evaluate(compiled, prepared, { trace: false });
  const granted = fast.decision === 'Allow' || fast.decision === 'Conditional';
  const controlled = fast.deniedBy === 'ControlPolicy' || fast.deniedBy === 'SessionPolicy' || fast.possibleDenies.some((r) => r.layer === 'control' || r.layer === 'session');
  if (!granted && !controlled) return undefined;
  const candidates = grantingStatements(compiled, prepared);
  // A control or session policy only "takes away" what an identity policy grants.
  if (!granted && candidates.length === 0) return undefined;
  return { fast, granted, candidates, compiled };
}

/** The assessment of an evaluation for one principal: its paths (through its own attachments) and restrictions. */
export function assessmentOf(model: AuditModel, entry: Pick<PrincipalEntry, 'principal' | 'set'>, evaluated: Evaluated | undefined): Assessment {
  if (!evaluated) return NONE;
  const { fast, granted, candidates } = evaluated;
  const paths = candidates.map((c) => cachedPath(model, entry, c.s, c.residual));
  const shared = (evaluated.restrictions ??= restrictionsOf(model, { set: entry.set, compiled: evaluated.compiled }, fast, candidates.length > 0));
  // An identity Deny is the principal's own (its attachment, its group): located in its own sources.
  const denied = fast.decision === 'ExplicitDeny' && candidates.length > 0 ? identityDenies(model, { set: entry.set, compiled: evaluated.compiled }, fast.decidingStatements) : [];
  const restrictions = denied.length > 0 ? [...denied, ...shared] : shared;
  if (!granted) return { decision: 'None', paths, restrictions };
  return { decision: fast.decision as 'Allow' | 'Conditional', ...(fast.residual ? { residual: fast.residual } : {}), paths, restrictions };
}

/** Evaluates `request` for the entry's principal; paths and restrictions only when there is something to say. */
export function assess(model: AuditModel, entry: PrincipalEntry, request: AuthorizationRequest): Assessment {
  return assessmentOf(model, entry, evaluateFor(entry, request));
}

/** The identity Allow statements that apply (or may) to the request. E5: resource-group ones only when no account-level Allow certainly applies. */
function grantingStatements(compiled: CompiledPolicySet, prepared: ReturnType<typeof prepareRequest>): { s: CompiledStatement; residual: Residual }[] {
  const problems: never[] = [];
  const rg = prepared.request.resourceGroup;
  const candidates: { s: CompiledStatement; residual: Residual }[] = [];
  for (const s of [...compiled.identity.forService(prepared.service), ...compiled.resourceGroup.forService(prepared.service)]) {
    if (s.deny) continue;
    let residual = statementFormula(s, prepared, problems);
    if (s.ref.layer === 'resource-group') {
      if (rg !== undefined && rg !== s.ref.resourceGroup) residual = FALSE;
      else if (rg === undefined) residual = and([{ kind: 'resource-group', resourceGroup: s.ref.resourceGroup! }, residual]);
    }
    if (residual.kind !== 'false') candidates.push({ s, residual });
  }
  const accountCertain = candidates.some((c) => c.s.ref.layer === 'identity' && c.residual.kind === 'true');
  return accountCertain ? candidates.filter((c) => c.s.ref.layer !== 'resource-group') : candidates;
}

/**
 * The path of a statement, built once per principal and condition (the same statement grants on
 * many resources). Keyed by the statement object, not its id: a principal's paths may come from
 * a set compiled for another principal that shares its answer.
 */
function cachedPath(model: AuditModel, entry: Pick<PrincipalEntry, 'principal' | 'set'>, s: CompiledStatement, residual: Residual): AccessPath {
  const cache = model.session.paths;
  let memo = cache.get(entry);
  if (!memo) cache.set(entry, (memo = new Map()));
  let byResidual = memo.get(s);
  if (!byResidual) memo.set(s, (byResidual = new Map()));
  const key = residual.kind === 'true' ? '' : JSON.stringify(residual);
  let path = byResidual.get(key);
  if (!path) byResidual.set(key, (path = pathOf(model, entry, s, residual)));
  return path;
}

function pathOf(model: AuditModel, entry: Pick<PrincipalEntry, 'principal' | 'set'>, s: CompiledStatement, residual: Residual): AccessPath {
  const { snapshot } = model;
  const origin = findOrigin(entry.set.sources, s.ref);
  const steps: PathStep[] = [{ kind: 'principal', principal: entry.principal }];
  const group = origin?.path.find((h) => h.kind === 'group');
  if (group) {
    const user = model.indexOf(entry.principal.ref);
    const at = snapshot.users[user]?.groups.indexOf(group.name) ?? -1;
    steps.push({ kind: 'group', group: group.name, pointer: `/users/${user}/groups/${at}` });
  }
  const locator = locate(model, entry, s);
  steps.push({ kind: 'policy', policy: locator.policy });
  if (s.ref.resourceGroup !== undefined) {
    const name = snapshot.resourceGroups?.find((g) => g.id === s.ref.resourceGroup)?.name;
    steps.push({ kind: 'resource-group', resourceGroup: s.ref.resourceGroup, ...(name !== undefined ? { name } : {}) });
  }
  steps.push({ kind: 'statement', statement: locator });
  const conditional = residual.kind !== 'true';
  return { via: group ? 'group' : 'direct', steps, decision: conditional ? 'Conditional' : 'Allow', ...(conditional ? { residual, condition: renderResidual(residual) } : {}) };
}

/** Where a compiled statement of the entry's set lives: its policy, version, attachment and pointers. */
export function locate(model: AuditModel, entry: { set: Pick<PrincipalEntry['set'], 'sources'> }, s: Pick<CompiledStatement, 'ref' | 'source'>): StatementLocator {
  const origin = findOrigin(entry.set.sources, s.ref);
  const policy = policyLocator(model, s.ref, origin);
  return {
    policy,
    layer: s.ref.layer,
    ...(s.ref.level !== undefined ? { level: s.ref.level } : {}),
    index: s.ref.statement,
    ...(s.ref.sid !== undefined ? { sid: s.ref.sid } : {}),
    effect: s.ref.effect,
    ...statementPointers(s.source.sourcePath),
  };
}

/**
 * A statement's pointer inside its document and, when the document lives in the snapshot file
 * (its source path runs through `/document/`), its pointer inside the snapshot.
 */
export function statementPointers(path: string): Pick<StatementLocator, 'pointer' | 'snapshotPointer'> {
  const cut = path.lastIndexOf('/document/');
  return cut >= 0 ? { pointer: path.slice(cut + '/document'.length), snapshotPointer: path } : { pointer: path };
}

function policyLocator(model: AuditModel, ref: StatementRef, origin: PolicyOrigin | undefined): PolicyLocator {
  if (ref.layer === 'session') return { name: ref.policy, type: 'SessionPolicy' };
  if (!origin) return { name: ref.policy, type: 'Custom' };
  const type = ref.layer === 'control' ? 'ControlPolicy' : origin.policy.type;
  const locator: PolicyLocator = { name: origin.policy.name, type, attachmentPointer: origin.pointer };
  if (origin.policy.version !== undefined) {
    locator.version = origin.policy.version;
    locator.defaultVersion = model.index.policy(origin.policy.name)?.defaultVersion === origin.policy.version;
  }
  if (origin.resourceGroup !== undefined) locator.resourceGroup = origin.resourceGroup;
  return locator;
}

/** What the control levels and the session policy take away, from the evaluator's own answer. */
function restrictionsOf(model: AuditModel, entry: Pick<PrincipalEntry, 'set' | 'compiled'>, result: EvaluationResult, identityGrants: boolean): Restriction[] {
  if (!identityGrants) return [];
  const { snapshot } = model;
  const out: Restriction[] = [];
  const levelName = (level?: number) => (level !== undefined ? snapshot.resourceDirectory?.path[level]?.name : undefined);
  const statement = (ref: StatementRef) => locateRef(model, entry, ref);
  const group = (refs: StatementRef[], certainty: Restriction['certainty']) => {
    const keys = new Map<string, StatementRef[]>();
    for (const r of refs.filter((r) => r.layer === 'control' || r.layer === 'session')) keys.set(`${r.layer}:${r.level ?? ''}`, [...(keys.get(`${r.layer}:${r.level ?? ''}`) ?? []), r]);
    for (const refsOf of keys.values()) {
      const first = refsOf[0]!;
      const where = first.layer === 'session' ? 'the session policy' : `the control policies at \`${levelName(first.level) ?? `level ${first.level}`}\``;
      out.push({
        layer: first.layer as 'control' | 'session',
        ...(first.level !== undefined ? { level: first.level } : {}),
        ...(levelName(first.level) !== undefined ? { levelName: levelName(first.level)! } : {}),
        kind: 'deny',
        statements: refsOf.map(statement),
        certainty,
        message: `${where} ${certainty === 'certain' ? 'deny' : 'may deny'} it (${refsOf.map((r) => `\`${r.policy}\` statement ${r.statement}`).join(', ')})`,
      });
    }
  };
  if (result.decision === 'ExplicitDeny') group(result.decidingStatements, 'certain');
  group(result.possibleDenies, 'possible');
  const missing = result.missingAllow;
  if (result.decision === 'ImplicitDeny' && missing && (missing.layer === 'control' || missing.layer === 'session')) {
    out.push({ layer: missing.layer, ...(missing.level !== undefined ? { level: missing.level } : {}), ...(levelName(missing.level) !== undefined ? { levelName: levelName(missing.level)! } : {}), kind: 'no-allow', statements: [], certainty: 'certain', message: missing.message });
  }
  return out;
}

/**
 * The identity Deny statements that decide (issue 13: a principal refused by its own group's Deny
 * was described by a control policy that only may deny), one restriction per policy and holder:
 * `the identity policy \`P\` of group \`G\` denies it`. Listed before what control levels take away.
 */
function identityDenies(model: AuditModel, entry: Pick<PrincipalEntry, 'set' | 'compiled'>, refs: StatementRef[]): Restriction[] {
  const out: Restriction[] = [];
  const byOrigin = new Map<PolicyOrigin | undefined, StatementRef[]>();
  for (const r of refs) {
    if (r.layer !== 'identity' && r.layer !== 'resource-group') continue;
    const origin = findOrigin(entry.set.sources, r);
    byOrigin.set(origin, [...(byOrigin.get(origin) ?? []), r]);
  }
  for (const [origin, refsOf] of byOrigin) {
    const holder = origin?.path[origin.path.length - 1];
    const name = origin?.policy.name ?? refsOf[0]!.policy;
    const of = holder?.kind === 'group' ? ` of group \`${holder.name}\`` : holder ? ` attached to ${holder.kind} \`${holder.name}\`` : '';
    const scope = origin?.resourceGroup !== undefined ? ` in resource group \`${origin.resourceGroup}\`` : '';
    out.push({
      layer: 'identity',
      ...(holder?.kind === 'group' ? { group: holder.name } : {}),
      kind: 'deny',
      statements: refsOf.map((r) => locateRef(model, entry, r)),
      certainty: 'certain',
      message: `the identity policy \`${name}\`${of}${scope} denies it (${refsOf.map((r) => `statement ${r.statement}`).join(', ')})`,
    });
  }
  return out;
}

/** The locator of a statement of the entry's compiled set, by reference. */
function locateRef(model: AuditModel, entry: Pick<PrincipalEntry, 'set' | 'compiled'>, ref: StatementRef): StatementLocator {
  return locate(model, entry, entry.compiled.all.find((s) => sameRef(s.ref, ref))!);
}

function sameRef(a: StatementRef, b: StatementRef): boolean {
  return a.layer === b.layer && a.policy === b.policy && a.statement === b.statement && a.level === b.level && a.resourceGroup === b.resourceGroup;
}
