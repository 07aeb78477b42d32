/**
 * The bounds every parse holds to, whatever the input: how deep it may nest, how much YAML aliases
 * may add, and how many diagnostics one file may produce. A character limit alone is not enough:
 * 650 KB of YAML with ten aliases expands to half a million nodes, and a 30 KB file of duplicate
 * keys yields five thousand diagnostics, each with a code frame of the whole line.
 */
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';

/**
 * Deepest nesting of arrays and objects (counting the document itself as 1). A RAM policy needs
 * 6 (`Statement` → statement → `Condition` → operator → key → values), a snapshot or scenario with
 * an inline policy about 12, a Terraform plan two per module level; every walker of parsed data
 * (the parsers themselves, schema checks, `JSON.stringify`) recurses far below V8's stack at 64.
 */
export const MAX_DEPTH = 64;

/** YAML aliases one document may use: each costs the YAML library a scan of the earlier ones. */
export const MAX_ALIASES = 10_000;

/**
 * What YAML aliases may add to a document, in characters of its JSON form: this many, or as many
 * as the document itself has when it is bigger (so it at most doubles). Later work — schema
 * checks, `JSON.stringify`, diagnostics — is linear in the expanded document, so it stays a small
 * multiple of the input, whatever the aliases.
 */
export const ALIAS_EXPANSION_ALLOWANCE = 100_000;

/** The code, message and help of input nested deeper than MAX_DEPTH; `what` names what nests. */
export function tooDeep(what = 'the document'): Pick<Diagnostic, 'code' | 'severity' | 'message'> & { help: string } {
  return { code: 'too-deep', severity: 'error', message: `${what} nests deeper than ${MAX_DEPTH} levels`, help: 'a RAM policy nests 6 levels deep; check that this is the right file' };
}

/** Diagnostics kept per file; the rest are counted in one `too-many-diagnostics` diagnostic. */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, 'security-warning': 1, warning: 2, suggestion: 3 };

// How many diagnostics each `too-many-diagnostics` summary stands for, so that capping a list that
// already holds summaries (a snapshot gathering its policies' capped lists) adds their counts up
// instead of counting each summary as one. Keyed by the summary object: nothing here outlives it.
const omittedCounts = new WeakMap<object, number>();

/** Marks `copy` as standing for the same omitted diagnostics as `summary` (for code that copies diagnostics). */
export function carryOmitted<T extends object>(summary: object, copy: T): T {
  const count = omittedCounts.get(summary);
  if (count !== undefined) omittedCounts.set(copy, count);
  return copy;
}

/** How many diagnostics a `too-many-diagnostics` summary made by `capDiagnostics` stands for. */
export function omittedBy(d: Diagnostic): number | undefined {
  return omittedCounts.get(d);
}

/**
 * Collects diagnostics up to `keep` and counts the rest, so that a check producing one per item
 * of a 190,000-item list holds a thousand in memory, not all of them (placing and sorting them
 * all took seconds and hundreds of MB). `summary()` stands for the ones not kept.
 */
export class DiagnosticBudget<T extends Pick<Diagnostic, 'severity'>> {
  readonly kept: T[] = [];
  private omitted = 0;
  private worst: Severity = 'suggestion';

  constructor(private readonly keep = 10 * MAX_DIAGNOSTICS_PER_FILE) {}

  /** Keeps `d` while there is room (`always`: whatever the room, for the one that matters most). */
  add(d: T, always?: 'always'): void {
    if (this.kept.length < this.keep || always) this.kept.push(d);
    else {
      this.omitted++;
      if (SEVERITY_RANK[d.severity] < SEVERITY_RANK[this.worst]) this.worst = d.severity;
    }
  }

  addAll(list: Iterable<T>): void {
    for (const d of list) this.add(d);
  }

  /** A `too-many-diagnostics` summary of the ones not kept (for `capDiagnostics` to merge), if any. */
  summary(file?: string): Diagnostic | undefined {
    return this.omitted === 0 ? undefined : summaryOf(this.omitted, this.worst, file, MAX_DIAGNOSTICS_PER_FILE);
  }
}

function summaryOf(count: number, severity: Severity, file: string | undefined, limit: number): Diagnostic {
  const summary: Diagnostic = {
    code: 'too-many-diagnostics',
    severity,
    message: `… and ${count} more ${count === 1 ? 'diagnostic' : 'diagnostics'} in this file, not shown`,
    ...(file !== undefined ? { file } : {}),
    path: '',
    help: `ramguard shows at most ${limit} per file; fix these first (one mistake often causes many)`,
  };
  omittedCounts.set(summary, count);
  return summary;
}

interface Omitted<T> {
  count: number;
  severity: Severity;
  sample: T;
}

/**
 * Keeps the first `limit` diagnostics of each file, in order, and puts one `too-many-diagnostics`
 * diagnostic per file at the end for the rest: `… and N more`, as severe as the worst one left out
 * (so an exit code does not change). Summaries already in the list are merged into the new one.
 * `complete` adds what a richer diagnostic type needs (a lint finding's kind) from one left out.
 */
export function capDiagnostics<T extends Diagnostic>(
  diagnostics: readonly T[],
  options: { limit?: number; complete?: (summary: Diagnostic, sample: T) => T } = {},
): T[] {
  const limit = options.limit ?? MAX_DIAGNOSTICS_PER_FILE;
  const kept: T[] = [];
  const keptPerFile = new Map<string | undefined, number>();
  const omitted = new Map<string | undefined, Omitted<T>>();
  const omit = (d: T, count: number): void => {
    const entry = omitted.get(d.file);
    if (!entry) omitted.set(d.file, { count, severity: d.severity, sample: d });
    else {
      entry.count += count;
      if (SEVERITY_RANK[d.severity] < SEVERITY_RANK[entry.severity]) entry.severity = d.severity;
    }
  };
  for (const d of diagnostics) {
    const summarised = omittedCounts.get(d);
    if (summarised !== undefined) {
      omit(d, summarised);
      continue;
    }
    const n = keptPerFile.get(d.file) ?? 0;
    if (n < limit) {
      keptPerFile.set(d.file, n + 1);
      kept.push(d);
    } else omit(d, 1);
  }
  for (const [file, { count, severity, sample }] of omitted) {
    const summary = summaryOf(count, severity, file, limit);
    kept.push(options.complete ? carryOmitted(summary, options.complete(summary, sample)) : (summary as T));
  }
  return kept;
}
