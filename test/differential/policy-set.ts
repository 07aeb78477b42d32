/**
 * The real evaluator's PolicySet for the raw layers of a differential case (test/reference's
 * shape): shared by the suites that run the differential universes through the evaluator.
 */
import type { NamedPolicy, PolicySet } from '../../src/policy/policy-set.js';
import type { PolicyKind } from '../../src/policy/types.js';
import type { RawNamedPolicy, RawPolicies } from '../reference/naive-evaluator.js';

/** The layers of `raw`, each document read by `parsed` as the kind RAM uses it as. */
export function policySetOf(raw: RawPolicies, parsed: (policy: RawNamedPolicy, kind: PolicyKind) => NamedPolicy): PolicySet {
  const identity = raw.identity ?? [];
  return {
    control: (raw.control ?? []).map((level) => level.map((p) => parsed(p, 'control'))),
    ...(raw.session ? { session: parsed(raw.session, 'session') } : {}),
    identity: identity.filter((p) => p.resourceGroup === undefined).map((p) => parsed(p, 'identity')),
    resourceGroup: identity.flatMap((p) => (p.resourceGroup === undefined ? [] : [{ ...parsed(p, 'identity'), resourceGroup: p.resourceGroup }])),
    resource: (raw.resource ?? []).map((p) => parsed(p, 'trust')),
  };
}
