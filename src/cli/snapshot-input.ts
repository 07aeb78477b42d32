/**
 * `--snapshot FILE --principal user/NAME|role/NAME`, shared by `eval` and `preflight`: the caller
 * and its policies from an account snapshot instead of policy files, and what the snapshot's
 * inventory says about the request's resource. Reading the snapshot (and the policy files it
 * names) happens here, at the CLI's edge; everything else is the pure snapshot module.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AuthorizationRequest } from '../request/types.js';
import type { PolicySet } from '../policy/policy-set.js';
import { policySetFor } from '../snapshot/principal.js';
import { resourceFacts } from '../snapshot/resources.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import { loadSnapshotFile } from './kit/documents.js';
import type { InputReader } from './kit/input.js';
import { usageProblem as usage } from './kit/report.js';

/** The flags that say where the caller's policies come from. */
export interface PolicySourceFlags {
  snapshot?: string;
  principal?: string;
  policy: string[];
  controlPolicy: string[];
  trustPolicy?: string[];
  scenario?: string;
  principalType?: string;
  principalArn?: string;
}

/** A snapshot's principal, ready to evaluate. */
export interface SnapshotInput {
  snapshot: AccountSnapshot;
  principal: AuthorizationRequest['principal'];
  policies: PolicySet;
  /** What the snapshot says it lacks (collection gaps, parts not collected): warnings for the answer. */
  warnings: Diagnostic[];
}

/**
 * Usage errors of the snapshot flags: `--snapshot` and `--principal` go together, and replace the
 * flags that would give the caller or its policies another way — two sources of the same facts
 * would have to be merged, and no merge of "the account as RAM sees it" with more files is honest.
 */
export function snapshotUsageProblems(flags: PolicySourceFlags): Diagnostic[] {
  const problems: Diagnostic[] = [];
  if (flags.snapshot === undefined) {
    if (flags.principal !== undefined) problems.push(usage('`--principal` needs `--snapshot`', 'name the caller of a snapshot with `--snapshot FILE --principal user/NAME`; without a snapshot, use `--principal-type` and `--principal-arn`'));
    return problems;
  }
  if (flags.principal === undefined) problems.push(usage('`--snapshot` needs `--principal`', 'say whose request it is: `--principal user/NAME` or `--principal role/NAME`'));
  const clashes: [string, boolean][] = [
    ['--policy', flags.policy.length > 0],
    ['--control-policy', flags.controlPolicy.length > 0],
    ['--trust-policy', (flags.trustPolicy ?? []).length > 0],
    ['--scenario', flags.scenario !== undefined],
    ['--principal-type', flags.principalType !== undefined],
    ['--principal-arn', flags.principalArn !== undefined],
  ];
  for (const [flag, given] of clashes) {
    if (given) problems.push(usage(`\`--snapshot\` cannot be combined with \`${flag}\``, 'the snapshot gives the caller and every policy of the account; use one or the other'));
  }
  return problems;
}

/** Reads the snapshot and builds the principal's policy set; `resource` may add a role's trust policy. */
export function loadSnapshotInput(reader: InputReader, path: string, principal: string, resource: string | undefined): SnapshotInput | { diagnostics: Diagnostic[] } {
  const loaded = loadSnapshotFile(reader, path);
  if ('diagnostics' in loaded) return loaded;
  const chosen = policySetFor(loaded.snapshot, principal, resource !== undefined ? { resource } : {});
  if (!chosen.result) return { diagnostics: chosen.diagnostics.map((d) => ({ ...d, file: d.file ?? '<command line>' })) };
  return { snapshot: loaded.snapshot, principal: chosen.result.principal, policies: chosen.result.policies, warnings: loaded.warnings };
}

/**
 * Completes a request with the inventory's facts about its resource: the resource group and the
 * tags, unless the command line already gave them (flags win, as they do over a scenario).
 */
export function applyResourceFacts(request: AuthorizationRequest, snapshot: AccountSnapshot, policies: PolicySet): void {
  const facts = resourceFacts(snapshot, request.resource, policies);
  if (request.resourceGroup === undefined && facts.resourceGroup !== undefined) request.resourceGroup = facts.resourceGroup;
  const context = (request.context ??= Object.create(null) as Record<string, string | string[]>);
  const absent = (request.absent ??= []);
  const given = new Set([...Object.keys(context), ...absent].map((k) => k.toLowerCase()));
  for (const [key, value] of Object.entries(facts.context)) if (!given.has(key.toLowerCase())) context[key] = value;
  for (const key of facts.absent) if (!given.has(key.toLowerCase())) absent.push(key);
}
