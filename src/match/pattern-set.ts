/**
 * Many RAM wildcard patterns matched against one input at once (the values of a `StringLike`
 * clause). Testing every pattern against every value is P×R matcher calls; instead:
 *  - patterns without a wildcard are looked up in a map;
 *  - every other pattern that has a literal character must contain its longest literal run
 *    somewhere in the input, so one Aho–Corasick scan of the input over all those runs names the
 *    few candidates, and only they run the full matcher (./wildcard.ts);
 *  - patterns with no literal character at all (`*`, `?*`) are tested on every input.
 * The scan is in UTF-16 code units: a run that occurs as code points also occurs as code units,
 * so the filter never drops a pattern that matches. Each candidate is tested at most once per input.
 */
import { compileWildcard, hasWildcard, type WildcardMatcher } from './wildcard.js';

/** A set of patterns compiled once. */
export interface PatternSet {
  /** True when at least one pattern matches `input`. */
  test(input: string): boolean;
  /** Sets `hits[i]` for every pattern `i` that matches `input` (the trace's per-value answer). */
  mark(input: string, hits: boolean[]): void;
}

/** One distinct pattern and the positions it holds in the list. */
interface Group {
  matcher: WildcardMatcher;
  indices: number[];
  /** The number of the last input this pattern was tested on (each is tested once per input). */
  tested: number;
}

/** Compiles a list of patterns (duplicates allowed) into a set. */
export function compilePatternSet(patterns: readonly string[]): PatternSet {
  const exact = new Map<string, number[]>();
  const groups = new Map<string, Group>();
  patterns.forEach((p, i) => {
    // Stryker disable next-line ConditionalExpression: equivalent, an exact pattern compiled as a wildcard one matches the same inputs (docs/testing.md)
    if (!hasWildcard(p)) {
      const same = exact.get(p);
      if (same) same.push(i);
      else exact.set(p, [i]);
    }
    else if (groups.has(p)) groups.get(p)!.indices.push(i);
    else groups.set(p, { matcher: compileWildcard(p), indices: [i], tested: 0 });
  });
  const always: Group[] = [];
  const scanner = new RunScanner();
  for (const group of groups.values()) {
    const run = longestLiteralRun(group.matcher.pattern);
    // Stryker disable next-line ConditionalExpression: equivalent, a group tested for every input is still decided by its matcher (docs/testing.md)
    if (run === '') always.push(group);
    else scanner.add(run, group);
  }
  scanner.finish();
  let stamp = 0; // numbers the inputs, for Group.tested
  const visit = (input: string, onMatch: (g: Group) => boolean): void => {
    // Stryker disable next-line UpdateOperator: equivalent, counting down numbers the inputs apart just as well (docs/testing.md)
    stamp++;
    for (const g of always) if (g.matcher.test(input) && onMatch(g)) return;
    scanner.scan(input, (g) => {
      // Stryker disable next-line BooleanLiteral,ConditionalExpression: equivalent, unreachable: each group ends one run and each node is reported once per input (docs/testing.md)
      if (g.tested === stamp) return false;
      g.tested = stamp;
      return g.matcher.test(input) && onMatch(g);
    });
  };
  return {
    test(input) {
      if (exact.has(input)) return true;
      let found = false;
      visit(input, () => (found = true));
      return found;
    },
    mark(input, hits) {
      for (const i of exact.get(input) ?? []) hits[i] = true;
      visit(input, (g) => {
        for (const i of g.indices) hits[i] = true;
        return false;
      });
    },
  };
}

/** The longest run of literal characters between wildcards (`''` when there is none). */
function longestLiteralRun(pattern: string): string {
  let best = '';
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, any literal run of the pattern is a valid filter (docs/testing.md)
  for (const run of pattern.split(/[*?]/)) if (run.length > best.length) best = run;
  return best;
}

/** Most cells of the dense table (4 bytes each): 1 M cells, 4 MB, for about 20,000 run characters over 50 classes. */
const TABLE_BUDGET = 1 << 20;

/**
 * Aho–Corasick over code units. Nodes are numbers; all edges live in one map keyed by
 * `node * 65536 + code unit` (one map, not one per node: 10,000 runs make ~50,000 nodes).
 * `dict` links each node to the nearest node on its failure chain that ends a run.
 */
class RunScanner {
  private readonly edges = new Map<number, number>();
  private readonly parent: number[] = [0];
  private readonly unit: number[] = [0];
  private readonly depth: number[] = [0];
  private readonly ends = new Map<number, Group[]>();
  private fail = new Int32Array(1);
  // Stryker disable next-line UnaryOperator: equivalent, replaced by finish() before any scan (docs/testing.md)
  private dict = new Int32Array(1).fill(-1);
  /** Per node, the number of the last scan that reported its chain (each chain is walked once per input). */
  private seen = new Float64Array(1);
  private scans = 0;
  /**
   * The automaton as a dense table, when it is small enough: `table[node * classes + class]` is the
   * next node, failure links already followed, so a scan reads one number per input character
   * instead of looking up edges along the failure chain. Classes number the code units the runs
   * hold (0: any other). Undefined: the edge map is walked instead.
   */
  private table: Int32Array | undefined = undefined;
  private classes = 0;
  private readonly asciiClass = new Int32Array(128);
  private readonly otherClass = new Map<number, number>();
  /** Per node: 1 when it ends a run or its dictionary link does (something to report). */
  private reports = new Uint8Array(1);

  add(run: string, group: Group): void {
    let node = 0;
    for (let i = 0; i < run.length; i++) {
      const c = run.charCodeAt(i);
      let child = this.edges.get(node * 65536 + c);
      if (child === undefined) {
        child = this.parent.length;
        this.parent.push(node);
        this.unit.push(c);
        this.depth.push(this.depth[node]! + 1);
        this.edges.set(node * 65536 + c, child);
      }
      node = child;
    }
    const ending = this.ends.get(node);
    if (ending) ending.push(group);
    else this.ends.set(node, [group]);
  }

