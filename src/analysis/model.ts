/**
 * The finite model of a pair of policies: every distinct action pattern, resource pattern and
 * condition-key language becomes an atom; each dimension of a request (its action, its resource,
 * each key) becomes a list of options, one per region, each fixing its atoms. The evaluator's
 * decision is a Boolean function of the atoms, so a search over the options decides exactly.
 */
import { actionNamesFor, resourceTypeArns } from '../catalog/named-services.js';
import type { Catalog } from '../catalog/types.js';
import { operatorSpec } from '../conditions/operators.js';
import type { StatementRef } from '../decision/types.js';
import { compileWildcard } from '../match/wildcard.js';
import type { NamedPolicy } from '../policy/policy-set.js';
import { keyRegions, type KeyLanguage } from './key-regions.js';
import { principalRegions } from './principal-regions.js';
import { stringRegions, type StringPredicate } from './string-regions.js';

/** A policy under analysis and the name its statements are reported under: a policy of a set. */
export type AnalysisPolicy = NamedPolicy;

/** One statement over atoms. */
export interface ModelStatement {
  deny: boolean;
  notAction: boolean;
  actionAtoms: number[];
  resourceAtoms: number[];
  /** Trust policies: the statement's `Principal.RAM` entries (none: it matches no caller, M7). */
  principalAtoms?: number[];
  clauses: { atom: number; negated: boolean }[];
  ref: StatementRef;
}

/** One dimension of a request and its options. */
export interface Dimension {
  kind: 'action' | 'resource' | 'principal' | 'key';
  /** For keys: the key as first written. */
  name: string;
  atoms: number[];
  /** Per option: the atoms' values (in `atoms` order) and the concrete value(s). */
  options: { bits: boolean[]; values: string[] }[];
}

/** The model. `sides[0]` must be allowed, `sides[1]` (if any) must not. */
export interface Model {
  atomCount: number;
  dimensions: Dimension[];
  sides: ModelStatement[][];
  actionScope: number[];
  actionScopeAlso: number[];
  actionExclusions: number[];
  /** The action patterns (lower-cased) of the action dimension's atoms, in order (before the exclusion atom). */
  actionPatterns: string[];
  resourceScope: number[];
  inexactKeys: string[];
}

/** What to build a model for. */
export interface ModelInput {
  granted: AnalysisPolicy;
  notGranted?: AnalysisPolicy;
  actionScope?: string[];
  /** A second scope every action must also match (AND with `actionScope`). */
  actionScopeAlso?: string[];
  /** Actions excluded from the question (e.g. the catalog's, to ask about the others). */
  actionExclusions?: string[];
  resourceScope?: string[];
  catalog?: Catalog;
  alwaysPresentKeys: Set<string>;
  singleValuedKeys: boolean;
  maxStates?: number;
  /** Trust policies: the caller ARN tried first (the witness caller when it matches no entry). */
  fallbackPrincipalArn?: string;
}

/** The ARN of the role witness requests of a trust-policy analysis assume (the resource). */
export const WITNESS_ROLE_ARN = 'acs:ram::1234567890123456:role/ramguard-witness-role';

const POSITIVE: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
};

/** Fills patterns' wildcards with short text: a readable first guess at a value in each region. */
function filled(pattern: string): string[] {
  return [pattern.replace(/[*?]/g, 'x'), pattern.replace(/\*/g, '').replace(/\?/g, 'x')];
}

/**
 * Example ARNs of the catalog's resource types, tried first so witnesses look like real ARNs (the
 * built-in ones from a table: no service is built for them).
 */
