/**
 * stringRegions (src/analysis/string-regions.ts) called directly: for small predicate sets, every
 * signature some string realizes and the first string the breadth-first search finds for it
 * (shortest, then in the order of the alphabet: the characters the predicates name, in order, then
 * one stand-in). The expected values are written out, so a change to the alphabet, the automata or
 * the search shows here (issue 17: it was reached only through the analysis' answers).
 */
import { describe, expect, it } from 'vitest';
import { AnalysisLimitError, stringRegions, type StringPredicate } from '../../src/analysis/string-regions.js';

/** The predicates' meaning, written independently of the automata: what `check` gives stringRegions. */
function truth(p: StringPredicate, v: string): boolean {
  switch (p.kind) {
    case 'glob': {
      const source = [...p.pattern].map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
      return new RegExp(`^${source}$`).test(v);
    }
    case 'equals':
      return v === p.value;
    case 'ignore-case':
      return v.toLowerCase() === p.value.toLowerCase();
    case 'one-of':
      return p.values.includes(v);
    case 'arn-account':
      return v.startsWith('acs:ram:') || v.startsWith('acs:sts:') ? v.slice(8).split(':')[1] === p.account && v.slice(8).split(':').length > 2 : false;
  }
}

const regions = (predicates: StringPredicate[], options: Parameters<typeof stringRegions>[2] = {}) =>
  stringRegions(predicates, (v) => predicates.map((p) => truth(p, v)), options).map((r) => [r.signature.map((b) => (b ? 1 : 0)).join(''), r.value]);

const glob = (pattern: string): StringPredicate => ({ kind: 'glob', pattern });

describe('globs', () => {
  it('finds the empty string first, then each region at its shortest', () => {
    expect(regions([glob('a*')])).toEqual([
      ['0', ''],
      ['1', 'a'],
    ]);
  });

  it('spells a wildcard with the stand-in, never with `*` or `?` themselves', () => {
    expect(regions([glob('?')])).toEqual([
      ['0', ''],
      ['1', 'x'],
    ]);
  });

  it('lets stars that follow each other match nothing: `**a` matches `a`, and `x` is kept apart from it', () => {
    // Were the star closure one step behind, `a` and `x` would reach one state of `**a` and `x` would not be tried
    expect(regions([glob('**a'), glob('?')])).toEqual([
      ['00', ''],
      ['11', 'a'],
      ['01', 'x'],
      ['10', 'aa'],
    ]);
  });

  it('carries a star across the 30-bit word: position 29 a star, position 30 a literal', () => {
    const pattern = 'a'.repeat(29) + '*b';
    expect(regions([glob(pattern)])).toContainEqual(['1', 'a'.repeat(29) + 'b']);
  });

  it('starts past the first word when the stars fill it', () => {
    expect(regions([glob('*'.repeat(30) + 'a')])).toEqual([
      ['0', ''],
      ['1', 'a'],
    ]);
  });
});

describe('the stand-in character', () => {
  it('is the first candidate no predicate names, in either case', () => {
    // `x` is named, so the stand-in is `z`
    expect(regions([glob('x'), glob('?')])).toEqual([
      ['00', ''],
      ['11', 'x'],
      ['01', 'z'],
    ]);
    // `X` is named: its lower case `x` is taken too
    expect(regions([glob('X'), glob('?')])).toEqual([
      ['00', ''],
      ['11', 'X'],
      ['01', 'z'],
    ]);
  });

  it('is U+2603 when every candidate is named', () => {
    const all = 'xzqjkwvyubcdefghilmnoprsta0123456789_.-#~';
    // One character, none of the candidates: only the stand-in
    expect(regions([{ kind: 'one-of', values: [all] }, glob('?'), { kind: 'one-of', values: [...all] }])).toContainEqual(['010', '☃']);
  });
});

