/**
 * The names of RAM's condition operators: a leaf of the module graph (it imports nothing), so the
 * policy model, the operators and everything that names an operator depend on it and not on each
 * other. Issue 14 §7: the type lived in policy/types.ts, and conditions/ importing it back made
 * the cycle policy ↔ conditions ↔ match ↔ request.
 */

/** The documented condition operators; nothing else exists in RAM. */
export type ConditionOperator =
  | 'StringEquals'
  | 'StringNotEquals'
  | 'StringEqualsIgnoreCase'
  | 'StringNotEqualsIgnoreCase'
  | 'StringLike'
  | 'StringNotLike'
  | 'NumericEquals'
  | 'NumericNotEquals'
  | 'NumericLessThan'
  | 'NumericLessThanEquals'
  | 'NumericGreaterThan'
  | 'NumericGreaterThanEquals'
  | 'DateEquals'
  | 'DateNotEquals'
  | 'DateLessThan'
  | 'DateLessThanEquals'
  | 'DateGreaterThan'
  | 'DateGreaterThanEquals'
  | 'Bool'
  | 'IpAddress'
  | 'NotIpAddress';
