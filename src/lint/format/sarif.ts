/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with help, `helpUri` (its doc page: in the
 * repository when its URL is given, else in the published package of this version), default level, tags and (for security rules) `security-severity`;
 * results with repository-relative URIs, regions, stable `partialFingerprints` (rule + file + JSON
 * Pointer, so a finding keeps its identity when lines move), did-you-mean in the message, and a
 * certain fix (action case, `Effect` case) as `fixes` at the value's exact region.
 */
import type { Severity } from '../../diagnostics/diagnostic.js';
import type { Finding } from '../engine.js';
import type { LintRule } from '../types.js';
import type { CertainFix } from '../fixes.js';
import { CappedByFile, capFindings } from './cap.js';
import { itemSeparator, nestedJson, withItems } from './json.js';
import { keptParts, type PartStoreFactory } from './parts.js';
import { sha256Hex } from './sha256.js';
import { suggestionOf } from './suggestion.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', 'security-warning': 'warning', warning: 'warning', suggestion: 'note' };
/** GitHub reads 7.0–8.9 as high; RAM security warnings open doors to the account. */
const SECURITY_SEVERITY = '8.0';

/** Options of the SARIF log. */
export interface SarifOptions {
  /** The repository's web URL (package.json `repository`), e.g. `https://github.com/o/ramguard`: rules get `helpUri`. */
  repositoryUrl?: string;
}

/** A web URL to build doc links on: https only, no spaces or quotes (the value may come from a caller). */
function repositoryBase(url: unknown): string | undefined {
  if (typeof url !== 'string' || !/^https:\/\/[^\s"'<>]+$/.test(url)) return undefined;
  return url.replace(/\.git$/, '').replace(/\/+$/, '');
}

/** Tags code scanning filters on: `security` for security rules, and what kind of problem it is. */
function tagsOf(severity: Severity): string[] {
  if (severity === 'security-warning') return ['security', 'ram'];
  if (severity === 'error') return ['correctness', 'ram'];
  return ['maintainability', 'ram'];
}

/**
 * A rule's doc page: `docs/rules/<id>.md` in the repository when its URL is known, else the same
 * file in the npm package of this version (the package ships docs/rules/), which unpkg serves.
 */
function helpUriOf(rule: LintRule, base: string | undefined, version: string): string {
  return base ? `${base}/blob/main/docs/rules/${rule.id}.md` : `https://unpkg.com/ramguard@${encodeURIComponent(version)}/docs/rules/${rule.id}.md`;
}

function ruleDescriptor(rule: LintRule, severity: Severity, base: string | undefined, version: string) {
  return {
    id: rule.id,
    name: rule.id.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.title },
    helpUri: helpUriOf(rule, base, version),
    help: { text: rule.help, markdown: `**${rule.title}**\n\n${rule.help}\n\nSee \`docs/rules/${rule.id}.md\` in ramguard for examples.` },
    defaultConfiguration: { level: LEVEL[severity] },
    properties: { tags: tagsOf(severity), ...(severity === 'security-warning' ? { 'security-severity': SECURITY_SEVERITY } : {}) },
  };
}

/** The SARIF log, findings capped per file (see `capFindings`). `uriOf` turns a finding's file into a repository-relative URI. */
export function renderSarif(findings: Finding[], rules: readonly LintRule[], version: string, uriOf: (file: string) => string, options: SarifOptions = {}): string {
  const index = ruleIndex(rules);
  return JSON.stringify(sarifLog(capFindings(findings).map((f) => resultOf(f, index, uriOf)), rules, version, options), null, 2);
}

/**
 * The SARIF log built file by file, for a lint of many files: each result is rendered when its
 * file is linted and only its text is kept (in `store`'s stores). It prints what `renderSarif` prints for all the
 * findings at once, provided each file is added once.
 */
export class SarifReport {
  readonly #items: CappedByFile;
  readonly #index: Map<string, number>;

  constructor(
    private readonly rules: readonly LintRule[],
    private readonly version: string,
    private readonly uriOf: (file: string) => string,
    private readonly options: SarifOptions = {},
    store: PartStoreFactory = keptParts,
  ) {
    this.#index = ruleIndex(rules);
    this.#items = new CappedByFile(itemSeparator(RESULT_DEPTH), store);
  }

  /** Adds one file's findings (all of them, as the report lists them: suppressed and --quiet ones left out). */
  addFile(findings: readonly Finding[]): void {
    this.#items.add(findings, (f) => nestedJson(resultOf(f, this.#index, this.uriOf), RESULT_DEPTH));
  }

  /** The log, as `renderSarif` writes it. */
  render(): string {
    return this.parts().join('');
  }

  /** The log in parts, one per result (joined: `render()`). */
  parts(): string[] {
    return [...this.lazyParts()];
  }

  /** The log in parts as its store gives them back, made as they are read: to print without making it whole. */
  lazyParts(): Iterable<string> {
    return withItems((results) => sarifLog(results, this.rules, this.version, this.options), this.#items);
  }
}

/** How deep a result sits in the log: `runs`, its run, `results`, the result. */
const RESULT_DEPTH = 4;

const ruleIndex = (rules: readonly LintRule[]) => new Map(rules.map((r, i) => [r.id, i]));

/** One finding as a SARIF result. */
function resultOf(f: Finding, index: Map<string, number>, uriOf: (file: string) => string) {
  const uri = uriOf(f.file ?? '');
  const region = f.range ? { startLine: f.range.line, startColumn: f.range.column, endLine: f.range.endLine, endColumn: Math.max(f.range.endColumn, f.range.column + (f.range.endLine === f.range.line ? 1 : 0)) } : { startLine: 1 };
  const fingerprint = sha256Hex(`${f.code}\u0000${uri}\u0000${f.path}`);
  return {
    ruleId: f.code,
    ...(index.has(f.code) ? { ruleIndex: index.get(f.code)! } : {}),
    level: LEVEL[f.severity],
    message: { text: messageText(f) },
    locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region } }],
    partialFingerprints: { 'ramguardFinding/v1': fingerprint },
    properties: { path: f.path, kind: f.kind },
    ...(wellFormed(f.fix) ? { fixes: [fixOf(f.fix, uri, f.code === 'invalid-effect' ? 'write `Effect` as RAM spells it' : 'write the action as its API spells it')] } : {}),
  };
}

