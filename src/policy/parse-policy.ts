/**
 * parse → validate → normalise: text (or already-parsed data) in, a validated PolicyDocument and
 * every problem found in one pass out. An invalid policy never reaches the compiler.
 */
import { escapePointerToken, hasErrors, type Diagnostic, type SourceRange } from '../diagnostics/diagnostic.js';
import { placeIn } from '../diagnostics/schema-check.js';
import { capDiagnostics, DiagnosticBudget } from '../parse/limits.js';
import { readPlainJson } from '../parse/plain-json.js';
import { isStrictJson, MAX_SOURCE_CHARACTERS, parseSource } from '../parse/source.js';
import { conditionDiagnostics } from './conditions-validate.js';
import { statementDiagnostics } from './elements.js';
import { POLICY_SIZE_LIMITS, policySize } from './limits.js';
import { aKind, schemaDiagnostics, type UnplacedDiagnostic } from './schema-errors.js';
import type { ConditionOperator } from '../conditions/operator-name.js';
import type { ConditionClause, PolicyDocument, PolicyKind, Principal, Statement } from './types.js';

/** Where a policy value sits, so diagnostics can point into the file it came from. */
export interface PolicyLocation {
  kind: PolicyKind;
  file?: string;
  /** JSON Pointer of the document inside its file (e.g. inside a scenario); `''` for a bare policy. */
  pointerPrefix?: string;
  /** Maps a JSON Pointer of the file to its source range. */
  locate?: (pointer: string, target?: 'key' | 'value') => SourceRange | undefined;
}

/** A validated policy (when there were no errors) and every diagnostic. */
export interface PolicyParseResult {
  policy?: PolicyDocument;
  diagnostics: Diagnostic[];
}

/**
 * Parses JSON or YAML policy text of one kind. JSON text with nothing to report is read the plain
 * way (`JSON.parse`, no positions); anything else — a problem of any kind, YAML — is read again
 * with positions, so the result is the one `parsePolicyWithPositions` gives (a test runs both over
 * the conformance corpus and the hostile fixtures).
 */
export function parsePolicy(text: string, options: { kind: PolicyKind; file?: string }): PolicyParseResult {
  return parsePlainPolicy(text, options) ?? parsePolicyWithPositions(text, options);
}

/** The policy when `text` is JSON with nothing to report at all; undefined otherwise. */
function parsePlainPolicy(text: string, options: { kind: PolicyKind; file?: string }): PolicyParseResult | undefined {
  if (!isStrictJson(text, options.file)) return undefined;
  const plain = readPlainJson(text, MAX_SOURCE_CHARACTERS);
  if (!plain) return undefined;
  // Over RAM's size limit is a problem to report: handed over before the checks, whose work on a
  // 950 KB policy would otherwise be done twice.
  const size = plain.compactLength ?? policySize(plain.value);
  if (size > POLICY_SIZE_LIMITS[options.kind]) return undefined;
  const problems = collectProblems(plain.value, options.kind, size);
  if (problems.kept.length > 0 || problems.summary() !== undefined) return undefined;
  return { policy: normalise(plain.value as RawPolicy, options.kind), diagnostics: [] };
}

/** Parses policy text keeping source positions throughout: what `parsePolicy` gives, always the slow way. */
export function parsePolicyWithPositions(text: string, options: { kind: PolicyKind; file?: string }): PolicyParseResult {
  const source = parseSource(text, options.file);
  if (source.diagnostics.length > 0) return { diagnostics: source.diagnostics };
  return validatePolicy(source.value, { ...options, locate: source.locate });
}

/**
 * Validates already-parsed policy data (e.g. a document inline in a scenario). The diagnostics
 * come in file order, at most MAX_DIAGNOSTICS_PER_FILE of them (then one `too-many-diagnostics`).
 */
export function validatePolicy(value: unknown, location: PolicyLocation): PolicyParseResult {
  const prefix = location.pointerPrefix ?? '';
  const place = placeIn(location.locate ?? (() => undefined), location.file);
  const diagnostics = placeCapped(collectProblems(value, location.kind), (d) => place({ ...d, path: prefix + d.path }), location.file);
  if (hasErrors(diagnostics)) return { diagnostics };
  return { policy: normalise(value as RawPolicy, location.kind), diagnostics };
}

