/**
 * Lints one policy document: the core validator's problems become grammar findings, then every
 * enabled rule checks the validated policy — or, when some statements are invalid, the valid
 * ones (see `validStatements`). Findings come sorted by position, one per problem. Pure: the document comes in as text or data with a
 * locator for its file; findings come out as Diagnostics whose `code` is the rule id.
 */
import type { Catalog } from '../catalog/types.js';
import type { Diagnostic, Severity, SourceRange } from '../diagnostics/diagnostic.js';
import { capDiagnostics, carryOmitted } from '../parse/limits.js';
import { parseSource } from '../parse/source.js';
import { byPosition, validatePolicy } from '../policy/parse-policy.js';
import type { PolicyKind } from '../policy/types.js';
import { effectInCase, placeFix, valueAt, type CertainFix } from './fixes.js';
import { oncePerProblem } from './once.js';
import { RULES, ruleById } from './registry.js';
import type { LintRule } from './types.js';
import { validStatements } from './valid-part.js';

/** One policy document to lint, and where it sits. */
export interface PolicySource {
  file: string;
  kind: PolicyKind;
  /** Where the policy came from inside the file, e.g. `alicloud_ram_policy.ops (policy_document)`. */
  origin?: string;
  /** The document as text (a bare policy file, or a policy embedded as a string) ... */
  text?: string;
  /** ... or as data already parsed from the file (e.g. a ROS template's PolicyDocument). */
  value?: unknown;
  /** JSON Pointer of the document inside its file ('' for a bare policy file). */
  pointerPrefix: string;
  /** Source ranges in the file; for a policy embedded as a string, the string's own range. */
  locate?: (pointer: string, target?: 'key' | 'value') => SourceRange | undefined;
}

/** A severity per rule id, or `off`. */
export type RuleSettings = Record<string, Severity | 'off'>;

/** A finding: a Diagnostic whose code is a rule id, with where the policy came from. */
export interface Finding extends Diagnostic {
  origin?: string;
  kind: PolicyKind;
  /** The certain fix, placed in the file (see src/lint/fixes.ts). */
  fix?: CertainFix;
}

/**
 * Lints one policy source with the given rule settings: at most MAX_DIAGNOSTICS_PER_FILE
 * findings, then one `too-many-diagnostics` (as parsing and validation cap theirs).
 */
export function lintPolicy(source: PolicySource, catalog: Catalog, settings: RuleSettings = {}): Finding[] {
  // Stable: findings at one position keep the order of the registry.
  const sorted = oncePerProblem(lintUncapped(source, catalog, settings)).sort(byPosition);
  return capDiagnostics(sorted, { complete: (summary, sample) => ({ ...summary, kind: sample.kind }) });
}

function lintUncapped(source: PolicySource, catalog: Catalog, settings: RuleSettings): Finding[] {
  const findings: Finding[] = [];
  // Own members only: the settings come from the configuration file.
  const severityOf = (rule: LintRule): Severity | 'off' => (Object.hasOwn(settings, rule.id) ? settings[rule.id]! : rule.severity);
  const emit = (d: Omit<Diagnostic, 'severity'> & { severity?: Severity }, rule: LintRule | undefined, fix?: { value: string; replacement: string }): void => {
    if (!rule) {
      // Input-level problems (oversize input, alias bombs, the count of diagnostics not shown)
      // have no rule and cannot be turned off.
      findings.push(carryOmitted(d, { ...d, severity: 'error', file: source.file, kind: source.kind, ...(source.origin !== undefined ? { origin: source.origin } : {}) }));
      return;
    }
    const severity = severityOf(rule);
    if (severity === 'off') return;
    const finding: Finding = { ...d, severity, file: source.file, kind: source.kind };
    if (!finding.help) finding.help = rule.help;
    if (source.origin !== undefined) finding.origin = source.origin;
    // Fixes are placed in the file's own text only: an embedded policy's ranges are its string's.
    const placed = fix && finding.range && source.text !== undefined && source.locate === undefined ? placeFix(source.text, finding.range, fix.value, fix.replacement) : undefined;
    if (placed) finding.fix = placed;
    findings.push(finding);
  };
  let value = source.value;
  let locate = source.locate;
  let prefix = source.pointerPrefix;
  if (source.text !== undefined) {
    const parsed = parseSource(source.text, source.file);
    if (source.value === undefined && source.locate === undefined) locate = parsed.locate;
    for (const d of parsed.diagnostics) emit(rangeFor(d, source, parsed.locate), ruleById(d.code));
    if (parsed.diagnostics.length > 0) return findings;
    value = parsed.value;
    if (source.locate !== undefined) prefix = source.pointerPrefix; // embedded: paths continue the outer pointer
  }
  const embedded = source.text !== undefined && source.locate !== undefined;
  const place = (pointer: string, target?: 'key' | 'value'): SourceRange | undefined => (embedded ? source.locate!(source.pointerPrefix, 'value') : locate?.(pointer, target));
  const validated = validatePolicy(value, { kind: source.kind, file: source.file, pointerPrefix: embedded ? '' : prefix, ...(embedded ? {} : locate ? { locate } : {}) });
  for (const d of validated.diagnostics) {
    const path = embedded ? source.pointerPrefix + d.path : d.path;
    const range = embedded ? place(path) : d.range;
    const written = d.code === 'invalid-effect' ? valueAt(value, d.path.slice(prefix.length)) : undefined;
    const effect = effectInCase(written);
    emit(carryOmitted(d, { ...d, path, ...(range ? { range } : {}) }), ruleById(d.code), effect ? { value: written as string, replacement: effect } : undefined);
  }
  const policy = validated.policy ?? validStatements(value, source.kind, validated.diagnostics, embedded ? source.pointerPrefix : prefix);
  if (!policy) return findings;
  for (const rule of RULES) {
    if (severityOf(rule) === 'off' || (rule.kinds && !rule.kinds.includes(source.kind))) continue;
    rule.check({
      policy,
      raw: value as Record<string, unknown>,
      kind: source.kind,
      catalog,
      report: (r) => {
        const path = prefix + r.path;
        const range = place(path, r.target);
        emit({ code: rule.id, message: r.message, path, ...(range ? { range } : {}), ...(r.help ? { help: r.help } : {}) }, rule, r.fix);
      },
    });
  }
  return findings;
}

/** Input-level problems (oversize, alias bombs) keep their code; syntax problems become findings. */
function rangeFor(d: Diagnostic, source: PolicySource, innerLocate: (p: string) => SourceRange | undefined): Diagnostic {
  if (source.locate === undefined) return d;
  const range = source.locate(source.pointerPrefix, 'value') ?? innerLocate('');
  return carryOmitted(d, { ...d, path: source.pointerPrefix, ...(range ? { range } : {}) });
}
