/**
 * System policies by name, from the built-in catalog: the one lookup scenarios, account snapshots
 * and the audit share (issue 14 §7: it lived in the scenario loader, so the snapshot and the audit
 * imported the scenario format to find a catalog entry).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { aKind } from '../policy/schema-errors.js';
import type { PolicyDocument, PolicyKind } from '../policy/types.js';
import { builtinCatalog } from './builtin.js';
import { closest, didYouMean } from './suggest.js';

/**
 * A system policy by name, from the built-in catalog; its kind must fit where it is used. The
 * problem (`unknown-system-policy`, with a did-you-mean) is for the caller to place. Shared by
 * scenarios and account snapshots, so both refuse a wrong name alike.
 */
export function findSystemPolicy(name: string, kind: PolicyKind): { policy: PolicyDocument } | { problem: Pick<Diagnostic, 'code' | 'severity' | 'message' | 'help'> } {
  const catalog = builtinCatalog();
  const found = catalog.systemPolicies.get(name);
  if (found && found.kind === kind) return { policy: found.policy };
  const names = [...catalog.systemPolicies.values()].filter((x) => x.kind === kind).map((x) => x.name);
  const message = found ? `\`${name}\` is ${aKind(found.kind)} policy, not ${aKind(kind)} policy` : `no system policy is called \`${name}\``;
  const help = didYouMean(closest(name, names)) ?? `the ${kind} system policies are ${names.map((n) => `\`${n}\``).join(', ')}`;
  return { problem: { code: 'unknown-system-policy', severity: 'error', message, help } };
}
