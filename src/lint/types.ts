/**
 * The lint rule contract. A rule is one file exporting one `LintRule`: metadata plus a `check`
 * that reads a validated policy and reports findings by JSON Pointer. Rules never read files,
 * never print, and never decide severity (the configuration does).
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Catalog } from '../catalog/types.js';
import type { Severity } from '../diagnostics/diagnostic.js';
import type { PolicyDocument, PolicyKind } from '../policy/types.js';

/** What a rule reports: where (a JSON Pointer into the policy document) and what. */
export interface RuleReport {
  /** JSON Pointer relative to the policy document, e.g. `/Statement/0/Action/1`. */
  path: string;
  /** Lower-case, no final period, user values in backticks. */
  message: string;
  /** Point at the key (`"Action"`) rather than its value. */
  target?: 'key' | 'value';
  /** How to fix it; defaults to the rule's own help. */
  help?: string;
  /** A certain fix: the string value at `path` (`value`) written as `replacement`, e.g. an action in its API's case. */
  fix?: { value: string; replacement: string };
}

/** What a rule sees. */
export interface LintContext {
  /** The validated policy (rules run only on policies without grammar errors). */
  policy: PolicyDocument;
  /** The document as written (strings not yet normalised to arrays), for rules about form. */
  raw: Record<string, unknown>;
  kind: PolicyKind;
  catalog: Catalog;
  report(finding: RuleReport): void;
}

/** One lint rule. */
export interface LintRule {
  /** kebab-case, unique; also the file name, the doc page and the fixture name. */
  id: DiagnosticCode;
  /** The default severity (the config may change it or turn the rule off). */
  severity: Severity;
  /** A short title for listings and SARIF `shortDescription`. */
  title: string;
  /** How to fix a finding, in a sentence. */
  help: string;
  /** The kinds the rule applies to (all when absent). */
  kinds?: PolicyKind[];
  check(context: LintContext): void;
}
