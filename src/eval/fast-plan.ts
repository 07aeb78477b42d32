/**
 * A decision plan made ready for the fast path (issue 15). A plan's statements repeat bodies (a
 * guard Deny in every policy, the same Allow twice), and a request decides each body once; so
 * the plan is kept as *entries* — one per distinct body and resource group (E3, E4 tell statements
 * of one body apart only by their resource group) — and a group's Allow and Deny are read off its
 * entries, not walked statement by statement. A large set's resource patterns are matched in one
 * pass over the request's resource (../match/pattern-set.ts) instead of one matcher per body.
 * The answers are those of the statements one by one: test/eval/fast-plan.test.ts checks it.
 */
import type { StatementRef } from '../decision/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compilePatternSet } from '../match/pattern-set.js';
import type { PreparedRequest } from '../request/prepare.js';
import type { CompiledStatement } from './compile.js';
import type { TriCode } from './conditions.js';
import type { DecisionPlan, LayerPlan } from './layers.js';
import { ALLOWS, DENIES, UNKNOWN_GROUP, type PlanCodes } from './plan-codes.js';
import { statementApplies } from './statement.js';

/** One group's statements as entries of its plan. */
export interface GroupEntries {
  // Plain arrays of small integers, not typed arrays: making a typed array costs several times more,
  // and a plan made for one decision (a set compiled per call) pays for every one of them.
  /** The plan's entry of each distinct entry of the group, in order of first appearance. */
  ids: number[];
  /** Per item of `ids`: 1 when an Allow statement of the group has it, 2 a Deny, 3 both. */
  effects: number[];
  /** Per statement of the group (`LayerPlan.statements[i]`): its entry in the plan. */
  of: number[];
  /** Per item of `ids`: its Allow statements' references, in document order. */
  allows: StatementRef[][];
  /** Per item of `ids`: its Deny statements' references, in document order. */
  denies: StatementRef[][];
  /** The group's place in its plan (`groupsOf` order), for per-evaluation notes (EntryCodes). */
  index: number;
}

/** The plan's entries and bodies. */
export interface FastPlan {
  /** The first statement of each distinct body the plan holds: the one matched. */
  bodies: CompiledStatement[];
  /** Per entry: its body (index into `bodies`). */
  entryBody: number[];
  /** Per entry: the resource group of its statements (resource-group level), else undefined. */
  entryGroup: (string | undefined)[];
  /** The number of groups of the plan. */
  groupCount: number;
  /** The bodies' resource patterns as one set, when there are enough to be worth it. */
  resources: ResourceIndex | undefined;
  /** The zeros an evaluation's codes start from (EntryCodes), copied per evaluation: copying a packed array beats filling one. */
  zeros: number[];
}

/** The resource patterns of a plan's bodies, matched together. */
interface ResourceIndex {
  /** Per pattern: whether it matches `resource`. */
  hitsOf(resource: string): boolean[];
  /** Per body: the indexes of its patterns. */
  ofBody: number[][];
}

/** Below this many bodies with a Resource, each body's own matchers are cheaper than one pass. */
const RESOURCE_INDEX_MIN = 16;

/** Every group of a plan, consulted or not, in one fixed order. */
export function groupsOf(plan: DecisionPlan): LayerPlan[] {
  return [...plan.control, ...(plan.session ? [plan.session] : []), plan.account, plan.resourceGroup, plan.resource];
}