describe('exact, case-insensitive and one-of values', () => {
  it('finds an exact value, and the case-insensitive value in another case', () => {
    expect(regions([{ kind: 'ignore-case', value: 'ab' }, { kind: 'equals', value: 'AB' }])).toContainEqual(['11', 'AB']);
    // The case-insensitive automaton steps on `A` as on `a`: else `Ab` would share the dead state of `AB`
    expect(regions([{ kind: 'ignore-case', value: 'ab' }, glob('A*')])).toContainEqual(['11', 'Ab']);
  });

  it('keeps only characters that are their own lower case when asked (actions)', () => {
    expect(regions([{ kind: 'equals', value: 'B' }, glob('?')], { lowerCaseOnly: true })).toEqual([
      ['00', ''],
      ['01', 'x'],
    ]);
    expect(regions([{ kind: 'equals', value: 'B' }, glob('?')])).toEqual([
      ['00', ''],
      ['11', 'B'],
      ['01', 'x'],
    ]);
  });

  it('leaves capital sigma out of a case-insensitive alphabet (it lower-cases to final ς at the end of a word)', () => {
    // `aΣ` lower-cases to `aς`: were Σ in the alphabet, it would stand for `aσ` and hide it
    expect(regions([{ kind: 'ignore-case', value: 'aσ' }])).toEqual([
      ['0', ''],
      ['1', 'aσ'],
    ]);
  });

  it('keeps capital sigma where a case-sensitive predicate names σ: `Σ` equals `σ` ignoring case, not exactly', () => {
    expect(regions([{ kind: 'equals', value: 'σ' }, { kind: 'ignore-case', value: 'σ' }])).toEqual([
      ['00', ''],
      ['11', 'σ'],
      ['01', 'Σ'],
    ]);
    expect(regions([glob('σ*'), { kind: 'ignore-case', value: 'σ' }])).toContainEqual(['01', 'Σ']);
  });

  it('keeps capital sigma where a case-sensitive predicate names it', () => {
    for (const named of [{ kind: 'equals', value: 'aΣ' }, glob('aΣ'), { kind: 'one-of', values: ['aΣ'] }, { kind: 'arn-account', account: 'Σ' }] as StringPredicate[]) {
      expect(regions([named, { kind: 'ignore-case', value: 'aσ' }]).map(([s]) => s), named.kind).toContain(named.kind === 'arn-account' ? '00' : '10');
      if (named.kind !== 'arn-account') expect(regions([named, { kind: 'ignore-case', value: 'aσ' }])).toContainEqual(['10', 'aΣ']);
      else expect(regions([named])).toContainEqual(['1', 'acs:sts::Σ:']);
    }
  });

  it('finds a one-of value and the strings that are none of them', () => {
    expect(regions([{ kind: 'one-of', values: ['ab', 'b'] }])).toEqual([
      ['0', ''],
      ['1', 'b'],
    ]);
  });
});

describe('ARN accounts', () => {
  it('finds the shortest ARN of the account, with the characters of both heads and the account only', () => {
    expect(regions([{ kind: 'arn-account', account: '1' }])).toEqual([
      ['0', ''],
      ['1', 'acs:sts::1:'],
    ]);
  });

  it('keeps an ARN of the account apart from one of another account after the account field', () => {
    expect(new Set(regions([{ kind: 'arn-account', account: '1' }, glob('*:r')]).map(([s]) => s))).toEqual(new Set(['00', '01', '10', '11']));
  });

  it('adds no character of its own beside the heads and the account', () => {
    // A first character that is none of `acs:rm` and not `?`: `t`, the next one the heads name
    const others = ['a', 'c', 's', ':', 'r', 'm'].map(glob);
    expect(regions([{ kind: 'arn-account', account: '1' }, glob('?'), ...others])).toContainEqual(['01000000', 't']);
  });
});

describe('options', () => {
  it('tries preferred values first', () => {
    expect(regions([glob('a*')], { prefer: ['abc'] })).toEqual([
      ['1', 'abc'],
      ['0', ''],
    ]);
  });

  it('stops at the state budget, and not before it', () => {
    // `ab` over the alphabet a, b, x: the states of '', 'a', 'ab' and the dead one
    expect(regions([glob('ab')], { maxStates: 4 })).toEqual([
      ['0', ''],
      ['1', 'ab'],
    ]);
    expect(() => regions([glob('ab')], { maxStates: 3 })).toThrow(new AnalysisLimitError('more than 3 automaton states for 1 string patterns'));
  });
});

describe('one automaton of 65,536 states', () => {
  it('is past the limit of the product key (one UTF-16 unit per state): AnalysisLimitError, not a wrong answer', () => {
    // Binary strings whose trie has 65,535 nodes, the empty one included, and the dead state: ids 0 to 0xffff
    const values: string[] = [];
    for (let length = 1, prefixes = 1; prefixes < 0xffff; length++) {
      for (let n = 0; n < 2 ** length && prefixes < 0xffff; n++, prefixes++) values.push(n.toString(2).padStart(length, '0'));
    }
    expect(() => stringRegions([{ kind: 'one-of', values }], () => [false])).toThrow(new AnalysisLimitError('an automaton of more than 65535 states'));
  });
});
