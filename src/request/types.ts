/**
 * An authorization request as ramguard evaluates it. Context keys are three-valued: a key is
 * given (one or more values), declared absent, or not supplied at all — and a key not supplied is
 * *unknown*, which can make a decision Conditional instead of a confident wrong answer.
 */

/** The kinds of caller RAM distinguishes. */
export type PrincipalType = 'RamUser' | 'AssumedRole' | 'Root';

/** All principal types, for CLI choices and schemas. */
export const PRINCIPAL_TYPES: readonly PrincipalType[] = ['RamUser', 'AssumedRole', 'Root'];

/** The caller. */
export interface RequestPrincipal {
  type: PrincipalType;
  /** e.g. `acs:ram::123:user/alice`, `acs:sts::123:assumed-role/deployer/session`, `acs:ram::123:root`. */
  arn?: string;
}

/** One request: who, what, on what, in which resource group, with which context. */
export interface AuthorizationRequest {
  principal: RequestPrincipal;
  /** `service:Action`, e.g. `cams:UpdateInstance`. */
  action: string;
  /** The target resource ARN. */
  resource: string;
  /** The resource's resource group id; undefined = unknown. */
  resourceGroup?: string;
  /**
   * Keys with values (a key with several values holds all of them). The keys are the user's —
   * `constructor` and `__proto__` included — so ramguard builds this as a null-prototype object
   * and reads it with `Object.entries` or `Object.hasOwn`, never `context[key]` alone.
   */
  context?: Record<string, string | string[]>;
  /** Keys declared absent from the request (e.g. `acs:MFAPresent` for AccessKey calls). */
  absent?: string[];
}
