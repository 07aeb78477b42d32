/** RAM's documented size limits per policy kind (S10: counted on the compact JSON). */
import type { PolicyKind } from './types.js';

/** Maximum characters of a policy document, per kind. */
export const POLICY_SIZE_LIMITS: Readonly<Record<PolicyKind, number>> = {
  identity: 6144,
  trust: 6144,
  session: 2048,
  control: 4096,
};

/** The size RAM counts: characters of the document as compact JSON, whatever its formatting. */
export function policySize(document: unknown): number {
  return JSON.stringify(document).length;
}