/** Builds the entries of a plan and of its groups (once per plan: plans are memoised per set and action). */
export function fastPlan(plan: DecisionPlan): FastPlan {
  // Stryker disable next-line ArrayDeclaration: equivalent (docs/testing.md), an element before the first body only moves every body's index by one
  const bodies: CompiledStatement[] = [];
  const bodyOf = new Map<CompiledStatement, number>();
  const entryBody: number[] = [];
  const entryGroup: (string | undefined)[] = [];
  // Entries by body, then (resource-group level only) by resource group.
  const plainEntry = new Map<number, number>();
  const groupedEntry = new Map<number, Map<string, number>>();
  const entryOf = (s: CompiledStatement): number => {
    const first = s.same ?? s;
    let body = bodyOf.get(first);
    // Stryker disable next-line ConditionalExpression: equivalent, a body made anew each time: more bodies, each decided alike (docs/testing.md)
    if (body === undefined) {
      bodyOf.set(first, (body = bodies.length));
      bodies.push(first);
    }
    const rg = s.resourceGroup;
    let byGroup: Map<number, number> | Map<string, number> = plainEntry;
    let key: number | string = body;
    // Stryker disable next-line ConditionalExpression: equivalent, an entry of its own each time: more entries, each decided alike (docs/testing.md)
    if (rg !== undefined) {
      let inner = groupedEntry.get(body);
      // Stryker disable next-line ConditionalExpression: equivalent, an entry of its own each time, as above
      if (!inner) groupedEntry.set(body, (inner = new Map()));
      byGroup = inner;
      key = rg;
    }
    let entry = (byGroup as Map<number | string, number>).get(key);
    // Stryker disable next-line ConditionalExpression: equivalent, an entry of its own each time, as above
    if (entry === undefined) {
      (byGroup as Map<number | string, number>).set(key, (entry = entryBody.length));
      entryBody.push(body);
      entryGroup.push(rg);
    }
    return entry;
  };
  // Each group keeps its own entries (`LayerPlan.entries`): the fast path reads them group by group.
  const groups = groupsOf(plan);
  // Stryker disable next-line ConditionalExpression: equivalent, the entries of no statements are empty either way (docs/testing.md)
  groups.forEach((p, index) => (p.entries = p.statements.length === 0 ? { ...NO_ENTRIES, index } : groupEntries(p, index, entryOf)));
  const zeros: number[] = [];
  // Stryker disable next-line EqualityOperator: equivalent, one zero more at the end, never read (docs/testing.md)
  for (let i = bodies.length + entryBody.length + 3 * groups.length; i > 0; i--) zeros.push(0); // packed from the start, unlike `new Array(n)`
  return { bodies, entryBody, entryGroup, groupCount: groups.length, resources: resourceIndex(bodies), zeros };
}

/** The entries of every empty group (most layers of most sets are empty); never changed. */
const NO_ENTRIES: Omit<GroupEntries, 'index'> = Object.freeze({ ids: [], effects: [], of: [], allows: [], denies: [] });

function groupEntries(p: LayerPlan, index: number, entryOf: (s: CompiledStatement) => number): GroupEntries {
  // Stryker disable next-line ArrayDeclaration: equivalent, the length only pre-sizes the array, filled index by index
  const of = new Array<number>(p.statements.length);
  const local = new Map<number, number>();
  const ids: number[] = [];
  // Stryker disable next-line ArrayDeclaration: equivalent (docs/testing.md), a first element is overwritten by the first entry's effect and the extra last one is never read
  const effects: number[] = [];
  const allows: StatementRef[][] = [];
  const denies: StatementRef[][] = [];
  p.statements.forEach((s, i) => {
    const entry = (of[i] = entryOf(s));
    let at = local.get(entry);
    // Stryker disable next-line ConditionalExpression: equivalent, a slot of its own each time: several slots of one entry walk to the same statements
    if (at === undefined) {
      local.set(entry, (at = ids.length));
      ids.push(entry);
      effects.push(0);
      allows.push([]);
      denies.push([]);
    }
    effects[at] = effects[at]! | (s.deny ? 2 : 1);
    (s.deny ? denies : allows)[at]!.push(s.ref);
  });
  return { ids, effects, of, allows, denies, index };
}

