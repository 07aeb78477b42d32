/**
 * The choices a request has for one condition key. A clause tests whether some value of the key
 * lies in its language (the values its policy values accept), so what matters about a key is, per
 * distinct language, "is some value in it" — a vector; a key that is absent gives the zero vector
 * (positive operators false, negated true: C2–C3). The realizable vectors are the ORs of the
 * signatures single values realize (several values: several signatures), found exactly per family.
 */
import { boolFamily } from '../conditions/bool.js';
import type { FamilyName, OperatorSpec, ValueFamily } from '../conditions/spec.js';
import { TYPED_KEYS } from '../request/prepare.js';
import { AnalysisLimitError, stringRegions, type StringPredicate } from './string-regions.js';
import { BOOL_CANDIDATES, dateCandidates, ipCandidates, numericCandidates } from './typed-values.js';

/** One distinct language on a key: an operator family's positive form and its policy values. */
export interface KeyLanguage {
  spec: OperatorSpec<unknown>;
  values: string[];
  predicates: ((read: unknown) => boolean)[];
}

/** One choice for a key: which languages some value falls in, and the values that do it. */
export interface KeyOption {
  inLanguage: boolean[];
  /** The key's values; empty = the key is absent. */
  values: string[];
}

/** The options of one key, and whether they are exact (see `inexact`). */
export interface KeyRegions {
  options: KeyOption[];
  /**
   * True when the key is read both as a string and as a number, date or IP: the spellings of a
   * number are not explored exhaustively, so a missing region is possible (N7).
   */
  inexact: boolean;
}

/** Options for `keyRegions`. */
export interface KeyRegionOptions {
  /** The key is in every request (acs:CurrentTime, ...): no absent choice (N5). */
  alwaysPresent: boolean;
  /** Each request gives the key at most one value (N6). */
  singleValued: boolean;
  maxOptions?: number;
}

const familyOf = (l: KeyLanguage): ValueFamily<unknown> => l.spec.family;

function allCaseSpellings(word: string): string[] {
  let out = [''];
  for (const c of word) out = out.flatMap((p) => [p + c.toLowerCase(), p + c.toUpperCase()]);
  return out;
}

/** The string automata of a key's string-family languages (globs, exact and case-insensitive values). */
export function stringPredicates(languages: KeyLanguage[]): StringPredicate[] {
  return languages.flatMap((l) =>
    l.values.map((v): StringPredicate => {
      const name = l.spec.name;
      if (name === 'StringLike' || name === 'StringNotLike') return { kind: 'glob', pattern: v };
      if (name.includes('IgnoreCase')) return { kind: 'ignore-case', value: v };
      return { kind: 'equals', value: v };
    }),
  );
}

/** Every realizable single-value signature, with a value for each. */
function singleValueRegions(keyLower: string, languages: KeyLanguage[]): { regions: { signature: boolean[]; value: string }[]; inexact: boolean } {
  const families = new Map<FamilyName, ValueFamily<unknown>>();
  for (const l of languages) families.set(familyOf(l).name, familyOf(l));
  const typedKey = TYPED_KEYS[keyLower];
  if (typedKey) families.set(typedKey.name, typedKey);
  const readable = (v: string) => [...families.values()].every((f) => f.read(v) !== undefined);
  const check = (v: string) => {
    const reads = new Map<FamilyName, unknown>();
    return languages.map((l) => {
      const family = l.spec.family;
      if (!reads.has(family.name)) reads.set(family.name, family.read(v));
      const read = reads.get(family.name);
      return read !== undefined && l.predicates.some((p) => p(read));
    });
  };
  const typed = [...families.keys()].filter((f) => f !== 'string' && f !== 'string-ignore-case');
  const hasStrings = typed.length < families.size;
  const bounds = (family: FamilyName) => languages.filter((l) => familyOf(l).name === family).flatMap((l) => l.values);
  if (typed.length === 0) return { regions: stringRegions(stringPredicates(languages), check), inexact: false };
  let candidates: string[];
  const first = typed[0]!;
  if (first === 'bool' || typed.includes('bool')) candidates = BOOL_CANDIDATES.flatMap(allCaseSpellings).filter((v) => boolFamily.read(v) !== undefined);
  else if (first === 'numeric') candidates = numericCandidates(bounds('numeric').map(Number));
  else if (first === 'date') candidates = dateCandidates(bounds('date').map((v) => familyOf(languages.find((l) => familyOf(l).name === 'date')!).read(v) as number));
  else candidates = ipCandidates(bounds('ip'));
  const inexact = hasStrings && typed.length === 1 && !typed.includes('bool');
  if (inexact) {
    // Best effort: the policy's own string values are spellings worth trying.
    for (const l of languages) if (familyOf(l).name === 'string' || familyOf(l).name === 'string-ignore-case') candidates.push(...l.values, ...l.values.map((v) => v.replace(/\*/g, '').replace(/\?/g, '0')));
  }
  const found = new Map<string, { signature: boolean[]; value: string }>();
  for (const v of candidates) {
    if (!readable(v)) continue;
    const signature = check(v);
    const key = signature.join();
    if (!found.has(key)) found.set(key, { signature, value: v });
  }
  return { regions: [...found.values()], inexact };
}

/** The options of one key given every language tested on it (in both policies). */
export function keyRegions(keyLower: string, languages: KeyLanguage[], options: KeyRegionOptions): KeyRegions {
  const { regions, inexact } = singleValueRegions(keyLower, languages);
  const max = options.maxOptions ?? 100_000;
  const byVector = new Map<string, KeyOption>();
  const zero = languages.map(() => false);
  if (!options.alwaysPresent) byVector.set(zero.join(), { inLanguage: zero, values: [] });
  for (const r of regions) {
    const additions: KeyOption[] = [{ inLanguage: r.signature, values: [r.value] }];
    if (!options.singleValued) {
      for (const existing of byVector.values()) {
        if (existing.values.length === 0) continue;
        additions.push({ inLanguage: existing.inLanguage.map((b, i) => b || r.signature[i]!), values: [...existing.values, r.value] });
      }
    }
    for (const a of additions) {
      const key = a.inLanguage.join();
      if (!byVector.has(key)) byVector.set(key, a);
      if (byVector.size > max) throw new AnalysisLimitError(`more than ${max} value combinations for one condition key`);
    }
  }
  return { options: [...byVector.values()], inexact };
}
