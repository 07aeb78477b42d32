/**
 * The calls `ramguard collect` makes, as data: which API (RAM, Resource Manager, CAMS), which
 * version, how a 200 body is read, and the one function every call goes through. The collection
 * logic takes a `Caller`; the CLI builds one on Alibaba's SDK (src/client/transport.ts), tests
 * may build one on anything.
 */
import type { ServiceFailure } from '../client/failure.js';
import { failureFromBody } from '../client/failure.js';
import { failureFromCodeIfAny, type BodyCheck, type CallOutcome } from '../client/transport.js';

/** The APIs collect reads. */
export type ApiName = 'ram' | 'resourcemanager' | 'cams';

/** Each API's version and how its 200 bodies report errors. */
export const APIS: Record<ApiName, { version: string; bodyCheck: BodyCheck }> = {
  ram: { version: '2015-05-01', bodyCheck: failureFromCodeIfAny },
  resourcemanager: { version: '2020-03-31', bodyCheck: failureFromCodeIfAny },
  // CAMS answers business errors in a 200 body whose Code is not "OK".
  cams: { version: '2020-06-06', bodyCheck: failureFromBody },
};

/** One call. */
export interface CallRequest {
  api: ApiName;
  action: string;
  parameters: Record<string, string>;
}

/** Sends one call (with its retries) and says how it ended. */
export type Caller = (request: CallRequest) => Promise<CallOutcome>;

/** A call that failed after its retries, and the snapshot element it leaves incomplete. */
export interface FailedCall {
  request: CallRequest;
  failure: ServiceFailure;
  /** What the snapshot lacks because of it, in words. */
  missing: string;
  /** Where it belongs in the snapshot, to be turned into a JSON Pointer once the snapshot is sorted. */
  target?: { list: 'users' | 'groups' | 'roles' | 'policies' | 'systemPolicies' | 'resourceGroups' | 'camsInstances'; name?: string; field?: string };
}

/** Runs at most `limit` tasks at once; the rest wait their turn, first come first served. */
export function concurrencyLimit(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
