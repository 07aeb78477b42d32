/**
 * The regions a set of string predicates cuts the space of all strings into, found exactly by
 * exploring the product of their automata breadth-first: every reachable product state is a
 * string prefix, and the predicates it accepts are that string's signature. Globs (RAM
 * wildcards: `*` any run, `?` one UTF-16 unit), exact values and case-insensitive values
 * (`toLowerCase` equality) are supported. Characters that no predicate names behave alike, so
 * one stand-in ("other") character covers them all: the alphabet is finite and so is the product.
 */
import { lowerCasePreimages } from './case-fold.js';

/** One string predicate. */
export type StringPredicate =
  | { kind: 'glob'; pattern: string }
  | { kind: 'equals'; value: string }
  | { kind: 'ignore-case'; value: string }
  /** One of a set of exact values (e.g. every catalog action): one automaton, a trie. */
  | { kind: 'one-of'; values: string[] }
  /** An ARN whose account field is exactly `account`, as `accountOfArn` reads it: `acs:(ram|sts):<no colon>*:<account>:...`. */
  | { kind: 'arn-account'; account: string };

/** A realizable signature and the shortest string found that has it. */
export interface StringRegion {
  /** One bit per predicate, in order. */
  signature: boolean[];
  value: string;
}

/** Thrown when exploring the product would exceed the state budget. */
export class AnalysisLimitError extends Error {}

interface Machine {
  start: string;
  step(state: string, symbol: string): string;
  accepts(state: string): boolean;
}

const DEAD = '!';

const BITS = 30;
const WORD = (1 << BITS) - 1;

/**
 * A glob simulated bit-parallel (shift-and over 30-bit words): bit i of the state means "the
 * first i pattern characters are matched"; a star keeps its bit and lets the next one follow.
 */
function globMachine(pattern: string): Machine {
  const n = pattern.length;
  const words = Math.floor(n / BITS) + 1;
  const stars = new Int32Array(words);
  const anyChar = new Int32Array(words);
  const literal = new Map<string, Int32Array>();
  for (let i = 0; i < n; i++) {
    const c = pattern[i]!;
    let target = c === '*' ? stars : c === '?' ? anyChar : literal.get(c);
    if (!target) literal.set(c, (target = new Int32Array(words)));
    target[Math.floor(i / BITS)]! |= 1 << i % BITS;
  }
  /** Adds, in place, every position a star lets through (stars may follow each other). */
  const close = (mask: Int32Array): void => {
    for (let changed = true; changed; ) {
      changed = false;
      let carry = 0;
      for (let w = 0; w < words; w++) {
        const starred = mask[w]! & stars[w]!;
        const add = ((starred << 1) & WORD) | carry;
        carry = (starred >> (BITS - 1)) & 1;
        if ((add & ~mask[w]!) !== 0) {
          mask[w] = mask[w]! | add;
          changed = true;
        }
      }
    }
  };
  // States are strings for the product's keys; their masks are kept so a step never re-parses.
  const masks = new Map<string, Int32Array>();
  const parse = (state: string): Int32Array => masks.get(state) ?? Int32Array.from(state.split(','), Number);
  // Stryker disable next-line ArithmeticOperator: equivalent (docs/testing.md), read only by `accepts`, which stringRegions never calls (signatures come from `check`)
  const acceptWord = Math.floor(n / BITS);
  // Stryker disable next-line ArithmeticOperator: equivalent, read only by `accepts` (see above)
  const acceptBit = 1 << n % BITS;
  const start = new Int32Array(words);
  start[0] = 1;
  close(start);
  return {
    start: start.join(','),
    step(state, symbol) {
      let mask = parse(state);
      for (let u = 0; u < symbol.length; u++) {
        const matches = literal.get(symbol[u]!);
        const next = new Int32Array(words);
        let carry = 0;
        for (let w = 0; w < words; w++) {
          const moving = mask[w]! & ~stars[w]! & ((matches ? matches[w]! : 0) | anyChar[w]!);
          next[w] = ((moving << 1) & WORD) | carry | (mask[w]! & stars[w]!);
          carry = (moving >> (BITS - 1)) & 1;
        }
        close(next);
        mask = next;
      }
      const key = mask.join(',');
      masks.set(key, mask);
      return key;
    },
    // Stryker disable next-line all: equivalent (docs/testing.md), no caller reads a machine's `accepts`: stringRegions takes each string's signature from `check`
    accepts: (state) => (Number(state.split(',')[acceptWord]) & acceptBit) !== 0,
  };
}