// Stryker disable next-line BlockStatement: equivalent, without the index each body matches its own resources (docs/testing.md)
function resourceIndex(bodies: CompiledStatement[]): ResourceIndex | undefined {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,MethodExpression,ArrowFunction: equivalent, the threshold only chooses one pass or each body's matchers (docs/testing.md)
  if (bodies.filter((s) => s.resources !== undefined).length < RESOURCE_INDEX_MIN) return undefined;
  const position = new Map<string, number>();
  const ofBody = bodies.map((s) =>
    (s.resources ?? []).map((m) => {
      let i = position.get(m.pattern);
      if (i === undefined) position.set(m.pattern, (i = position.size));
      return i;
    }),
  );
  const patterns = compilePatternSet([...position.keys()]);
  const count = position.size;
  return {
    hitsOf(resource) {
      // Stryker disable next-line ArrayDeclaration: equivalent, a pattern not marked reads as undefined, as false
      const hits = new Array<boolean>(count).fill(false);
      patterns.mark(resource, hits);
      return hits;
    },
    ofBody,
  };
}

/**
 * The code of each entry for one request, each body matched once (0 does not apply, 1 applies,
 * 2 unknown): what `statementApplies` gives each statement of the entry, with E3 and E4 applied.
 * One per evaluation; a class, so the hot loops call one method of one shape.
 */
export class EntryCodes implements PlanCodes {
  private readonly bodyCount: number;
  /**
   * codes[body] and codes[bodyCount + entry]: 1 + the code, 0 = not computed yet; then three notes
   * per group that `group` answered in full (0 = not answered): 1 + its value, 3 + allowAt, 3 + denyAt.
   * One array for all: each allocation counts in a decision of a few statements.
   */
  private readonly codes: number[];
  private readonly notesAt: number;
  /** Per pattern of the resource index: whether it matches the request's resource (made on first need). */
  private hits: boolean[] | undefined = undefined;
  private readonly resourceGroup: string | undefined;

  constructor(
    private readonly fast: FastPlan,
    private readonly request: PreparedRequest,
    private readonly problems: Diagnostic[],
  ) {
    this.bodyCount = fast.bodies.length;
    this.notesAt = this.bodyCount + fast.entryGroup.length;
    // A plain array of small integers (a typed array costs more to make than to fill a small one),
    // copied from the plan's zeros.
    this.codes = fast.zeros.slice();
    this.resourceGroup = request.request.resourceGroup;
  }

  code(entry: number): TriCode {
    const known = this.codes[this.bodyCount + entry]!;
    // Stryker disable next-line ConditionalExpression: equivalent, the code recomputed instead of read back is the same code (docs/testing.md)
    if (known !== 0) return (known - 1) as TriCode;
    const group = this.fast.entryGroup[entry];
    const rg = this.resourceGroup;
    let c: TriCode;
    if (group !== undefined && rg !== undefined && group !== rg) c = 0; // E3
    else c = this.bodyCode(this.fast.entryBody[entry]!);
    if (c !== 0 && group !== undefined && rg === undefined) c = 2; // E4
    // Stryker disable next-line ArithmeticOperator: equivalent, a code stored off by one reads back as "not yet" or as a code that decides nothing (docs/testing.md)
    this.codes[this.bodyCount + entry] = c + 1;
    return c;
  }

  group(p: LayerPlan): number {
    const { ids, effects } = p.entries!;
    let value = 0;
    // The applying entries of each effect, noted on the way for accountDecided and collect:
    // -1 none, -2 several, else the one (its index in `ids`).
    let allowAt = -1;
    let denyAt = -1;
    // Stryker disable next-line EqualityOperator: equivalent, one step past the end reads code(undefined): NaN, neither 1 nor 2 (docs/testing.md)
    for (let i = 0; i < ids.length; i++) {
      const c = this.code(ids[i]!);
      // Stryker disable next-line ConditionalExpression: equivalent, every group with an entry unknown: the symbolic path decides alike (docs/testing.md)
      if (c === 2) return UNKNOWN_GROUP;
      if (c === 1) {
        const effect = effects[i]!;
        value |= effect;
        // Stryker disable next-line ConditionalExpression,UnaryOperator: equivalent, an entry wrongly noted adds an empty list, and -2 walks the statements: the same list (docs/testing.md)
        if (effect & ALLOWS) allowAt = allowAt === -1 ? i : -2;
        // Stryker disable next-line ConditionalExpression,UnaryOperator: equivalent, as the line above
        if (effect & DENIES) denyAt = denyAt === -1 ? i : -2;
      }
    }
    const at = this.notesAt + 3 * p.entries!.index;
    this.codes[at] = value + 1;
    this.codes[at + 1] = allowAt + 3;
    this.codes[at + 2] = denyAt + 3;
    return value;
  }

