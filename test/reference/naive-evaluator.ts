/**
 * A deliberately naive reference evaluator for RAM policies, used as the oracle of the
 * differential test (test/differential). It reads the raw JSON documents as written, with no
 * validation, compilation or indexes, and handles unknown context keys by brute force: every
 * condition clause over an unknown key is an independent boolean atom (E10), so is "the resource
 * is in group G" for each group G of an attachment when the request does not name the group (E4);
 * the concrete decision is computed for each of the 2^n assignments and the answers are combined
 * as E9 says. Only TYPES come from src/.
 */
import type { Decision } from '../../src/decision/types.js';
import type { AuthorizationRequest } from '../../src/request/types.js';
import { naiveActionMatch, naiveClause, naivePrincipalMatch, naiveTypedStringClause, naiveWildcard } from './naive-match.js';

/** A policy as written: a name and the raw JSON object (`Version`, `Statement`, strings or arrays). */
export interface RawNamedPolicy {
  name: string;
  document: unknown;
}

/** Every policy of one decision, by layer, as raw JSON (mirrors the scenario format). */
export interface RawPolicies {
  /** Control-policy levels, Root folder first. */
  control?: RawNamedPolicy[][];
  session?: RawNamedPolicy;
  /** Identity policies; those with `resourceGroup` are attached at resource-group level. */
  identity?: (RawNamedPolicy & { resourceGroup?: string })[];
  /** Role trust policies. */
  resource?: RawNamedPolicy[];
}

/** The reference answer: the decision and its deciding statements as `policy#index`. */
export interface NaiveResult {
  decision: Decision;
  /** Empty for Conditional and ImplicitDeny (E12). */
  deciding: string[];
}

/** Thrown when a request has more unknown atoms than brute force should enumerate. */
export class NaiveTooManyUnknowns extends Error {}

/** The most unknown atoms enumerated (2^12 assignments). */
export const NAIVE_MAX_ATOMS = 12;

/** A statement's applicability: `true`/`false` when known, or the index of an unknown atom. */
type Truth = boolean | number;

/** One statement that may apply: it applies when every part of `parts` holds. */
interface Candidate {
  ref: string;
  effect: 'Allow' | 'Deny';
  parts: Truth[];
}

/** The layers a decision consults, each a list of candidate statements. */
interface Layers {
  control: Candidate[][];
  session?: Candidate[];
  account: Candidate[];
  resourceGroup: Candidate[];
  trust: Candidate[];
}

/** Evaluates `request` against raw `policies` per docs/semantics.md, by brute force over unknowns. */
export function naiveEvaluate(policies: RawPolicies, request: AuthorizationRequest): NaiveResult {
  const atoms: string[] = [];
  const layers = collect(policies, request, atoms);
  if (atoms.length > NAIVE_MAX_ATOMS) throw new NaiveTooManyUnknowns(`${atoms.length} unknown atoms`);
  const answers: NaiveResult[] = [];
  for (let bits = 0; bits < 2 ** atoms.length; bits++) {
    const assignment = atoms.map((_, i) => (bits & (1 << i)) !== 0);
    answers.push(concrete(layers, request, assignment));
  }
  const certain = layersOf(layers).filter((c) => c.parts.every((p) => p === true)).map((c) => c.ref);
  const allowed = answers.filter((a) => a.decision === 'Allow').length;
  if (allowed === answers.length) return { decision: 'Allow', deciding: decidingOf(answers, certain) };
  if (allowed > 0) return { decision: 'Conditional', deciding: [] };
  // E9: ExplicitDeny when the request is explicitly denied whatever the unknowns are, even if a
  // different Deny does it in different worlds; otherwise a possible Deny is not an ExplicitDeny.
  if (answers.every((a) => a.decision === 'ExplicitDeny')) return { decision: 'ExplicitDeny', deciding: decidingOf(answers, certain) };
  return { decision: 'ImplicitDeny', deciding: [] };
}

/**
 * E12 under unknowns: the statements that certainly apply (no unknown part) and decide in at least
 * one world. Not a plain intersection: when the account level's Deny is unknown, a certain
 * resource-group Deny decides only in the worlds where the account level is silent (E5). Never
 * empty when some world has deciding statements: in the world where every atom is false, only
 * certain statements apply at all.
 */
function decidingOf(answers: NaiveResult[], certain: string[]): string[] {
  return [...new Set(answers.flatMap((a) => a.deciding))].filter((ref) => certain.includes(ref)).sort();
}

function layersOf(l: Layers): Candidate[] {
  return [...l.control.flat(), ...(l.session ?? []), ...l.account, ...l.resourceGroup, ...l.trust];
}