  /** Builds failure and dictionary links, parents before children (by depth). */
  finish(): void {
    const count = this.parent.length;
    this.fail = new Int32Array(count);
    // Stryker disable next-line UnaryOperator: equivalent, a root link to node 1 only adds candidates, which the matchers refuse (docs/testing.md)
    this.dict = new Int32Array(count).fill(-1);
    this.seen = new Float64Array(count);
    // Stryker disable next-line ArithmeticOperator: equivalent, the two extra numbers name no node: their reads are undefined and typed-array writes past the end are dropped (docs/testing.md)
    const order = Array.from({ length: count - 1 }, (_, i) => i + 1).sort((a, b) => this.depth[a]! - this.depth[b]!);
    for (const node of order) {
      const c = this.unit[node]!;
      let f = this.parent[node] === 0 ? -1 : this.fail[this.parent[node]!]!;
      let target: number | undefined;
      while (f >= 0 && (target = this.edges.get(f * 65536 + c)) === undefined) f = f === 0 ? -1 : this.fail[f]!;
      // Stryker disable next-line LogicalOperator,ConditionalExpression: equivalent, f < 0 only after a look-up found nothing, so `target` is undefined (docs/testing.md)
      this.fail[node] = f >= 0 && target !== undefined ? target : 0;
      const via = this.fail[node]!;
      this.dict[node] = this.ends.has(via) ? via : this.dict[via]!;
    }
    this.reports = new Uint8Array(count);
    // Stryker disable next-line EqualityOperator: equivalent, `reports[count]` is past the end; a dictionary link is -1 or a node above 0 (docs/testing.md)
    for (let node = 1; node < count; node++) if (this.ends.has(node) || this.dict[node]! >= 0) this.reports[node] = 1;
    this.buildTable(order);
  }

  /** The dense table (see `table`), built parents before children, when it stays under the budget. */
  // Stryker disable next-line BlockStatement: equivalent, without the dense table the scan follows the edge map, which finds the same runs (docs/testing.md)
  private buildTable(order: number[]): void {
    const count = this.parent.length;
    // Stryker disable next-line EqualityOperator: equivalent, node `count` does not exist: its character is undefined and takes a class no row reads (docs/testing.md)
    for (let node = 1; node < count; node++) {
      const c = this.unit[node]!;
      // Stryker disable next-line ConditionalExpression: equivalent, a character given a new class each time it occurs: the map keeps the last, and rows of unused classes are never read (docs/testing.md)
      if (c < 128 ? this.asciiClass[c] === 0 : !this.otherClass.has(c)) {
        const cls = ++this.classes;
        if (c < 128) this.asciiClass[c] = cls;
        else this.otherClass.set(c, cls);
      }
    }
    const classes = ++this.classes; // class 0 included
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: equivalent, with or without the dense table the scan finds the same runs (docs/testing.md)
    if (count * classes > TABLE_BUDGET) return;
    const table = new Int32Array(count * classes); // 0: back to the root
    // Stryker disable next-line EqualityOperator: equivalent, node `count` has no parent: its index is NaN and the write is dropped (docs/testing.md)
    for (let node = 1; node < count; node++) table[this.parent[node]! * classes + this.classOf(this.unit[node]!)] = node;
    // A missing edge follows the failure link, whose row is complete already (it is shallower).
    for (const node of order) {
      const fail = this.fail[node]!;
      const row = node * classes;
      for (let cls = 1; cls < classes; cls++) if (table[row + cls] === 0) table[row + cls] = table[fail * classes + cls]!;
    }
    this.table = table;
  }

  private classOf(c: number): number {
    return c < 128 ? this.asciiClass[c]! : (this.otherClass.get(c) ?? 0);
  }

  /** Calls `found` with the groups of every run occurring in `input`, until it returns true. */
  scan(input: string, found: (g: Group) => boolean): void {
    // Stryker disable next-line ConditionalExpression: equivalent, an automaton of the root alone reports nothing whether scanned or not (docs/testing.md)
    if (this.parent.length === 1) return;
    // Stryker disable next-line UpdateOperator: equivalent, counting down numbers the scans apart just as well (docs/testing.md)
    const scan = ++this.scans;
    const table = this.table;
    const classes = this.classes;
    let node = 0;
    // Stryker disable next-line EqualityOperator: equivalent, the code past the end is NaN, whose class 0 leads back to the root, which reports nothing (docs/testing.md)
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      // Stryker disable next-line ConditionalExpression: equivalent, the edge-map scan finds the same runs as the dense table (docs/testing.md)
      if (table) node = table[node * classes + this.classOf(c)]!;
      else {
        let child = this.edges.get(node * 65536 + c);
        while (child === undefined && node !== 0) {
          node = this.fail[node]!;
          child = this.edges.get(node * 65536 + c);
        }
        node = child ?? 0;
      }
      // Stryker disable next-line ConditionalExpression: equivalent, a node that reports nothing walks an empty chain (docs/testing.md)
      if (this.reports[node] === 0) continue;
      // Report this node and its dictionary chain, stopping at a node reported earlier in this input.
      // Stryker disable next-line LogicalOperator,ConditionalExpression: equivalent, past the root the walk reads -1 and undefined, reports nothing and stops (docs/testing.md)
      for (let at = node; at > 0 && this.seen[at] !== scan; at = this.dict[at]!) {
        this.seen[at] = scan;
        for (const g of this.ends.get(at) ?? []) if (found(g)) return;
      }
    }
  }
}