/** The log around its results. */
function sarifLog(results: unknown[], rules: readonly LintRule[], version: string, options: SarifOptions) {
  const base = repositoryBase(options?.repositoryUrl);
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'ramguard', version, rules: rules.map((r) => ruleDescriptor(r, r.severity, base, version)) } },
        results,
        // ramguard's columns count UTF-16 code units (src/parse/json-source.ts lineIndex, the YAML parser's offsets).
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** The message, with did-you-mean and where the policy came from. */
function messageText(f: Finding): string {
  const suggestion = suggestionOf(f);
  return `${f.message}${suggestion ? `; ${suggestion}` : ''}${f.origin ? ` (${f.origin})` : ''}`;
}

/**
 * True for a fix as the engine makes it. Findings may come from a library caller, whose extra
 * fields the API guard does not check: anything else is left out rather than thrown on.
 */
function wellFormed(fix: unknown): fix is CertainFix {
  if (typeof fix !== 'object' || fix === null) return false;
  const { range, text } = fix as { range?: Record<string, unknown>; text?: unknown };
  const positive = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 1;
  return typeof text === 'string' && typeof range === 'object' && range !== null && ['line', 'column', 'endLine', 'endColumn'].every((k) => positive(range[k]));
}

/** A SARIF fix: one replacement at the value's region. */
function fixOf(fix: CertainFix, uri: string, description: string) {
  const { line, column, endLine, endColumn } = fix.range;
  return {
    description: { text: description },
    artifactChanges: [{ artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, replacements: [{ deletedRegion: { startLine: line, startColumn: column, endLine, endColumn }, insertedContent: { text: fix.text } }] }],
  };
}