  accountDecided(p: LayerPlan, wantDeny: boolean): boolean {
    const noted = this.codes[this.notesAt + 3 * p.entries!.index]!;
    // Stryker disable next-line ArithmeticOperator: equivalent, adding 2 leaves the low bit as it was (docs/testing.md)
    if (noted !== 0) return wantDeny ? noted - 1 !== 0 : ((noted - 1) & ALLOWS) !== 0;
    const { ids, effects } = p.entries!;
    let decided = false;
    // Every entry is matched, as every statement was before entries: what a match reports stays the same.
    for (let i = 0; i < ids.length; i++) if (this.code(ids[i]!) === 1 && (wantDeny || effects[i]! & ALLOWS)) decided = true;
    return decided;
  }

  collect(p: LayerPlan, wantDeny: boolean, out: StatementRef[]): void {
    const { ids, effects, of, allows, denies } = p.entries!;
    // The entries that decide: usually one, whose statements are then taken in document order as they are.
    let only = -1;
    const at = this.notesAt + 3 * p.entries!.index;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent (docs/testing.md), notes read where none were left give -3, which walks the statements as no note does
    if (this.codes[at] !== 0) only = this.codes[at + (wantDeny ? 2 : 1)]! - 3;
    else {
      const wanted = wantDeny ? DENIES : ALLOWS;
      // Stryker disable next-line UnaryOperator: equivalent, -2 walks the statements, which gives the same list (docs/testing.md)
      for (let i = 0; i < ids.length; i++) if (effects[i]! & wanted && this.code(ids[i]!) === 1) only = only === -1 ? i : -2;
    }
    // Stryker disable next-line ConditionalExpression: equivalent, with no applying entry the walk finds nothing (docs/testing.md)
    if (only === -1) return;
    // Stryker disable next-line BlockStatement,ConditionalExpression,EqualityOperator: equivalent, walking the statements gives the one entry's statements in document order
    if (only >= 0) {
      for (const ref of (wantDeny ? denies : allows)[only]!) out.push(ref);
      return;
    }
    const statements = p.statements;
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i]!;
      if (s.deny === wantDeny && this.code(of[i]!) === 1) out.push(s.ref);
    }
  }

  private bodyCode(body: number): TriCode {
    const done = this.codes[body]!;
    // Stryker disable next-line ConditionalExpression: equivalent, as in `code`: the same code recomputed
    if (done !== 0) return (done - 1) as TriCode;
    const s = this.fast.bodies[body]!;
    const index = this.fast.resources;
    let hit: boolean | undefined;
    // Stryker disable next-line BlockStatement: equivalent, without the index's answer the statement matches its own resources
    if (index && s.resources !== undefined) {
      const hits = (this.hits ??= index.hitsOf(this.request.request.resource));
      hit = false;
      for (const i of index.ofBody[body]!) if (hits[i]) hit = true;
    }
    // Plan statements come from the action index: their Action is known to match. A Resource that
    // matches nothing decides at once (matching Action and Resource reports nothing).
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: equivalent, a resource that matched nothing gives 0 in statementApplies too, and `false` tests the matched Action again (docs/testing.md)
    const c = hit === false ? 0 : statementApplies(s, this.request, this.problems, true, hit);
    // Stryker disable next-line ArithmeticOperator: equivalent (docs/testing.md), a code stored off by one reads back as "not yet" or as a code that decides nothing
    this.codes[body] = c + 1;
    return c;
  }
}
