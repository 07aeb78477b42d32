/**
 * Fault injection: which configured faults fire for a request, and the answer each gives. Every
 * fault counts the signed requests it matches (its action, or all) on its own, whether or not
 * another fault answered them, so `first: 2` and `every: 3` mean the same whatever else is
 * configured. Latency faults only delay; of the others, the first that fires answers.
 */
import type { FaultSpec } from './config.js';
import { apiError, type ApiError } from './errors.js';

/** What the faults decide for one request. */
export interface FaultOutcome {
  /** The fault that answers instead of the service, if one fires. */
  answer?: FaultSpec;
  /** How long to wait before answering: the sum of the latency faults that fire. */
  delayMs: number;
}

/** Whether a fault fires on its `n`th matching request (1-based). */
export function fires(fault: FaultSpec, n: number): boolean {
  if (fault.first !== undefined) return n <= fault.first;
  if (fault.every !== undefined) return n % fault.every === 0;
  return true;
}

/** Counts this request against every fault that matches `action` and says which fire. `counts` is updated. */
export function pickFaults(faults: readonly FaultSpec[], counts: number[], action: string): FaultOutcome {
  const outcome: FaultOutcome = { delayMs: 0 };
  faults.forEach((fault, i) => {
    if (fault.action !== undefined && fault.action !== action) return;
    const n = (counts[i] ?? 0) + 1;
    counts[i] = n;
    if (!fires(fault, n)) return;
    if (fault.kind === 'latency') outcome.delayMs += fault.ms ?? 0;
    else outcome.answer ??= fault;
  });
  return outcome;
}

/** The answer of a non-latency fault: an HTTP error, or a business error in a 200 body. */
export function faultAnswer(fault: FaultSpec): { error: ApiError } | { business: { code: string; message: string } } {
  switch (fault.kind) {
    case 'throttling':
      return { error: apiError('Throttling.User', 'Request was denied due to user flow control.') };
    case 'http-500':
      return { error: apiError('InternalError', 'The request processing has failed due to some unknown error, exception or failure.') };
    case 'http-503':
      return { error: apiError('ServiceUnavailable', 'The request has failed due to a temporary failure of the server.') };
    default: // business-error (pickFaults never answers with a latency fault)
      return { business: { code: fault.code ?? 'UnknownError', message: fault.message ?? '' } };
  }
}
