/**
 * String operators on a key whose values have a type (C7: `acs:SourceIp` is an IP address,
 * `acs:CurrentTime` a date-time, `acs:SecureTransport` a boolean). A request value of another
 * shape is an input error, so the values such a key can take are the values of its type — and a
 * policy value no such value can meet (`StringEquals acs:SourceIp "10.*"`) is known not to match
 * even when the request does not give the key (C11).
 *
 * Exact for `StringEquals` and `StringEqualsIgnoreCase` (and their negations), and for
 * `StringLike` on booleans (there are 48 spellings); for a `StringLike` pattern with a wildcard on
 * a date or an IP it is a sound test, not a complete one: the pattern cannot be met when it has a
 * literal character no value of the type contains or needs more characters than any value has.
 */
import { hasWildcard, compileWildcard } from '../match/wildcard.js';
import type { FamilyName, OperatorSpec, ValueFamily } from './spec.js';

/** What the values of a typed family can look like, beyond `read`: all of them, or bounds. */
type Shape =
  | { all: string[] }
  | {
      /** Every character a value may contain. */
      alphabet: string;
      /** The fewest and the most characters a value has. */
      minLength: number;
      maxLength: number;
    };

function caseSpellings(word: string): string[] {
  let out = [''];
  for (const c of word) out = out.flatMap((p) => [p + c.toLowerCase(), p + c.toUpperCase()]);
  return out;
}

const DIGITS = '0123456789';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const SHAPES: Partial<Record<FamilyName, Shape>> = {
  // 2026-01-01T00:00:00.123456789+08:00 is the longest form src/conditions/date.ts reads.
  // From 2026-01-01T00:00Z to 2026-01-01T00:00:00.123456789+08:00 (what src/conditions/date.ts reads).
  date: { alphabet: `${DIGITS}-+:.TZ`, minLength: 17, maxLength: 35 },
  // From `::` up; IPv6 zone ids (`fe80::1%eth0`) bring every ASCII letter and have no length limit.
  ip: { alphabet: `${DIGITS}${LETTERS}${LETTERS.toUpperCase()}.:%`, minLength: 2, maxLength: Infinity },
  bool: { all: [...caseSpellings('true'), ...caseSpellings('false')] },
};

/** ASCII letters upper-cased, nothing else (Unicode upper-casing turns `ı` into `I`). */
const asciiUpper = (s: string) => s.replace(/[a-z]/g, (c) => c.toUpperCase());

/**
 * True when some value of `family` passes the positive form of the string operator `spec` with
 * `policyValue`; undefined when `spec` is not a string operator or `family` is not typed.
 */
export function typedValueCanMeet(spec: OperatorSpec<unknown>, policyValue: string, family: ValueFamily<unknown>): boolean | undefined {
  const shape = SHAPES[family.name];
  if (!shape) return undefined;
  const valid = (v: string) => family.read(v) !== undefined;
  switch (spec.family.name) {
    case 'string':
      if ((spec.name !== 'StringLike' && spec.name !== 'StringNotLike') || !hasWildcard(policyValue)) return valid(policyValue);
      return patternCanMeet(policyValue, shape, valid);
    case 'string-ignore-case': {
      // Values of these types are ASCII, and their grammars either ignore case (IP, bool) or
      // take only upper-case letters (dates: `T`, `Z`): so `lower` or its upper-cased twin is the
      // only spelling to try.
      const lower = policyValue.toLowerCase();
      return [lower, asciiUpper(lower)].some((v) => valid(v) && v.toLowerCase() === lower);
    }
    default:
      return undefined;
  }
}

function patternCanMeet(pattern: string, shape: Shape, valid: (v: string) => boolean): boolean {
  if ('all' in shape) {
    const matcher = compileWildcard(pattern);
    return shape.all.some((v) => valid(v) && matcher.test(v));
  }
  let needed = 0; // characters the pattern needs: all but `*`
  for (const c of pattern) {
    if (c === '*') continue;
    needed++;
    if (c !== '?' && !shape.alphabet.includes(c)) return false;
  }
  if (needed > shape.maxLength) return false;
  return pattern.includes('*') || needed >= shape.minLength;
}
