/** The CLI's exit codes: a contract scripts rely on. */
import type { Decision } from '../decision/types.js';

/**
 * 0 Allow (or a guarded call succeeded), 1 denied, 2 invalid input or usage, 3 Conditional,
 * 4 drift (the preflight allowed a call the service denied), 5 a sent call failed (timeout,
 * HTTP error, business error in the body, network; for `collect`: nothing could be collected),
 * 6 `collect` wrote the snapshot but it is incomplete (gaps, or documents ramguard cannot read).
 */
export const EXIT = { allow: 0, deny: 1, invalid: 2, conditional: 3, drift: 4, failed: 5, incomplete: 6 } as const;

/** The exit code of a decision. */
export function exitCodeOf(decision: Decision): number {
  if (decision === 'Allow') return EXIT.allow;
  if (decision === 'Conditional') return EXIT.conditional;
  return EXIT.deny;
}

/** `--expect` values. */
export const EXPECTATIONS = ['allow', 'deny', 'explicit-deny', 'implicit-deny', 'conditional'] as const;
export type Expectation = (typeof EXPECTATIONS)[number];

/** Whether a decision meets an `--expect` value (`deny` covers both denies). */
export function meetsExpectation(decision: Decision, expect: Expectation): boolean {
  switch (expect) {
    case 'allow':
      return decision === 'Allow';
    case 'deny':
      return decision === 'ExplicitDeny' || decision === 'ImplicitDeny';
    case 'explicit-deny':
      return decision === 'ExplicitDeny';
    case 'implicit-deny':
      return decision === 'ImplicitDeny';
    case 'conditional':
      return decision === 'Conditional';
  }
}
