/**
 * `.ramguard.yaml`: rule severities (or `off`), paths to ignore (minimatch globs), and
 * suppressions — a rule, in files matching a glob, optionally at a JSON Pointer, each with the
 * reason that verbose output prints. Pure: the CLI finds and reads the file.
 */
import { Minimatch } from 'minimatch';
import { escapePointerToken, type Diagnostic, type Severity } from '../diagnostics/diagnostic.js';
import { lazySchemaCheck, placeIn } from '../diagnostics/schema-check.js';
import { parseSource } from '../parse/source.js';
import { capDiagnostics } from '../parse/limits.js';
import { byPosition, placeCapped } from '../policy/parse-policy.js';
import { closest, didYouMean } from '../catalog/suggest.js';
import type { Finding, RuleSettings } from './engine.js';
import { RULES, ruleById } from './registry.js';

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

/**
 * Parses `.ramguard.yaml` text. Every problem is reported in one pass, in file order: the schema's,
 * and, in the parts that have the right shape, unknown rule ids (with did-you-mean: a typo would
 * silently do nothing) and globs too large to compile.
 */
export function parseLintConfig(text: string, file: string): { config?: LintConfig; diagnostics: Diagnostic[] } {
  const source = parseSource(text, file);
  if (source.diagnostics.length > 0) return { diagnostics: source.diagnostics };
  const value = source.value ?? {};
  const place = placeIn(source.locate, file);
  const structural = checkConfig(value);
  const diagnostics: Diagnostic[] = structural.length > 0 ? placeCapped(structural, place, file) : [];
  const raw = isRecord(value) ? value : {};
  const unknownRule = (id: string, path: string) => {
    const suggestion = didYouMean(closest(id, RULES.map((r) => r.id), 1));
    diagnostics.push(place({ code: 'unknown-rule', severity: 'error', message: `there is no rule \`${id}\``, path, target: 'key', help: suggestion ?? 'run `ramguard lint --list-rules` for the rule ids' }));
  };
  if (isRecord(raw['rules'])) for (const id of Object.keys(raw['rules'])) if (!ruleById(id)) unknownRule(id, `/rules/${escapePointerToken(id)}`);
  const checkGlob = (glob: unknown, path: string) => {
    const problem = typeof glob === 'string' ? globProblem(glob) : undefined;
    if (problem) diagnostics.push(place({ code: 'invalid-value', severity: 'error', message: problem, path, target: 'value', help: 'match the files with a shorter, simpler glob, or several' }));
  };
  const ignore = Array.isArray(raw['ignore']) ? (raw['ignore'] as unknown[]) : [];
  const suppressions = Array.isArray(raw['suppressions']) ? (raw['suppressions'] as unknown[]) : [];
  for (const [list, path] of [[ignore, '/ignore'], [suppressions, '/suppressions']] as const) {
    if (list.length > MAX_GLOBS) diagnostics.push(place({ code: 'invalid-value', severity: 'error', message: `${list.length} entries, more than the ${MAX_GLOBS} a configuration may have`, path, target: 'value' }));
  }
  ignore.slice(0, MAX_GLOBS).forEach((glob, i) => checkGlob(glob, `/ignore/${i}`));
  suppressions.slice(0, MAX_GLOBS).forEach((s, i) => checkGlob(isRecord(s) ? s['file'] : undefined, `/suppressions/${i}/file`));
  suppressions.forEach((s, i) => {
    const rule = isRecord(s) ? s['rule'] : undefined;
    if (typeof rule === 'string' && !ruleById(rule)) unknownRule(rule, `/suppressions/${i}/rule`);
  });
  if (diagnostics.length > 0) return { diagnostics: capDiagnostics(diagnostics.sort(byPosition)) };
  const config = raw as Partial<LintConfig>;
  return { config: { rules: config.rules ?? {}, ignore: config.ignore ?? [], suppressions: config.suppressions ?? [] }, diagnostics };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The longest glob a configuration may hold. A glob is compiled to a regular expression whose size
 * grows with it (minimatch refuses 64 KiB and builds slowly long before that); no path a repository
 * holds needs more than this.
 */
export const MAX_GLOB_LENGTH = 256;

/** The most alternatives a glob's braces may expand to (`{a,b}{c,d}` is 4; `{1..100000000}` is refused). */
export const MAX_GLOB_ALTERNATIVES = 1000;

/** Globs an ignore list, and suppressions, may hold each. */
export const MAX_GLOBS = 1000;

/**
 * An upper bound of the patterns a glob's braces expand to, counted without expanding them:
 * minimatch expands `{1..100000000}` to 100,000 regular expressions (a second to build, and every
 * path tested against each), so a glob is refused on this count before it is ever compiled.
 */
export function braceAlternatives(glob: string): number {
  let product = 1;
  const open: number[] = [];
  for (let i = 0; i < glob.length && product <= MAX_GLOB_ALTERNATIVES; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '{') open.push(1);
    else if (c === ',' && open.length > 0) open[open.length - 1]!++;
    else if (c === '}' && open.length > 0) product *= open.pop()!;
  }
  for (const m of glob.matchAll(/\{(-?\d+)\.\.(-?\d+)(?:\.\.-?\d+)?\}/g)) product *= Math.abs(Number(m[2]) - Number(m[1])) + 1;
  for (const m of glob.matchAll(/\{([a-zA-Z])\.\.([a-zA-Z])\}/g)) product *= Math.abs(m[2]!.charCodeAt(0) - m[1]!.charCodeAt(0)) + 1;
  return product;
}

