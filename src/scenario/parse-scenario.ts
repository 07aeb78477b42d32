/**
 * Reads a scenario (YAML or JSON): the request and the policy set, every policy validated with
 * diagnostics that point into the scenario file (or the policy file it names). Pure: reading a
 * referenced policy file is the caller's `readFile`.
 */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { lazySchemaCheck, placeIn } from '../diagnostics/schema-check.js';
import { parseSource, type ParsedSource } from '../parse/source.js';
import { capDiagnostics } from '../parse/limits.js';
import { placeCapped } from '../policy/parse-policy.js';
import type { AuthorizationRequest } from '../request/types.js';
import type { PolicyFileReader } from '../parse/file-reader.js';
import { loadPolicies, type RawPolicies } from './load-policies.js';
import { scenarioSchema } from './schema.js';
import type { PolicySet } from '../policy/policy-set.js';

export type { PolicyFileReader } from '../parse/file-reader.js';

const checkScenario = lazySchemaCheck(scenarioSchema, 'scenario');

/** What a scenario holds. The request may be partial: command-line flags can complete it. */
export interface Scenario {
  request: Partial<AuthorizationRequest>;
  policies: PolicySet;
}

/** A scenario (when it had no errors) and every diagnostic. */
export interface ScenarioParseResult {
  scenario?: Scenario;
  diagnostics: Diagnostic[];
}

type RawScenario = { request?: Partial<AuthorizationRequest>; policies?: RawPolicies };

/** Parses scenario text. `readFile` resolves `file:` references; without it they are errors. */
export function parseScenario(text: string, options: { file?: string; readFile?: PolicyFileReader } = {}): ScenarioParseResult {
  const source = parseSource(text, options.file);
  if (source.diagnostics.length > 0) return { diagnostics: source.diagnostics };
  return scenarioFromValue(source.value, source, options.readFile);
}

/** Builds a scenario from parsed data; `source` locates diagnostics. */
export function scenarioFromValue(value: unknown, source: Pick<ParsedSource, 'file' | 'locate'>, readFile?: PolicyFileReader): ScenarioParseResult {
  const place = placeIn(source.locate, source.file);
  const structural = checkScenario(value);
  if (structural.length > 0) return { diagnostics: placeCapped(structural, place, source.file) };
  const raw = (value ?? {}) as RawScenario;
  const loaded = loadPolicies(raw.policies, { source, place, pointer: '/policies', ...(readFile ? { readFile } : {}) });
  const diagnostics = capDiagnostics(loaded.diagnostics);
  if (hasErrors(diagnostics)) return { diagnostics };
  return { scenario: { request: raw.request ? ownedContext(raw.request) : {}, policies: loaded.policies }, diagnostics };
}

/**
 * The request with its context copied into a null-prototype object: a key of the file such as
 * `__proto__` or `constructor` is then an own key like any other, and a reader that looks a key
 * up (`context[key]`) never finds what `Object.prototype` holds instead.
 */
function ownedContext(request: Partial<AuthorizationRequest>): Partial<AuthorizationRequest> {
  if (request.context === undefined) return request;
  const context = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of Object.entries(request.context)) context[key] = Array.isArray(value) ? [...value] : value;
  return { ...request, context };
}
