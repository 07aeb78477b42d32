/**
 * A policy set: every policy that takes part in one decision, by layer, in RAM's evaluation order
 * — the evaluator's input, whatever it was read from (a scenario file, a snapshot, a policy file).
 * Issue 14 §7: it lived in scenario/types.ts, so 16 modules imported the scenario file format.
 */
import type { PolicyDocument } from './types.js';

/** A validated policy with the name explanations use (file name, policy name). */
export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
}

/** An identity policy attached at resource-group scope: applies only to resources in that group. */
export interface ResourceGroupAttachment extends NamedPolicy {
  resourceGroup: string;
}

/** Every policy of one decision, by layer. */
export interface PolicySet {
  /** Resource Directory control policies, one array per level, Root folder first. */
  control: NamedPolicy[][];
  /** The session policy of an assumed-role session, if any. */
  session?: NamedPolicy;
  /** Identity policies attached at account level (the user's, its groups', or the role's). */
  identity: NamedPolicy[];
  /** Identity policies attached at resource-group level. */
  resourceGroup: ResourceGroupAttachment[];
  /** Resource-based policies: role trust policies for `sts:AssumeRole`. */
  resource: NamedPolicy[];
}

/** An empty policy set, to build on. */
export function emptyPolicySet(): PolicySet {
  return { control: [], identity: [], resourceGroup: [], resource: [] };
}