/** Why a glob is refused, or undefined when it may be compiled. */
function globProblem(glob: string): string | undefined {
  if (glob.length > MAX_GLOB_LENGTH) return `the glob is ${glob.length} characters, more than the ${MAX_GLOB_LENGTH} a glob may have`;
  if (braceAlternatives(glob) > MAX_GLOB_ALTERNATIVES) return `the glob's braces expand to more than ${MAX_GLOB_ALTERNATIVES} alternatives`;
  return undefined;
}

// Each glob compiled once per configuration (minimatch() recompiles on every call: a 2,500-character
// glob cost seconds over a walked tree). Keyed by the configuration object, so a cache lives as long
// as the configuration it belongs to and two configurations never share one.
const compiled = new WeakMap<LintConfig, Map<string, Minimatch | undefined>>();

/** Whether `path` matches `glob` under `config`'s compiled globs; a glob minimatch cannot compile matches nothing. */
function globMatches(config: LintConfig, glob: string, path: string): boolean {
  let globs = compiled.get(config);
  if (!globs) compiled.set(config, (globs = new Map()));
  if (!globs.has(glob)) {
    let matcher: Minimatch | undefined;
    try {
      matcher = globProblem(glob) === undefined ? new Minimatch(glob, { dot: true }) : undefined;
    } catch {
      matcher = undefined;
    }
    globs.set(glob, matcher);
  }
  return globs.get(glob)?.match(path) ?? false;
}

/** True when a (repository-relative) path is ignored. */
export function isIgnored(config: LintConfig, path: string): boolean {
  return config.ignore.some((glob) => globMatches(config, glob, path));
}

/** Splits findings into kept and suppressed (with the suppression that matched). */
export function applySuppressions(config: LintConfig, findings: Finding[], relativeFile: (f: Finding) => string): { kept: Finding[]; suppressed: [Finding, Suppression][] } {
  const kept: Finding[] = [];
  const suppressed: [Finding, Suppression][] = [];
  for (const f of findings) {
    const s = config.suppressions.find(
      (x) => x.rule === f.code && globMatches(config, x.file, relativeFile(f)) && (x.path === undefined || f.path === x.path || f.path.startsWith(`${x.path}/`)),
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
