/**
 * warning: a statement whose conditions on one key can never hold together, so the statement
 * never applies. Several values of one clause are an OR: a clause conflicts only when none of its
 * values can hold with the other clauses.
 */
import { readIpRange, samePrefix } from '../../conditions/ip.js';
import { readDecimal } from '../../conditions/numeric.js';
import { readIsoDateTime } from '../../conditions/date.js';
import { compileWildcard } from '../../match/wildcard.js';
import type { ConditionClause } from '../../policy/types.js';
import type { LintRule } from '../types.js';
import { patternCovers } from './hygiene-support.js';

/** Why the clauses on one key conflict, as a message, or undefined when they can hold. */
type Check = (key: string, clauses: ConditionClause[]) => string | undefined;

const named = (clauses: ConditionClause[]): string => [...new Set(clauses.map((c) => `\`${c.operator}\``))].join(', ');

/** A positive string clause whose every value a negated clause excludes (holds for any number of request values). */
const strings: Check = (key, clauses) => {
  const negated = clauses.filter((c) => c.operator === 'StringNotEquals' || c.operator === 'StringNotEqualsIgnoreCase' || c.operator === 'StringNotLike');
  if (negated.length === 0) return undefined;
  const excluders = (operator: string, value: string): ConditionClause[] =>
    negated.filter((n) =>
      n.values.some((excluded) => {
        if (operator === 'StringEquals') {
          if (n.operator === 'StringNotEquals') return excluded === value;
          if (n.operator === 'StringNotEqualsIgnoreCase') return excluded.toLowerCase() === value.toLowerCase();
          return compileWildcard(excluded).test(value);
        }
        if (operator === 'StringEqualsIgnoreCase') return n.operator === 'StringNotEqualsIgnoreCase' && excluded.toLowerCase() === value.toLowerCase();
        if (operator === 'StringLike') return n.operator === 'StringNotLike' ? patternCovers(excluded, value) : n.operator === 'StringNotEquals' && !/[*?]/.test(value) && excluded === value;
        return false;
      }),
    );
  for (const positive of clauses) {
    if (positive.operator !== 'StringEquals' && positive.operator !== 'StringEqualsIgnoreCase' && positive.operator !== 'StringLike') continue;
    const by = positive.values.map((v) => excluders(positive.operator, v));
    if (by.every((b) => b.length > 0)) return `every \`${positive.operator}\` value of \`${key}\` is excluded by ${named(by.flat())} on the same key`;
  }
  return undefined;
};

/** An `IpAddress` clause whose every range lies inside a `NotIpAddress` range (any number of request values). */
const addresses: Check = (key, clauses) => {
  const outside = clauses.filter((c) => c.operator === 'NotIpAddress').flatMap((c) => c.values.map(readIpRange)).filter((r) => r !== undefined);
  if (outside.length === 0) return undefined;
  for (const inside of clauses.filter((c) => c.operator === 'IpAddress')) {
    const all = inside.values.every((v) => {
      const range = readIpRange(v);
      return range !== undefined && outside.some(([n, p]) => n.kind === range[0].kind && range[1] >= p && samePrefix(range[0].bytes, n.bytes, p));
    });
    if (all) return `every \`IpAddress\` range of \`${key}\` lies inside a \`NotIpAddress\` range on the same key`;
  }
  return undefined;
};

/** A bound: the request value must be above (or below) `value`, or equal to it too when not strict. */
interface Bound {
  value: number;
  strict: boolean;
  clause: ConditionClause;
  text: string;
}

/** The ordered families, Numeric and Date: equal-and-not-equal, and bounds that leave no value. */
function ordered(prefix: 'Numeric' | 'Date', read: (v: string) => number | undefined): Check {
  const op = (c: ConditionClause): string | undefined => (c.operator.startsWith(prefix) ? c.operator.slice(prefix.length) : undefined);
  /** The clause's values read, or undefined when one cannot be read (then the clause is left out). */
  const valuesOf = (c: ConditionClause): { value: number; text: string }[] | undefined => {
    const parsed = c.values.map((text) => ({ value: read(text), text }));
    return parsed.every((v) => v.value !== undefined) ? (parsed as { value: number; text: string }[]) : undefined;
  };
  return (key, clauses) => {
    const excluded = new Set(clauses.filter((c) => op(c) === 'NotEquals').flatMap((c) => c.values.map(read)).filter((v) => v !== undefined));
    // The tightest lower and upper bounds: a clause `GreaterThan` [a, b] holds above the smaller of a and b.
    let lower: Bound | undefined;
    let upper: Bound | undefined;
    for (const c of clauses) {
      const kind = op(c);
      const values = valuesOf(c);
      if (!values || values.length === 0) continue;
      if (kind === 'GreaterThan' || kind === 'GreaterThanEquals') {
        const weakest = values.reduce((a, b) => (b.value < a.value ? b : a));
        const bound = { ...weakest, strict: kind === 'GreaterThan', clause: c };
        if (!lower || bound.value > lower.value || (bound.value === lower.value && bound.strict)) lower = bound;
      } else if (kind === 'LessThan' || kind === 'LessThanEquals') {
        const weakest = values.reduce((a, b) => (b.value > a.value ? b : a));
        const bound = { ...weakest, strict: kind === 'LessThan', clause: c };
        if (!upper || bound.value < upper.value || (bound.value === upper.value && bound.strict)) upper = bound;
      }
    }
    const fits = (v: number): boolean =>
      !excluded.has(v) && (!lower || v > lower.value || (v === lower.value && !lower.strict)) && (!upper || v < upper.value || (v === upper.value && !upper.strict));
    for (const c of clauses.filter((x) => op(x) === 'Equals')) {
      const values = valuesOf(c);
      if (!values || values.some((v) => fits(v.value))) continue;
      const others = clauses.filter((x) => x === lower?.clause || x === upper?.clause || (op(x) === 'NotEquals' && values.some((v) => x.values.some((t) => read(t) === v.value))));
      return `no \`${c.operator}\` value of \`${key}\` satisfies ${named(others)} on the same key`;
    }
    if (!lower || !upper) return undefined;
    const empty = lower.value > upper.value || (lower.value === upper.value && (lower.strict || upper.strict || excluded.has(lower.value)));
    if (!empty) return undefined;
    return `no value of \`${key}\` is both \`${lower.clause.operator}\` \`${lower.text}\` and \`${upper.clause.operator}\` \`${upper.text}\``;
  };
}

const CHECKS: Check[] = [strings, addresses, ordered('Numeric', readDecimal), ordered('Date', readIsoDateTime)];

export const impossibleCondition: LintRule = {
  id: 'impossible-condition',
  severity: 'warning',
  title: 'conditions on one key that can never hold together',
  help: 'fix the values (a swapped date range, a typo), or remove the statement: as written it never applies',
  check({ policy, report }) {
    for (const s of policy.statements) {
      const byKey = new Map<string, ConditionClause[]>();
      for (const c of s.conditions) byKey.set(c.key.toLowerCase(), [...(byKey.get(c.key.toLowerCase()) ?? []), c]);
      for (const clauses of byKey.values()) {
        if (clauses.length < 2) continue;
        const key = clauses[0]!.key;
        for (const check of CHECKS) {
          const why = check(key, clauses);
          if (why === undefined) continue;
          report({ path: `${s.sourcePath}/Condition`, message: `the statement never applies: ${why}` });
          break;
        }
      }
    }
  },
};