/**
 * Places problems in their file and keeps what a report shows: of the ones collected (a budget,
 * or a list, of which the first thousand are kept), the first MAX_DIAGNOSTICS_PER_FILE in file
 * order, then one `too-many-diagnostics` for the rest. Placing only those bounds the work.
 */
export function placeCapped<T extends Pick<Diagnostic, 'severity'>>(problems: DiagnosticBudget<T> | Iterable<T>, place: (d: T) => Diagnostic, file?: string): Diagnostic[] {
  let budget: DiagnosticBudget<T>;
  if (problems instanceof DiagnosticBudget) budget = problems;
  else {
    budget = new DiagnosticBudget<T>();
    budget.addAll(problems);
  }
  const placed = budget.kept.map(place).sort(byPosition);
  const rest = budget.summary(file);
  return capDiagnostics(rest ? [...placed, rest] : placed);
}

/** Orders diagnostics by where they are in the file, unplaced ones last. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  const la = a.range?.line ?? Infinity;
  const lb = b.range?.line ?? Infinity;
  if (la !== lb) return la - lb;
  return (a.range?.column ?? 0) - (b.range?.column ?? 0);
}

type RawPolicy = { Version: '1'; Statement: Record<string, unknown>[] };

/**
 * Every problem of a policy value, the first thousand kept (in checking order: structure, then
 * statement by statement) and the rest counted; `validatePolicy` shows the first of those by
 * position in the file. `compactLength`: the size RAM counts, when the caller knows it already.
 */
function collectProblems(value: unknown, kind: PolicyKind, compactLength?: number): DiagnosticBudget<UnplacedDiagnostic> {
  const out = new DiagnosticBudget<UnplacedDiagnostic>();
  const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
  out.addAll(schemaDiagnostics(value, kind));
  if (!isObject) return out;
  const statements = (value as Record<string, unknown>)['Statement'];
  if (Array.isArray(statements)) {
    statements.forEach((statement, i) => {
      if (typeof statement !== 'object' || statement === null || Array.isArray(statement)) return;
      const path = `/Statement/${i}`;
      const record = statement as Record<string, unknown>;
      // addAll loops; push(...list) would pass 190,000 items as arguments and overflow the stack.
      out.addAll(statementDiagnostics(record, path, kind));
      const condition = record['Condition'];
      if (typeof condition === 'object' && condition !== null && !Array.isArray(condition)) {
        out.addAll(conditionDiagnostics(condition as Record<string, unknown>, `${path}/Condition`));
      }
    });
  }
  const size = compactLength ?? policySize(value);
  const limit = POLICY_SIZE_LIMITS[kind];
  if (size > limit) {
    const problem = `the policy is ${size} characters, more than the ${limit} RAM allows for ${aKind(kind)} policy`;
    out.add({ code: 'policy-too-large', severity: 'error', message: problem, path: '', target: 'value', help: 'split it into several policies, or merge statements with wildcards' }, 'always');
  }
  return out;
}

const asArray = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? (v as string[]) : [v as string]);

function normalise(raw: RawPolicy, kind: PolicyKind): PolicyDocument {
  const statements = raw.Statement.map((s, index): Statement => {
    const sourcePath = `/Statement/${index}`;
    const statement: Statement = { index, effect: s['Effect'] as Statement['effect'], conditions: conditionsOf(s['Condition'], sourcePath), sourcePath };
    if (typeof s['Sid'] === 'string') statement.sid = s['Sid'];
    if ('Action' in s) statement.actions = asArray(s['Action']);
    else statement.notActions = asArray(s['NotAction']);
    if ('Resource' in s) statement.resources = asArray(s['Resource']);
    if ('Principal' in s) {
      const p = s['Principal'] as Record<string, unknown>;
      statement.principal = { RAM: asArray(p['RAM']), Service: asArray(p['Service']), Federated: asArray(p['Federated']) } satisfies Principal;
    }
    return statement;
  });
  return { version: '1', kind, statements };
}

function conditionsOf(condition: unknown, statementPath: string): ConditionClause[] {
  if (condition === undefined) return [];
  const clauses: ConditionClause[] = [];
  for (const [operator, block] of Object.entries(condition as Record<string, Record<string, unknown>>)) {
    for (const [key, values] of Object.entries(block)) {
      clauses.push({
        operator: operator as ConditionOperator,
        key,
        values: asArray(values),
        sourcePath: `${statementPath}/Condition/${escapePointerToken(operator)}/${escapePointerToken(key)}`,
      });
    }
  }
  return clauses;
}
