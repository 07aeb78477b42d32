/** Text report: findings grouped by file, each with line:column, severity, rule, message and a code frame. */
import type { Finding } from '../engine.js';
import type { Suppression } from '../config.js';
import { carryOmitted } from '../../parse/limits.js';
import { capFindings } from './cap.js';
import { keptParts, type PartStore, type PartStoreFactory } from './parts.js';
import { suggestionOf } from './suggestion.js';

/** Characters of a source line a code frame shows at most: one minified line must not print megabytes. */
export const FRAME_WIDTH = 120;
/** Of those, how many come before the finding's column when the line is cut. */
const FRAME_LEAD = 40;
const MAX_CARETS = 80;

/**
 * A two-line code frame: the source line and a caret under the finding's columns. A line longer
 * than FRAME_WIDTH shows a window around the column, with `…` where it is cut. `line` is the
 * finding's source line (see `renderLintText`, which splits each file once).
 */
export function codeFrame(text: string | undefined, f: Finding, line = text?.split('\n')[(f.range?.line ?? 0) - 1]): string[] {
  if (text === undefined || !f.range || line === undefined) return [];
  const column = f.range.column - 1;
  const width = f.range.endLine === f.range.line ? Math.max(1, f.range.endColumn - f.range.column) : Math.max(1, line.length - column);
  let start = 0;
  let end = line.length;
  if (line.length > FRAME_WIDTH) {
    start = Math.max(0, Math.min(column - FRAME_LEAD, line.length - FRAME_WIDTH));
    end = start + FRAME_WIDTH;
  }
  const before = start > 0 ? '…' : '';
  const shown = `${before}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
  const gutter = `${f.range.line} | `;
  const carets = Math.max(1, Math.min(width, MAX_CARETS, end - column));
  return [`    ${gutter}${shown}`, `    ${' '.repeat(gutter.length)}${' '.repeat(before.length + column - start)}${'^'.repeat(carets)}`];
}

/** `1 error`, `0 errors`, `2 errors`: every noun of the summary agrees with its number. */
function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * A finding with its code frame already cut from its file: the CLI keeps these instead of every
 * file's text until the report (lint of many files keeps one file's text at a time).
 */
export type FramedFinding = Finding & { frame?: readonly string[] };

/** Each finding of one file with its code frame, cut from the file's `text` once (see `codeFrame`). */
export function withFrames<F extends Finding>(findings: readonly F[], text: string): (F & { frame: readonly string[] })[] {
  if (findings.length === 0) return [];
  const sourceLines = text.split('\n');
  // carryOmitted: a `too-many-diagnostics` finding keeps the count it stands for (capFindings reads it).
  return findings.map((f) => carryOmitted(f, { ...f, frame: codeFrame(text, f, sourceLines[(f.range?.line ?? 0) - 1]) }));
}

/** One file's part of the report: its name, each finding with its frame and did-you-mean, a blank line. */
function fileBlock(file: string, list: readonly FramedFinding[], text: string | undefined, verbose: boolean): string[] {
  const lines = [file];
  const sourceLines = text?.split('\n'); // once per file, not once per finding
  for (const f of list) {
    const at = f.range ? `${f.range.line}:${f.range.column}` : '-';
    const origin = `${f.origin ? ` [${f.origin}]` : ''} (${f.kind} policy)`;
    lines.push(`  ${at.padEnd(8)} ${f.severity.padEnd(16)} ${f.code.padEnd(36)} ${f.message}${origin}`);
    const frame = text !== undefined ? codeFrame(text, f, sourceLines?.[(f.range?.line ?? 0) - 1]) : (f.frame ?? []);
    for (const frameLine of frame) lines.push(frameLine);
    if (verbose && f.help) lines.push(`    help: ${f.help}`);
    else if (suggestionOf(f)) lines.push(`    ${suggestionOf(f)}`);
  }
  lines.push('');
  return lines;
}

/** A suppressed finding as `--verbose` lists it. */
const suppressedLine = ([f, s]: [Finding, Suppression]) => `suppressed: ${f.file}:${f.range?.line ?? '-'} ${f.code} at ${f.path}: ${s.reason}`;

/** Findings by severity, for the summary line. */
type SeverityCounts = Record<'error' | 'security-warning' | 'warning' | 'suggestion', number>;

function summaryLine(total: number, counts: SeverityCounts, suppressed: number): string {
  return `${counted(total, 'finding')}: ${counted(counts.error, 'error')}, ${counted(counts['security-warning'], 'security warning')}, ${counted(counts.warning, 'warning')}, ${counted(counts.suggestion, 'suggestion')}${suppressed ? `; ${suppressed} suppressed` : ''}`;
}

/**
 * The whole text report. `texts` maps file names to their contents, for code frames; a finding of
 * a file not in `texts` shows the frame it carries (`withFrames`), if any.
 */
export function renderLintText(findings: FramedFinding[], texts: Map<string, string>, suppressed: [Finding, Suppression][] = [], verbose = false): string {
  const lines: string[] = [];
  const byFile = new Map<string, FramedFinding[]>();
  // The summaries capFindings adds carry no frame (nor a range to cut one at).
  for (const f of capFindings(findings) as FramedFinding[]) {
    const list = byFile.get(f.file ?? '');
    if (list) list.push(f);
    else byFile.set(f.file ?? '', [f]);
  }
  for (const [file, list] of byFile) for (const line of fileBlock(file, list, texts.get(file), verbose)) lines.push(line);
  if (verbose) for (const pair of suppressed) lines.push(suppressedLine(pair));
  const counts: SeverityCounts = { error: 0, 'security-warning': 0, warning: 0, suggestion: 0 };
  for (const f of findings) if (Object.hasOwn(counts, f.severity)) counts[f.severity as keyof SeverityCounts]++;
  lines.push(summaryLine(findings.length, counts, suppressed.length));
  return lines.join('\n');
}

/**
 * The text report built file by file, for a lint of many files: each file's part is rendered
 * when the file is linted, and only that text is kept — not the file, not its findings. It prints
 * what `renderLintText` prints for all the findings at once, provided each file is added once
 * (the per-file cap and the grouping by file then see the same findings).
 */
export class TextReport {
  readonly #parts: PartStore;
  readonly #suppressed: string[] = [];
  readonly #counts: SeverityCounts = { error: 0, 'security-warning': 0, warning: 0, suggestion: 0 };
  #total = 0;
  #suppressedCount = 0;

  /** `store` makes the store the files' parts are kept in (see PartStore). */
  constructor(
    private readonly verbose = false,
    store: PartStoreFactory = keptParts,
  ) {
    this.#parts = store();
  }

  /** Adds one file's findings (all of that file, framed: see `withFrames`) and its suppressed ones. */
  addFile(file: string, findings: readonly FramedFinding[], suppressed: readonly [Finding, Suppression][] = []): void {
    this.#total += findings.length;
    for (const f of findings) if (Object.hasOwn(this.#counts, f.severity)) this.#counts[f.severity as keyof SeverityCounts]++;
    if (findings.length > 0) this.#parts.push(fileBlock(file, capFindings(findings) as FramedFinding[], undefined, this.verbose).join('\n') + '\n');
    this.#suppressedCount += suppressed.length;
    if (this.verbose) for (const pair of suppressed) this.#suppressed.push(suppressedLine(pair));
  }

  /** How many findings were added. */
  get findings(): number {
    return this.#total;
  }

  /** The report, as `renderLintText` writes it. */
  render(): string {
    return this.parts().join('');
  }

  /** The report in parts, one per file (joined: `render()`). */
  parts(): string[] {
    return [...this.lazyParts()];
  }

  /** The report in parts as its store gives them back, made as they are read: to print without making it whole. */
  *lazyParts(): Generator<string> {
    yield* this.#parts.parts();
    for (const line of this.#suppressed) yield `${line}\n`;
    yield summaryLine(this.#total, this.#counts, this.#suppressedCount);
  }
}
