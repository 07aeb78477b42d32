/**
 * The choices a request has for one condition key (src/analysis/key-regions.ts), called directly:
 * which string automaton each operator becomes, the regions of a key read both as a bool and as a
 * string (every case spelling), of a typed common key tested only as a string, the best-effort
 * spellings of a key read both as a number and as a string (N7), the absent choice, and the limit
 * on combinations (issue 17: the brute-force tests reached these only through random policies).
 */
import { describe, expect, it } from 'vitest';
import { operatorSpec } from '../../src/conditions/operators.js';
import { keyRegions, stringPredicates, type KeyLanguage, type KeyOption } from '../../src/analysis/key-regions.js';
import { AnalysisLimitError } from '../../src/analysis/string-regions.js';
import { readIpAddress } from '../../src/conditions/ip.js';

/** A key's language as src/analysis/model.ts builds it: the operator's spec, its values, a predicate per value. */
function language(operator: string, values: string[]): KeyLanguage {
  const spec = operatorSpec(operator)!;
  return { spec, values, predicates: values.map((v) => spec.compileValue(v)!) };
}

/** Whether `value` falls in each language, as the evaluator reads it. */
function signatureOf(languages: KeyLanguage[], value: string): boolean[] {
  return languages.map((l) => {
    const read = l.spec.family.read(value);
    return read !== undefined && l.predicates.some((p) => p(read));
  });
}

/** Every option's single value realizes its signature; the options' signatures, as strings. */
function checkedSignatures(languages: KeyLanguage[], options: KeyOption[]): string[] {
  for (const o of options) if (o.values.length === 1) expect(signatureOf(languages, o.values[0]!), o.values[0]).toEqual(o.inLanguage);
  return options.map((o) => o.inLanguage.map((b) => (b ? 'T' : 'F')).join('')).sort();
}

const single = { alwaysPresent: false, singleValued: true };

describe('string automata of a key', () => {
  it('are globs for StringLike and StringNotLike, case-insensitive for the IgnoreCase operators, else exact', () => {
    const languages = [language('StringLike', ['a*']), language('StringNotLike', ['b?']), language('StringEqualsIgnoreCase', ['C']), language('StringNotEqualsIgnoreCase', ['d']), language('StringEquals', ['e', 'f'])];
    expect(stringPredicates(languages)).toEqual([
      { kind: 'glob', pattern: 'a*' },
      { kind: 'glob', pattern: 'b?' },
      { kind: 'ignore-case', value: 'C' },
      { kind: 'ignore-case', value: 'd' },
      { kind: 'equals', value: 'e' },
      { kind: 'equals', value: 'f' },
    ]);
  });
});

describe('a key read both as a bool and as a string', () => {
  it('has a region for each case spelling the strings tell apart', () => {
    // Given Bool true, StringEquals TRUE and StringEquals true on one key
    const languages = [language('Bool', ['true']), language('StringEquals', ['TRUE']), language('StringEquals', ['true'])];
    // When its single-value regions are found
    const { options, inexact } = keyRegions('ramguard:flag', languages, single);
    // Then TRUE, true, another spelling of true, and false or the absent key (alike) are the choices
    expect(checkedSignatures(languages, options)).toEqual(['FFF', 'TFF', 'TFT', 'TTF']);
    expect(options.find((o) => o.inLanguage.join() === 'true,true,false')?.values).toEqual(['TRUE']);
    expect(options.find((o) => o.inLanguage.join() === 'true,false,true')?.values).toEqual(['true']);
    expect(options.find((o) => o.values.length === 0)).toEqual({ inLanguage: [false, false, false], values: [] });
    expect(inexact).toBe(false);
  });

  it('offers true and false (read as booleans) for a Bool key alone', () => {
    const languages = [language('Bool', ['false'])];
    const { options } = keyRegions('acs:mfapresent', languages, { alwaysPresent: true, singleValued: true });
    expect(options.map((o) => o.values)).toEqual([['true'], ['false']]);
    expect(options.map((o) => o.inLanguage)).toEqual([[false], [true]]);
  });
});

describe('a typed common key tested only as a string', () => {
  it('is explored through values of its type, and is inexact (its strings are not explored)', () => {
    // Given acs:SourceIp (read as an IP address by every request, C7) tested with StringLike 10.0.*
    const languages = [language('StringLike', ['10.0.*'])];
    const { options, inexact } = keyRegions('acs:sourceip', languages, { alwaysPresent: true, singleValued: true });
    // Then the values offered are IP addresses (here one, outside 10.0.*), and the result says a
    // region may be missing: the strings of the glob are not all explored as addresses
    for (const o of options) for (const v of o.values) expect(readIpAddress(v), v).toBeDefined();
    expect(options).toEqual([{ inLanguage: [false], values: ['0.0.0.0'] }]);
    expect(inexact).toBe(true);
  });
});

describe('a key read both as a number and as a string (N7, best effort)', () => {
  const cases: [string, string, string][] = [
    ['StringEquals', '07', '07'],
    ['StringEqualsIgnoreCase', '07', '07'],
    // A glob's `*` dropped and its `?` written as 0: spellings of the number the glob accepts.
    ['StringLike', '0*7', '07'],
    ['StringLike', '0?7', '007'],
  ];
  it.each(cases)('tries the policy value of %s %s as a spelling of the number (%s)', (operator, value, spelling) => {
    // Given NumericEquals 7 and a string operator whose value is another spelling of 7
    const languages = [language('NumericEquals', ['7']), language(operator, [value])];
    const { options, inexact } = keyRegions('ramguard:count', languages, single);
    // Then a value in both languages is found, the policy's spelling, and the result says it is inexact
    expect(options.find((o) => o.inLanguage.join() === 'true,true')?.values).toEqual([spelling]);
    expect(checkedSignatures(languages, options)).toContain('TF');
    expect(inexact).toBe(true);
  });

  it('is exact for a key read as a number only', () => {
    const languages = [language('NumericLessThan', ['7'])];
    const { options, inexact } = keyRegions('ramguard:count', languages, single);
    // (a value not below 7 gives the absent key's signature, so the absent choice stands for it)
    expect(checkedSignatures(languages, options)).toEqual(['F', 'T']);
    expect(inexact).toBe(false);
  });
});

describe('combinations of values', () => {
  const languages = [language('StringEquals', ['a']), language('StringEquals', ['b'])];
  const multi = { alwaysPresent: false, singleValued: false };

  it('are the ORs of single-value signatures, besides the absent key', () => {
    const { options } = keyRegions('ramguard:tag', languages, multi);
    expect(options[0]).toEqual({ inLanguage: [false, false], values: [] });
    expect(options.find((o) => o.inLanguage.join() === 'true,true')?.values.sort()).toEqual(['a', 'b']);
    expect(options).toHaveLength(4);
  });

  it('stop at maxOptions with an analysis limit error, and not before', () => {
    const count = keyRegions('ramguard:tag', languages, multi).options.length;
    expect(keyRegions('ramguard:tag', languages, { ...multi, maxOptions: count }).options).toHaveLength(count);
    const run = () => keyRegions('ramguard:tag', languages, { ...multi, maxOptions: count - 1 });
    expect(run).toThrow(AnalysisLimitError);
    expect(run).toThrow(`more than ${count - 1} value combinations for one condition key`);
  });
});
