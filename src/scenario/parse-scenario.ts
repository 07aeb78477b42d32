/**
 * Reads a scenario (YAML or JSON): the request and the policy set, every policy validated with
 * diagnostics that point into the scenario file (or the policy file it names). Pure: reading a
 * referenced policy file is the caller's `readFile`.
 */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { lazySchemaCheck, placeIn } from '../diagnostics/schema-check.js';
import { parseSource, type ParsedSource } from '../parse/source.js';
import { byPosition, parsePolicy, validatePolicy } from '../policy/parse-policy.js';
import { aKind } from '../policy/schema-errors.js';
import type { PolicyKind } from '../policy/types.js';
import type { AuthorizationRequest } from '../request/types.js';
import { builtinCatalog } from '../catalog/builtin.js';
import { closest, didYouMean } from '../catalog/suggest.js';
import { scenarioSchema } from './schema.js';
import { emptyPolicySet, type NamedPolicy, type PolicySet } from './types.js';

const checkScenario = lazySchemaCheck(scenarioSchema, 'scenario');

/** Reads a policy file named by a scenario: its text and the name to report it by, or an error. */
export type PolicyFileReader = (path: string) => { text: string; file: string } | { error: string };

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

type RawRef = { name: string; document?: unknown; file?: string; system?: string; resourceGroup?: string };
type RawScenario = { request?: Partial<AuthorizationRequest>; policies?: { control?: RawRef[][]; session?: RawRef; identity?: RawRef[]; resource?: RawRef[] } };

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
  if (structural.length > 0) return { diagnostics: structural.map(place).sort(byPosition) };
  const raw = (value ?? {}) as RawScenario;
  const diagnostics: Diagnostic[] = [];
  const load = (ref: RawRef, kind: PolicyKind, pointer: string): NamedPolicy | undefined => {
    const given = [ref.document !== undefined, ref.file !== undefined, ref.system !== undefined].filter(Boolean).length;
    if (given !== 1) {
      diagnostics.push(place({ code: 'policy-source', severity: 'error', message: `policy \`${ref.name}\` needs exactly one of \`document\`, \`file\` or \`system\``, path: pointer, target: 'value' }));
      return undefined;
    }
    if (ref.system !== undefined) return systemPolicy(ref, kind, pointer);
    let result;
    if (ref.document !== undefined) {
      result = validatePolicy(ref.document, { kind, ...(source.file !== undefined ? { file: source.file } : {}), pointerPrefix: `${pointer}/document`, locate: source.locate });
    } else {
      const read = readFile?.(ref.file!) ?? { error: 'policy files cannot be read here' };
      if ('error' in read) {
        diagnostics.push(place({ code: 'unreadable-file', severity: 'error', message: `cannot read policy file \`${ref.file}\`: ${read.error}`, path: `${pointer}/file`, target: 'value' }));
        return undefined;
      }
      result = parsePolicy(read.text, { kind, file: read.file });
    }
    diagnostics.push(...result.diagnostics);
    return result.policy ? { name: ref.name, document: result.policy } : undefined;
  };
  /** A system policy by name, from the built-in catalog (its kind must fit the layer). */
  const systemPolicy = (ref: RawRef, kind: PolicyKind, pointer: string): NamedPolicy | undefined => {
    const catalog = builtinCatalog();
    const found = catalog.systemPolicies.get(ref.system!);
    if (!found || found.kind !== kind) {
      const names = [...catalog.systemPolicies.values()].filter((x) => x.kind === kind).map((x) => x.name);
      const message = found ? `\`${ref.system}\` is ${aKind(found.kind)} policy, not ${aKind(kind)} policy` : `no system policy is called \`${ref.system}\``;
      const near = closest(ref.system!, names);
      diagnostics.push(place({ code: 'unknown-system-policy', severity: 'error', message, path: `${pointer}/system`, target: 'value', help: didYouMean(near) ?? `the ${kind} system policies are ${names.map((n) => `\`${n}\``).join(', ')}` }));
      return undefined;
    }
    return { name: ref.name, document: found.policy };
  };
  const policies = emptyPolicySet();
  const p = raw.policies ?? {};
  policies.control = (p.control ?? []).map((level, i) => level.flatMap((ref, j) => load(ref, 'control', `/policies/control/${i}/${j}`) ?? []));
  if (p.session) {
    const session = load(p.session, 'session', '/policies/session');
    if (session) policies.session = session;
  }
  (p.identity ?? []).forEach((ref, i) => {
    const policy = load(ref, 'identity', `/policies/identity/${i}`);
    if (!policy) return;
    if (ref.resourceGroup !== undefined) policies.resourceGroup.push({ ...policy, resourceGroup: ref.resourceGroup });
    else policies.identity.push(policy);
  });
  policies.resource = (p.resource ?? []).flatMap((ref, i) => load(ref, 'trust', `/policies/resource/${i}`) ?? []);
  if (hasErrors(diagnostics)) return { diagnostics };
  return { scenario: { request: raw.request ?? {}, policies }, diagnostics };
}