function exampleArns(catalog: Catalog | undefined): string[] {
  return (catalog ? resourceTypeArns(catalog) : []).map((arn) => arn.replace(/\{#([^}]*)\}/g, (_, name: string) => (name === 'regionId' ? 'cn-hangzhou' : name === 'accountId' ? '1234567890123456' : 'example')));
}

class Atoms {
  count = 0;
  private ids = new Map<string, number>();
  id(key: string, onNew: () => void): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.count++;
      this.ids.set(key, id);
      onNew();
    }
    return id;
  }
}

/** Builds the model of one question. */
export function buildModel(input: ModelInput): Model {
  const atoms = new Atoms();
  const actionPatterns: string[] = [];
  const actionAtoms: number[] = [];
  const resourcePatterns: string[] = [];
  const resourceAtoms: number[] = [];
  const keys = new Map<string, { name: string; atoms: number[]; languages: KeyLanguage[] }>();
  const actionAtom = (p: string) => atoms.id(`a\u0000${p.toLowerCase()}`, () => (actionPatterns.push(p.toLowerCase()), actionAtoms.push(atoms.count - 1)));
  const resourceAtom = (p: string) => atoms.id(`r\u0000${p}`, () => (resourcePatterns.push(p), resourceAtoms.push(atoms.count - 1)));
  // Trust policies (N11): the caller is a dimension; each distinct Principal.RAM entry is an atom.
  const trust = input.granted.document.kind === 'trust';
  const principalEntries: string[] = [];
  const principalAtoms: number[] = [];
  const principalAtom = (e: string) => atoms.id(`p\u0000${e}`, () => (principalEntries.push(e), principalAtoms.push(atoms.count - 1)));
  const sides = [input.granted, ...(input.notGranted ? [input.notGranted] : [])].map((policy) =>
    policy.document.statements.map((s): ModelStatement => ({
      deny: s.effect === 'Deny',
      notAction: s.notActions !== undefined,
      // Stryker disable next-line ArrayDeclaration: equivalent (docs/testing.md), a valid statement has Action or NotAction
      actionAtoms: (s.actions ?? s.notActions ?? []).map(actionAtom),
      resourceAtoms: (s.resources ?? ['*']).map(resourceAtom),
      // Stryker disable next-line OptionalChaining,ArrayDeclaration: equivalent (docs/testing.md), a valid trust statement has a Principal (missing-element), whose RAM list is always there
      ...(trust ? { principalAtoms: (s.principal?.RAM ?? []).map(principalAtom) } : {}),
      clauses: s.conditions.map((c) => {
        const spec = operatorSpec(c.operator)!;
        const positive = operatorSpec(POSITIVE[c.operator] ?? c.operator)!;
        const values = [...new Set(c.values)].sort();
        const keyLower = c.key.toLowerCase();
        const key = keys.get(keyLower) ?? { name: c.key, atoms: [], languages: [] };
        keys.set(keyLower, key);
        const atom = atoms.id(`k\u0000${keyLower}\u0000${positive.name}\u0000${JSON.stringify(values)}`, () => {
          key.atoms.push(atoms.count - 1);
          key.languages.push({ spec: positive, values, predicates: values.map((v) => positive.compileValue(v)!) });
        });
        return { atom, negated: spec.negated };
      }),
      ref: { layer: trust ? 'resource' : 'identity', policy: policy.name, statement: s.index, effect: s.effect, ...(s.sid !== undefined ? { sid: s.sid } : {}) },
    })),
  );
  const actionScope = (input.actionScope ?? []).map(actionAtom);
  const actionScopeAlso = (input.actionScopeAlso ?? []).map(actionAtom);
  // Exclusions are one atom over a set of names (a trie), not one automaton per name.
  const excluded = (input.actionExclusions ?? []).map((a) => a.toLowerCase());
  const actionExclusions = excluded.length > 0 ? [atoms.count++] : [];
  const resourceScope = (input.resourceScope ?? []).map(resourceAtom);
  const maxStates = input.maxStates ?? 200_000;

  const actionMatchers = actionPatterns.map((p) => compileWildcard(p));
  const excludedSet = new Set(excluded);
  // The catalog's names are tried first, so witnesses name real actions; only the services the
  // patterns can name are built (named-services.ts: the regions and their names are the same).
  const catalogNames = input.catalog ? actionNamesFor(input.catalog, actionPatterns, excluded) : new Map<string, string>();
  const actionRegions = stringRegions(
    [...actionPatterns.map((pattern): StringPredicate => ({ kind: 'glob', pattern })), ...(excluded.length > 0 ? [{ kind: 'one-of' as const, values: excluded }] : [])],
    (v) => [...actionMatchers.map((m) => m.test(v)), ...(excluded.length > 0 ? [excludedSet.has(v)] : [])],
    // Stryker disable next-line BooleanLiteral: equivalent (docs/testing.md), the patterns and exclusions are lower-cased already, so the filter drops no character
    { lowerCaseOnly: true, maxStates, prefer: [...catalogNames.keys(), ...actionPatterns.flatMap(filled)] },
  );
  const resourceMatchers = resourcePatterns.map((p) => compileWildcard(p));
  const resourceRegions = stringRegions(
    resourcePatterns.map((pattern) => ({ kind: 'glob' as const, pattern })),
    (v) => resourceMatchers.map((m) => m.test(v)),
    { maxStates, prefer: [...(trust ? [WITNESS_ROLE_ARN] : []), ...exampleArns(input.catalog), ...resourcePatterns.flatMap(filled)] },
  );
  const dimensions: Dimension[] = [
    { kind: 'action', name: 'action', atoms: [...actionAtoms, ...actionExclusions], options: actionRegions.map((r) => ({ bits: r.signature, values: [catalogNames.get(r.value) ?? r.value] })) },
    { kind: 'resource', name: 'resource', atoms: resourceAtoms, options: resourceRegions.map((r) => ({ bits: r.signature, values: [r.value] })) },
  ];
  // N11: in a trust policy `acs:PrincipalARN` is the caller's ARN (the evaluator fills it in), so
  // string tests on it are atoms of the caller, not a key of their own.
  const arnKey = trust ? keys.get('acs:principalarn') : undefined;
  const coupled = arnKey !== undefined && arnKey.languages.every((l) => l.spec.family.name === 'string' || l.spec.family.name === 'string-ignore-case');
  if (trust) {
    const regions = principalRegions(principalEntries, coupled ? arnKey.languages : [], input.fallbackPrincipalArn ?? 'acs:ram::1234567890123456:user/ramguard-witness', maxStates);
    dimensions.push({ kind: 'principal', name: 'principal', atoms: [...principalAtoms, ...(coupled ? arnKey.atoms : [])], options: regions.map((r) => ({ bits: r.signature, values: [r.value] })) });
  }
  const inexactKeys: string[] = [];
  for (const [keyLower, key] of keys) {
    if (coupled && keyLower === 'acs:principalarn') continue;
    const regions = keyRegions(keyLower, key.languages, { alwaysPresent: input.alwaysPresentKeys.has(keyLower), singleValued: input.singleValuedKeys });
    if (regions.inexact) inexactKeys.push(key.name);
    dimensions.push({ kind: 'key', name: key.name, atoms: key.atoms, options: regions.options.map((o) => ({ bits: o.inLanguage, values: o.values })) });
  }
  return { atomCount: atoms.count, dimensions, sides, actionScope, actionScopeAlso, actionExclusions, actionPatterns, resourceScope, inexactKeys };
}
