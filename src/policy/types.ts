/**
 * The RAM policy document model, after validation. Strings-or-arrays are normalised to arrays;
 * `sourcePath` fields keep the JSON Pointer of each element so explanations can point back.
 */

import type { ConditionOperator } from '../conditions/operator-name.js';

/** Where a policy is used; decides which elements are allowed and the size limit. */
export type PolicyKind = 'identity' | 'session' | 'control' | 'trust';

/** All policy kinds, for CLI choices and schemas. */
export const POLICY_KINDS: readonly PolicyKind[] = ['identity', 'session', 'control', 'trust'];

/** `Allow` or `Deny`, case-sensitive as RAM documents. */
export type Effect = 'Allow' | 'Deny';

/** One `Key: values` entry under an operator. */
export interface ConditionClause {
  operator: ConditionOperator;
  /** The key as written (matching is case-insensitive). */
  key: string;
  values: string[];
  /** JSON Pointer of the key inside the document. */
  sourcePath: string;
}

/** A trust-policy principal block. */
export interface Principal {
  RAM: string[];
  Service: string[];
  Federated: string[];
}

/** One validated statement. Exactly one of `actions` / `notActions` is set. */
export interface Statement {
  index: number;
  sid?: string;
  effect: Effect;
  actions?: string[];
  notActions?: string[];
  /** Absent in trust policies. */
  resources?: string[];
  principal?: Principal;
  /** AND of all clauses (operators AND keys); each clause is an OR of its values. */
  conditions: ConditionClause[];
  sourcePath: string;
}

/** A validated policy document of one kind. */
export interface PolicyDocument {
  version: '1';
  kind: PolicyKind;
  statements: Statement[];
}