/** The concrete decision for one assignment of the unknown atoms. */
function concrete(layers: Layers, request: AuthorizationRequest, assignment: boolean[]): NaiveResult {
  const holds = (c: Candidate) => c.parts.every((p) => (typeof p === 'boolean' ? p : assignment[p] === true));
  const applying = (cs: Candidate[], effect: 'Allow' | 'Deny') => cs.filter((c) => c.effect === effect && holds(c)).map((c) => c.ref);
  const assumeRole = request.action.toLowerCase() === 'sts:assumerole';
  if (request.principal.type === 'Root' && !assumeRole) return { decision: 'Allow', deciding: [] }; // E8

  // The layers that need an Allow of their own, in evaluation order (E2, E3, E5, E6).
  const needAllow: Candidate[][] = [];
  if (request.principal.type !== 'Root') {
    needAllow.push(...layers.control); // E2: control policies are skipped for Root
    if (layers.session) needAllow.push(layers.session);
    // E5: resource-group attachments count only when the account level gives an implicit deny.
    const account = layers.account;
    const accountSilent = applying(account, 'Allow').length === 0 && applying(account, 'Deny').length === 0;
    needAllow.push(accountSilent ? layers.resourceGroup : account);
  }
  if (assumeRole) needAllow.push(layers.trust); // E6/E8: the trust policy must allow too

  // E1 across layers: an applying Deny in any consulted layer denies, and all of them decide (E12).
  const denies = needAllow.flatMap((layer) => applying(layer, 'Deny'));
  if (denies.length > 0) return { decision: 'ExplicitDeny', deciding: denies };
  const allows = needAllow.map((layer) => applying(layer, 'Allow'));
  if (allows.some((a) => a.length === 0)) return { decision: 'ImplicitDeny', deciding: [] };
  return { decision: 'Allow', deciding: allows.flat() };
}

/** Turns the raw policies into candidate statements; statements that certainly miss are dropped. */
function collect(policies: RawPolicies, request: AuthorizationRequest, atoms: string[]): Layers {
  const context = new Map<string, string[] | 'absent'>();
  for (const key of request.absent ?? []) context.set(key.toLowerCase(), 'absent');
  for (const [key, value] of Object.entries(request.context ?? {})) {
    context.set(key.toLowerCase(), typeof value === 'string' ? [value] : value);
  }
  // C9: the caller's ARN is `acs:PrincipalARN` unless the request says otherwise.
  const arn = request.principal.arn;
  if (arn !== undefined && !context.has('acs:principalarn')) context.set('acs:principalarn', [arn]);
  const assumeRole = request.action.toLowerCase() === 'sts:assumerole';
  const groupAtoms = new Map<string, number>();
  /** `group`: the attachment's resource group, for resource-group-level identity policies. */
  const candidates = (policy: RawNamedPolicy, trust: boolean, group?: string): Candidate[] =>
    statementsOf(policy.document).flatMap((s, index) => {
      const ref = `${policy.name}#${index}`;
      const unknown: string[] = [];
      const parts: Truth[] = [actionMatches(s, request.action)];
      parts.push(trust ? naivePrincipalMatch(s['Principal'], request.principal.arn) : listOf(s['Resource']).some((r) => naiveWildcard(r, request.resource)));
      // E4: an attachment applies only in its group; when the request's group is unknown, so is that.
      if (group !== undefined && request.resourceGroup !== undefined) parts.push(request.resourceGroup === group);
      for (const [operator, block] of Object.entries((s['Condition'] ?? {}) as Record<string, Record<string, unknown>>)) {
        for (const [key, raw] of Object.entries(block)) {
          const known = context.get(key.toLowerCase());
          const decided = known === undefined ? naiveTypedStringClause(operator, key, listOf(raw)) : undefined;
          if (decided !== undefined) parts.push(decided); // C11: the key's type decides it
          else if (known === undefined) unknown.push(`${ref} ${operator} ${key}`);
          else parts.push(naiveClause(operator, listOf(raw), known));
        }
      }
      if (parts.includes(false)) return []; // certainly misses: its unknown parts cannot matter
      if (group !== undefined && request.resourceGroup === undefined) {
        // One atom per group name, not per statement: the group is ONE unknown fact of the request
        // (E9), unlike clauses, which E10 makes independent.
        if (!groupAtoms.has(group)) groupAtoms.set(group, atoms.push(`resource group is ${group}`) - 1);
        parts.push(groupAtoms.get(group) ?? -1);
      }
      for (const label of unknown) {
        parts.push(atoms.length); // C4/E10: one independent atom per unknown clause
        atoms.push(label);
      }
      return [{ ref, effect: s['Effect'] === 'Deny' ? 'Deny' : 'Allow', parts }];
    });
  const trust = () => (assumeRole ? (policies.resource ?? []).flatMap((p) => candidates(p, true)) : []);
  // Layers that are never consulted are skipped so that their unknowns do not inflate 2^n.
  if (request.principal.type === 'Root') return { control: [], account: [], resourceGroup: [], trust: trust() };
  const identity = policies.identity ?? [];
  return {
    control: (policies.control ?? []).map((level) => level.flatMap((p) => candidates(p, false))),
    session: policies.session ? candidates(policies.session, false) : undefined,
    account: identity.filter((p) => p.resourceGroup === undefined).flatMap((p) => candidates(p, false)),
    resourceGroup: identity.flatMap((p) => (p.resourceGroup === undefined ? [] : candidates(p, false, p.resourceGroup))),
    trust: trust(),
  };
}

function actionMatches(statement: Record<string, unknown>, action: string): boolean {
  if ('NotAction' in statement) return !listOf(statement['NotAction']).some((p) => naiveActionMatch(p, action));
  return listOf(statement['Action']).some((p) => naiveActionMatch(p, action));
}

function statementsOf(document: unknown): Record<string, unknown>[] {
  const statement = (document as { Statement?: unknown }).Statement;
  return (Array.isArray(statement) ? statement : [statement]) as Record<string, unknown>[];
}

function listOf(value: unknown): string[] {
  return value === undefined ? [] : Array.isArray(value) ? (value as string[]) : [value as string];
}
