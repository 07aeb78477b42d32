/**
 * `.ramguard.yaml`: rule severities (or `off`), paths to ignore (minimatch globs), and
 * suppressions — a rule, in files matching a glob, optionally at a JSON Pointer, each with the
 * reason that verbose output prints. Pure: the CLI finds and reads the file.
 */
import { minimatch } from 'minimatch';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { lazySchemaCheck, placeIn } from '../diagnostics/schema-check.js';
import { parseSource } from '../parse/source.js';
import { capDiagnostics } from '../parse/limits.js';
import { placeCapped } from '../policy/parse-policy.js';
import type { Finding, RuleSettings } from './engine.js';
import { ruleById } from './registry.js';

/** One suppression: findings of `rule` in files matching `file` (at or under `path`) are dropped. */
export interface Suppression {
  rule: string;
  file: string;
  path?: string;
  reason: string;
}

/** The lint configuration. */
export interface LintConfig {
  rules: RuleSettings;
  ignore: string[];
  suppressions: Suppression[];
}

const SEVERITIES = ['error', 'security-warning', 'warning', 'suggestion', 'off'];

/** The JSON Schema of `.ramguard.yaml`. */
export const lintConfigSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://ramguard.dev/schemas/config.schema.json',
  title: 'ramguard configuration (.ramguard.yaml)',
  type: 'object',
  additionalProperties: false,
  properties: {
    rules: { type: 'object', additionalProperties: { type: 'string', enum: SEVERITIES } },
    ignore: { type: 'array', items: { type: 'string' } },
    suppressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['rule', 'file', 'reason'],
        properties: { rule: { type: 'string' }, file: { type: 'string' }, path: { type: 'string' }, reason: { type: 'string', minLength: 1 } },
      },
    },
  },
} as const;

const checkConfig = lazySchemaCheck(lintConfigSchema, 'configuration');

/** The configuration with nothing set. */
export function defaultConfig(): LintConfig {
  return { rules: {}, ignore: [], suppressions: [] };
}

/** Parses `.ramguard.yaml` text; unknown rule ids are errors (a typo would silently do nothing). */
export function parseLintConfig(text: string, file: string): { config?: LintConfig; diagnostics: Diagnostic[] } {
  const source = parseSource(text, file);
  if (source.diagnostics.length > 0) return { diagnostics: source.diagnostics };
  const value = source.value ?? {};
  const place = placeIn(source.locate, file);
  const structural = checkConfig(value);
  if (structural.length > 0) return { diagnostics: placeCapped(structural, place, file) };
  const raw = value as Partial<LintConfig>;
  const config: LintConfig = { rules: raw.rules ?? {}, ignore: raw.ignore ?? [], suppressions: raw.suppressions ?? [] };
  const diagnostics: Diagnostic[] = [];
  const unknownRule = (id: string, path: string) =>
    diagnostics.push(place({ code: 'unknown-rule', severity: 'error', message: `there is no rule \`${id}\``, path, target: 'key', help: 'run `ramguard lint --list-rules` for the rule ids' }));
  for (const id of Object.keys(config.rules)) if (!ruleById(id)) unknownRule(id, `/rules/${id}`);
  config.suppressions.forEach((s, i) => {
    if (!ruleById(s.rule)) unknownRule(s.rule, `/suppressions/${i}/rule`);
  });
  return diagnostics.length > 0 ? { diagnostics: capDiagnostics(diagnostics) } : { config, diagnostics };
}

/** True when a (repository-relative) path is ignored. */
export function isIgnored(config: LintConfig, path: string): boolean {
  return config.ignore.some((glob) => minimatch(path, glob, { dot: true }));
}

/** Splits findings into kept and suppressed (with the suppression that matched). */
export function applySuppressions(config: LintConfig, findings: Finding[], relativeFile: (f: Finding) => string): { kept: Finding[]; suppressed: [Finding, Suppression][] } {
  const kept: Finding[] = [];
  const suppressed: [Finding, Suppression][] = [];
  for (const f of findings) {
    const s = config.suppressions.find(
      (x) => x.rule === f.code && minimatch(relativeFile(f), x.file, { dot: true }) && (x.path === undefined || f.path === x.path || f.path.startsWith(`${x.path}/`)),
    );
    if (s) suppressed.push([f, s]);
    else kept.push(f);
  }
  return { kept, suppressed };
}

/** The severities in order, most severe first, for `--fail-on`. */
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'security-warning', 'warning', 'suggestion'];

/** True when `severity` is at or above `threshold`. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return SEVERITY_ORDER.indexOf(severity) <= SEVERITY_ORDER.indexOf(threshold);
}
