/**
 * What the fast path of `evaluate` asks of the statements of a plan, group by group: whether any
 * Allow and any Deny apply, and which statements decided. Two answers to it: a plan's first
 * decision asks its statements one by one (`StatementCodes`), later ones ask its entries — each
 * body once (`EntryCodes`, fast-plan.ts), which costs a pass over the plan to make: a set compiled
 * for one decision would pay for it and never gain (issue 15). Both give the same answers
 * (test/eval/fast-plan.test.ts).
 */
import type { StatementRef } from '../decision/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PreparedRequest } from '../request/prepare.js';
import type { CompiledPolicySet, CompiledStatement } from './compile.js';
import type { TriCode } from './conditions.js';
import type { LayerPlan } from './layers.js';
import { statementApplies } from './statement.js';

/** Bits of a group's value: some Allow applies, some Deny applies. */
export const ALLOWS = 1;
export const DENIES = 2;
/** A group's value when some statement of it depends on unknown context. */
export const UNKNOWN_GROUP = -1;

/** The statements of one plan, for one request. */
export interface PlanCodes {
  /** `ALLOWS | DENIES` of what applies in the group, or UNKNOWN_GROUP. */
  group(p: LayerPlan): number;
  /** E5: whether the account level decides (some statement of the wanted effect, or any Allow, applies). */
  accountDecided(p: LayerPlan, wantDeny: boolean): boolean;
  /** Appends the group's statements of the wanted effect that apply, in document order. */
  collect(p: LayerPlan, wantDeny: boolean, out: StatementRef[]): void;
}

/** The plan's statements one by one, each statement and each body matched once. */
export class StatementCodes implements PlanCodes {
  private readonly count: number;
  /** codes[id] = 1 + the statement's code, codes[count + id of the body's first statement] = 1 + the body's; 0 = not yet. */
  private readonly codes: Uint8Array;
  private readonly resourceGroup: string | undefined;

  constructor(
    set: CompiledPolicySet,
    private readonly request: PreparedRequest,
    private readonly problems: Diagnostic[],
  ) {
    this.count = set.statementCount;
    this.codes = new Uint8Array(2 * this.count);
    this.resourceGroup = request.request.resourceGroup;
  }

  code(s: CompiledStatement): TriCode {
    const known = this.codes[s.id]!;
    if (known !== 0) return (known - 1) as TriCode;
    const group = s.resourceGroup; // defined exactly for resource-group-level statements
    const rg = this.resourceGroup;
    let c: TriCode;
    if (group !== undefined && rg !== undefined && group !== rg) c = 0; // E3
    else {
      const first = this.count + (s.same ?? s).id;
      const body = this.codes[first]!;
      // Plan statements come from the action index: their Action is known to match.
      if (body !== 0) c = (body - 1) as TriCode;
      else {
        // Stryker disable next-line ArithmeticOperator,BooleanLiteral: equivalent (docs/testing.md): a code stored off by one reads back as "not yet" or as a code that decides nothing; `false` tests the Action again, which matches again
        this.codes[first] = (c = statementApplies(s, this.request, this.problems, true)) + 1;
      }
    }
    if (c !== 0 && group !== undefined && rg === undefined) c = 2; // E4
    // Stryker disable next-line ArithmeticOperator: equivalent (docs/testing.md): a code stored off by one reads back as "not yet" or as a code that decides nothing
    this.codes[s.id] = c + 1;
    return c;
  }

  group(p: LayerPlan): number {
    let value = 0;
    for (const s of p.statements) {
      const c = this.code(s);
      if (c === 2) return UNKNOWN_GROUP;
      if (c === 1) value |= s.deny ? DENIES : ALLOWS;
    }
    return value;
  }

  accountDecided(p: LayerPlan, wantDeny: boolean): boolean {
    let decided = false;
    for (const s of p.statements) if (this.code(s) === 1 && (wantDeny || !s.deny)) decided = true;
    return decided;
  }

  collect(p: LayerPlan, wantDeny: boolean, out: StatementRef[]): void {
    for (const s of p.statements) if (s.deny === wantDeny && this.code(s) === 1) out.push(s.ref);
  }
}
