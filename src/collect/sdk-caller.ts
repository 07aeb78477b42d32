/**
 * A Caller on Alibaba's SDK: one RpcClient per API endpoint (src/client/transport.ts signs,
 * sends and retries), every call through one concurrency limit, counted for the progress line.
 */
import type { ServiceFailure } from '../client/failure.js';
import { createRpcClient, type CredentialSource, type Endpoint, type RetryPolicy } from '../client/transport.js';
import { APIS, concurrencyLimit, type ApiName, type Caller } from './calls.js';

/** The endpoints of the three APIs (they may be one, e.g. the local account emulator). */
export type Endpoints = Record<ApiName, Endpoint>;

/** Alibaba's documented endpoints: RAM and Resource Manager are global, CAMS is regional. */
export function defaultEndpoints(region: string): Endpoints {
  return { ram: { protocol: 'https', host: 'ram.aliyuncs.com' }, resourcemanager: { protocol: 'https', host: 'resourcemanager.aliyuncs.com' }, cams: { protocol: 'https', host: `cams.${region}.aliyuncs.com` } };
}

/** How the SDK caller sends. */
export interface SdkCallerOptions {
  endpoints: Endpoints;
  region: string;
  credential: CredentialSource;
  timeoutMs: number;
  retry: RetryPolicy;
  /** At most this many calls in flight. */
  concurrency: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  onRetry?: (failure: ServiceFailure, attempt: number, delayMs: number) => void;
}

/** A Caller plus the count of calls it made (attempts included). */
export function sdkCaller(options: SdkCallerOptions): Caller & { stats: { calls: number; attempts: number } } {
  const { endpoints, ...transport } = options;
  const clients = Object.fromEntries((Object.keys(endpoints) as ApiName[]).map((api) => [api, createRpcClient({ ...transport, regionId: options.region, endpoint: endpoints[api] })])) as Record<ApiName, ReturnType<typeof createRpcClient>>;
  const limit = concurrencyLimit(options.concurrency);
  const stats = { calls: 0, attempts: 0 };
  const caller: Caller = (request) =>
    limit(async () => {
      const outcome = await clients[request.api].call({ version: APIS[request.api].version, action: request.action, parameters: request.parameters, bodyCheck: APIS[request.api].bodyCheck });
      stats.calls++;
      stats.attempts += outcome.attempts;
      return outcome;
    });
  return Object.assign(caller, { stats });
}