/** Exact match over UTF-16 units, or over the lower-cased text (advancing by each symbol's lower case). */
function prefixMachine(value: string, fold: boolean): Machine {
  return {
    // Stryker disable next-line StringLiteral: equivalent (docs/testing.md), `Number('')` is 0 too and no step returns to the start
    start: '0',
    step(state, symbol) {
      if (state === DEAD) return DEAD;
      const at = Number(state);
      const piece = fold ? symbol.toLowerCase() : symbol;
      return value.startsWith(piece, at) ? String(at + piece.length) : DEAD;
    },
    // Stryker disable next-line all: equivalent, `accepts` is never called (see globMachine)
    accepts: (state) => state === String(value.length),
  };
}

function oneOfMachine(values: string[]): Machine {
  const prefixes = new Set<string>();
  for (const v of values) for (let i = 0; i <= v.length; i++) prefixes.add(v.slice(0, i));
  const members = new Set(values);
  return {
    // Stryker disable next-line StringLiteral: equivalent (docs/testing.md), the start's text after its first character is '' either way, and no step returns to it
    start: '=',
    step(state, symbol) {
      if (state === DEAD) return DEAD;
      const next = state.slice(1) + symbol;
      return prefixes.has(next) ? '=' + next : DEAD;
    },
    // Stryker disable next-line all: equivalent, `accepts` is never called (see globMachine)
    accepts: (state) => state !== DEAD && members.has(state.slice(1)),
  };
}

const ARN_HEADS = ['acs:ram:', 'acs:sts:'];

/** `accountOfArn(arn) === account` as an automaton (the regex `^acs:(?:ram|sts):[^:]*:<account>:`). */
function arnAccountMachine(account: string): Machine {
  const tail = account + ':';
  const stepUnit = (state: string, c: string): string => {
    if (state === DEAD || state === 'ok') return state;
    if (state[0] === 'h') {
      const text = state.slice(1) + c;
      if (!ARN_HEADS.some((h) => h.startsWith(text))) return DEAD;
      return text.length === ARN_HEADS[0]!.length ? 'r' : 'h' + text;
    }
    if (state === 'r') return c === ':' ? 'a0' : 'r';
    const at = Number(state.slice(1));
    if (tail[at] !== c) return DEAD;
    return at + 1 === tail.length ? 'ok' : `a${at + 1}`;
  };
  return {
    start: 'h',
    step(state, symbol) {
      for (let u = 0; u < symbol.length; u++) state = stepUnit(state, symbol[u]!);
      return state;
    },
    // Stryker disable next-line all: equivalent, `accepts` is never called (see globMachine)
    accepts: (state) => state === 'ok',
  };
}

function machineOf(p: StringPredicate): Machine {
  if (p.kind === 'one-of') return oneOfMachine(p.values);
  if (p.kind === 'arn-account') return arnAccountMachine(p.account);
  if (p.kind === 'glob') return globMachine(p.pattern);
  if (p.kind === 'equals') return prefixMachine(p.value, false);
  return prefixMachine(p.value.toLowerCase(), true);
}

/** A machine determinised on demand: states numbered from 0 (the start), transitions cached per symbol. */
class InternedMachine {
  private ids = new Map<string, number>();
  private keys: string[] = [];
  private table: number[][] = [];
  constructor(
    private machine: Machine,
    private alphabet: string[],
  ) {
    this.intern(machine.start);
  }
  private intern(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
      this.table.push(new Array<number>(this.alphabet.length).fill(-1));
    }
    return id;
  }
  next(id: number, symbol: number): number {
    const row = this.table[id]!;
    let to = row[symbol]!;
    if (to < 0) row[symbol] = to = this.intern(this.machine.step(this.keys[id]!, this.alphabet[symbol]!));
    return to;
  }
}

/** Characters tried, in order, as the stand-in for every character no predicate names. */
const OTHER_CANDIDATES = 'xzqjkwvyubcdefghilmnoprsta0123456789_.-#~';

/**
 * The alphabet: every UTF-16 unit a glob or exact value names, every character whose lower case
 * spells part of a case-insensitive value, and one stand-in. `lowerCaseOnly` restricts it to
 * characters that are their own lower case (actions are compared lower-cased).
 */
