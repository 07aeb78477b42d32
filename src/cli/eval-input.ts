/**
 * Turns `ramguard eval` flags (and an optional scenario) into a request and a policy set, or the
 * diagnostics that say what is wrong. Flags override the scenario's request and add policies.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import type { PolicyKind } from '../policy/types.js';
import { PRINCIPAL_TYPES, type AuthorizationRequest, type PrincipalType } from '../request/types.js';
import { parseScenario } from '../scenario/parse-scenario.js';
import { emptyPolicySet, type NamedPolicy, type PolicySet } from '../policy/policy-set.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import { readPolicyFile } from './kit/documents.js';
import type { InputReader } from './kit/input.js';
import { parseContextFlags } from './kit/options.js';
import { usageProblem } from './kit/report.js';
import { applyResourceFacts, loadSnapshotInput, snapshotUsageProblems } from './snapshot-input.js';

/** The raw `eval` flags as commander gives them. */
export interface EvalFlags {
  policy: string[];
  controlPolicy: string[];
  sessionPolicy?: string;
  trustPolicy: string[];
  action?: string;
  resource?: string;
  resourceGroup?: string;
  principalType?: string;
  principalArn?: string;
  context: string[];
  absent: string[];
  scenario?: string;
  /** An account snapshot, with `principal` (`user/NAME`, `role/NAME`), in place of policy files. */
  snapshot?: string;
  principal?: string;
}

/** A request and policy set ready to evaluate (and the snapshot they came from, if any), or diagnostics. */
export type EvalInput = { request: AuthorizationRequest; policies: PolicySet; snapshot?: AccountSnapshot; diagnostics: Diagnostic[] } | { diagnostics: Diagnostic[] };

/** Builds the evaluation input from flags, reading files through `reader`. Never throws. */
export function buildEvalInput(flags: EvalFlags, reader: InputReader): EvalInput {
  const diagnostics: Diagnostic[] = [];
  let policies = emptyPolicySet();
  let base: Partial<AuthorizationRequest> = {};
  let snapshot: AccountSnapshot | undefined;
  const usage = snapshotUsageProblems(flags);
  if (usage.length > 0) return { diagnostics: usage };
  if (flags.snapshot !== undefined) {
    const loaded = loadSnapshotInput(reader, flags.snapshot, flags.principal!, flags.resource);
    if ('diagnostics' in loaded) return loaded; // as for a scenario: nothing of a broken snapshot can be trusted
    ({ snapshot, policies } = loaded);
    for (const item of loaded.warnings) diagnostics.push(item);
    base = { principal: loaded.principal };
  }
  if (flags.scenario !== undefined) {
    const read = reader.read(flags.scenario);
    if ('diagnostic' in read) return { diagnostics: [read.diagnostic] };
    const parsed = parseScenario(read.text, { file: read.file, readFile: reader.referencesOf(read.file) });
    for (const item of parsed.diagnostics) diagnostics.push(item);
    if (parsed.scenario) ({ request: base, policies } = parsed.scenario);
    else return { diagnostics }; // its own errors say it all: nothing of it can be trusted
  }
  const load = (path: string, kind: PolicyKind): NamedPolicy | undefined => readPolicyFile(reader, path, kind, diagnostics);
  for (const path of flags.policy) {
    const p = load(path, 'identity');
    if (p) policies.identity.push(p);
  }
  for (const path of flags.controlPolicy) {
    const p = load(path, 'control');
    policies.control.push(p ? [p] : []);
  }
  if (flags.sessionPolicy !== undefined) {
    const p = load(flags.sessionPolicy, 'session');
    if (p) policies.session = p;
  }
  for (const path of flags.trustPolicy) {
    const p = load(path, 'trust');
    if (p) policies.resource.push(p);
  }
  const principalType = (flags.principalType ?? base.principal?.type ?? 'RamUser') as PrincipalType;
  if (!PRINCIPAL_TYPES.includes(principalType)) {
    diagnostics.push(usageProblem(`\`--principal-type ${principalType}\` is not one of ${PRINCIPAL_TYPES.join(', ')}`));
  }
  const action = flags.action ?? base.action;
  const resource = flags.resource ?? base.resource;
  if (action === undefined) diagnostics.push(usageProblem('the action is missing', 'give `--action SERVICE:ACTION`, or `request.action` in the scenario'));
  if (resource === undefined) diagnostics.push(usageProblem('the resource is missing', 'give `--resource ARN`, or `request.resource` in the scenario'));
  if (flags.scenario === undefined && flags.snapshot === undefined && flags.policy.length === 0 && flags.trustPolicy.length === 0 && principalType !== 'Root') {
    diagnostics.push(usageProblem('no policy was given', 'give `--policy FILE` (repeatable), `--scenario FILE`, or `--snapshot FILE --principal user/NAME`'));
  }
  // User-keyed: a null-prototype object, so `constructor` or `__proto__` is a key like any other.
  const context: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of Object.entries(base.context ?? {})) context[key] = value;
  for (const [key, values] of Object.entries(parseContextFlags(flags.context, diagnostics))) context[key] = values;
  if (hasErrors(diagnostics) || action === undefined || resource === undefined) return { diagnostics };
  const arn = flags.principalArn ?? base.principal?.arn;
  const request: AuthorizationRequest = {
    principal: { type: principalType, ...(arn !== undefined ? { arn } : {}) },
    action,
    resource,
    context,
    absent: [...(base.absent ?? []), ...flags.absent],
  };
  const resourceGroup = flags.resourceGroup ?? base.resourceGroup;
  if (resourceGroup !== undefined) request.resourceGroup = resourceGroup;
  if (!snapshot) return { request, policies, diagnostics };
  applyResourceFacts(request, snapshot, policies);
  return { request, policies, snapshot, diagnostics };
}
