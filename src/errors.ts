/**
 * The one error ramguard's library throws: for misuse by the calling program (an argument of the
 * wrong type or shape), never for bad policy text, which becomes diagnostics. Its `code` names the
 * problem so a program can branch on it; the message says which function, which argument, and
 * what to do instead.
 */

/** Every code a RamguardError can carry. */
export const RAMGUARD_ERROR_CODES = [
  /** An argument, or a field inside it, has the wrong type or shape (or is missing). */
  'invalid-argument',
  /** A value that must be one of a fixed set (a policy `kind`, a principal `type`, a severity) is not. */
  'unknown-kind',
  /** A raw policy document or snapshot (`Version`/`Statement`, `file:` references) where a validated one is expected. */
  'raw-document',
  /** A PolicySet where a CompiledPolicySet is expected: call `compilePolicySet` first. */
  'not-compiled',
  /** An argument refers to itself; ramguard's data is a tree, as `JSON.parse` makes it. */
  'cyclic-value',
  /** An argument is nested deeper than `MAX_ARGUMENT_DEPTH` levels. */
  'too-deep',
] as const;

/** A code of a RamguardError. */
export type RamguardErrorCode = (typeof RAMGUARD_ERROR_CODES)[number];

/** Thrown (or, by async functions, rejected with) when a function of the library is called wrongly. */
export class RamguardError extends Error {
  /** What is wrong, as a stable code: tests and programs branch on it, not on the message. */
  readonly code: RamguardErrorCode;
  /** The argument, and the path inside it, that is wrong: e.g. `options.kind`, `set.identity[0].document`. */
  readonly argument?: string;

  constructor(code: RamguardErrorCode, message: string, options: { argument?: string; cause?: unknown } = {}) {
    super(message, options.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'RamguardError';
    this.code = code;
    if (options.argument !== undefined) this.argument = options.argument;
  }
}