function alphabetOf(predicates: StringPredicate[], lowerCaseOnly: boolean): string[] {
  const symbols = new Set<string>();
  for (const p of predicates) {
    if (p.kind === 'glob') for (let i = 0; i < p.pattern.length; i++) if (p.pattern[i] !== '*' && p.pattern[i] !== '?') symbols.add(p.pattern[i]!);
    if (p.kind === 'equals') for (let i = 0; i < p.value.length; i++) symbols.add(p.value[i]!);
    if (p.kind === 'one-of') for (const v of p.values) for (let i = 0; i < v.length; i++) symbols.add(v[i]!);
    if (p.kind === 'arn-account') {
      const text = ARN_HEADS.join('') + p.account;
      for (let i = 0; i < text.length; i++) symbols.add(text[i]!);
    }
    if (p.kind === 'ignore-case') {
      const lower = p.value.toLowerCase();
      for (let i = 0; i < lower.length; i++) for (let len = 1; len <= 3 && i + len <= lower.length; len++) for (const x of lowerCasePreimages(lower.slice(i, i + len))) symbols.add(x);
    }
  }
  const caseSensitiveText = predicates.map((p) => (p.kind === 'glob' ? p.pattern : p.kind === 'equals' ? p.value : p.kind === 'one-of' ? p.values.join('') : p.kind === 'arn-account' ? p.account : '')).join('');
  // Capital sigma lower-cases by context (final ς); it is needed only where a case-sensitive value
  // names it, or names σ: then Σ is the one string equal to `σ` ignoring case and not exactly.
  if (!caseSensitiveText.includes('Σ') && !caseSensitiveText.includes('σ')) symbols.delete('Σ');
  const taken = new Set<string>();
  for (const s of symbols) {
    taken.add(s);
    taken.add(s.toLowerCase());
  }
  const other = [...OTHER_CANDIDATES].find((c) => !taken.has(c)) ?? String.fromCharCode(0x2603);
  const list = [...symbols].filter((s) => !lowerCaseOnly || s.toLowerCase() === s);
  list.push(other);
  return list;
}

/**
 * Every signature some string realizes, each with a shortest string found for it. `check` gives
 * the real signature of a string (the evaluator's own predicates): the result holds only what
 * `check` confirms, so it never claims a region that does not exist.
 */
export function stringRegions(
  predicates: StringPredicate[],
  check: (value: string) => boolean[],
  options: { lowerCaseOnly?: boolean; maxStates?: number; prefer?: string[] } = {},
): StringRegion[] {
  const found = new Map<string, StringRegion>();
  const record = (value: string): void => {
    const signature = check(value);
    const key = signature.map((b) => (b ? '1' : '0')).join('');
    if (!found.has(key)) found.set(key, { signature, value });
  };
  for (const value of options.prefer ?? []) record(value);
  const alphabet = alphabetOf(predicates, options.lowerCaseOnly ?? false);
  const machines = predicates.map((p) => new InternedMachine(machineOf(p), alphabet));
  const maxStates = options.maxStates ?? 200_000;
  const startIds = new Uint16Array(machines.length);
  const keyOf = (ids: Uint16Array): string => String.fromCharCode.apply(null, ids as unknown as number[]);
  // Stryker disable next-line ArrayDeclaration: equivalent (docs/testing.md), a string back at the start state has the empty string's signature, recorded first
  const seen = new Set<string>([keyOf(startIds)]);
  let frontier: [Uint16Array, string][] = [[startIds, '']];
  record('');
  // One UTF-16 unit per machine state keys the product; a machine with 0xffff states stops the search.
  const scratch = new Uint16Array(machines.length);
  while (frontier.length > 0) {
    const next: [Uint16Array, string][] = [];
    for (const [states, text] of frontier) {
      for (let symbol = 0; symbol < alphabet.length; symbol++) {
        for (let i = 0; i < machines.length; i++) {
          const id = machines[i]!.next(states[i]!, symbol);
          if (id >= 0xffff) throw new AnalysisLimitError(`an automaton of more than ${0xffff} states`);
          scratch[i] = id;
        }
        const key = keyOf(scratch);
        if (seen.has(key)) continue;
        if (seen.size >= maxStates) throw new AnalysisLimitError(`more than ${maxStates} automaton states for ${predicates.length} string patterns`);
        seen.add(key);
        const value = text + alphabet[symbol]!;
        record(value);
        next.push([scratch.slice(), value]);
      }
    }
    frontier = next;
  }
  return [...found.values()];
}
