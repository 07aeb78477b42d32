/**
 * The guarded CAMS client: runs the preflight, and sends `UpdateInstance` through Alibaba's SDK
 * only when the preflight allows it (or when the caller forces a Conditional answer). A service
 * denial of a call the preflight allowed is reported as drift: the local policies do not match
 * what RAM enforces.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { compilePolicySet, type CompiledPolicySet } from '../eval/compile.js';
import { UPDATE_INSTANCE_PARAMETERS, type UpdateInstanceRequest } from '../preflight/parameters.js';
import { preflightUpdateInstance, type PreflightResult } from '../preflight/update-instance.js';
import type { RequestPrincipal } from '../request/types.js';
import type { PolicySet } from '../policy/policy-set.js';
import { defaultEndpoint, endpointUrl } from './endpoint.js';
import { failureFromError, isPermissionDenial, type ServiceFailure } from './failure.js';
import { CAMS_API_VERSION, DEFAULT_RETRY, callCams, type CredentialSource, type Endpoint, type RetryPolicy } from './transport.js';

export interface GuardedClientOptions {
  region: string;
  accountId: string;
  /** The caller's policies, as the preflight should see them. */
  policies: PolicySet | CompiledPolicySet;
  principal: RequestPrincipal;
  /** The credential chain (`new Credential()` of `@alicloud/credentials`) or any object with `getCredential()`. */
  credential: CredentialSource;
  /** Default: `https://cams.<region>.aliyuncs.com`. */
  endpoint?: Endpoint;
  /** Per attempt, ms. Default 10 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** The clock for `acs:CurrentTime`: the client is an edge and may own one. */
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Told before each retry. */
  onRetry?: (failure: ServiceFailure, attempt: number, delayMs: number) => void;
}

export interface UpdateOptions {
  /** Send a Conditional call anyway. A deny is never sent. */
  force?: boolean;
  /** Preflight and describe the request, send nothing. */
  dryRun?: boolean;
  sourceIp?: string;
  context?: Record<string, string | string[]>;
  absent?: string[];
  /** The resource group the instance belongs to, so resource-group-scoped attachments apply. */
  resourceGroup?: string;
}

/** The request that is (or would be) sent, without any secret. */
export interface DescribedRequest {
  method: 'POST';
  url: string;
  action: 'UpdateInstance';
  version: string;
  signature: 'ACS3-HMAC-SHA256';
  accessKeyId?: string;
  /** Whether a security token will be sent (its value never is shown). */
  securityToken: boolean;
  body: Record<string, string>;
}

/** What happened, one status each; the CLI maps each to an exit code. */
export type GuardedOutcome =
  | { status: 'invalid'; diagnostics: Diagnostic[] }
  | { status: 'refused'; preflight: PreflightResult; reason: string }
  | { status: 'dry-run'; preflight: PreflightResult; request: DescribedRequest; wouldSend: boolean; reason: string }
  | { status: 'succeeded'; preflight: PreflightResult; request: DescribedRequest; forced: boolean; response: Record<string, unknown>; attempts: number }
  | { status: 'denied'; preflight: PreflightResult; request: DescribedRequest; forced: true; failure: ServiceFailure; attempts: number }
  | { status: 'drift'; preflight: PreflightResult; request: DescribedRequest; failure: ServiceFailure; attempts: number }
  | { status: 'failed'; preflight?: PreflightResult; request?: DescribedRequest; forced: boolean; failure: ServiceFailure; attempts: number };

/** The request parameters as the form body carries them, in the API reference's order. */
function formBody(request: UpdateInstanceRequest): Record<string, string> {
  const body: Record<string, string> = {};
  for (const p of UPDATE_INSTANCE_PARAMETERS) {
    const value = (request as unknown as Record<string, string | undefined>)[p.name];
    if (value !== undefined) body[p.name] = value;
  }
  return body;
}

/** Why a preflight answer stops the call, or undefined when it may go. */
function refusal(preflight: PreflightResult, force: boolean): string | undefined {
  switch (preflight.decision) {
    case 'Allow':
      return undefined;
    case 'Conditional':
      return force ? undefined : `the answer depends on context the preflight does not know (${preflight.unknownKeys.join(', ')}); give it (e.g. --source-ip) or send anyway with --force`;
    default:
      return `the preflight predicts ${preflight.decision}: the call would be refused, so it is not sent (--force does not override a deny)`;
  }
}

/** A CAMS client that asks ramguard before every UpdateInstance. */
export class GuardedCamsClient {
  private readonly compiled: CompiledPolicySet;
  private readonly endpoint: Endpoint;

  constructor(private readonly options: GuardedClientOptions) {
    this.compiled = 'statementCount' in options.policies ? options.policies : compilePolicySet(options.policies);
    this.endpoint = options.endpoint ?? defaultEndpoint(options.region);
  }

  /** Preflights and, when allowed, sends UpdateInstance. Never throws for a service or network failure. */
  async updateInstance(params: Record<string, unknown>, update: UpdateOptions = {}): Promise<GuardedOutcome> {
    let identity: { accessKeyId?: string; securityToken?: string };
    try {
      identity = await this.options.credential.getCredential();
    } catch (error) {
      if (!update.dryRun) return { status: 'failed', forced: false, failure: { ...failureFromError(error), kind: 'credentials', message: 'the credential chain gave no AccessKey (set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or a profile)' }, attempts: 0 };
      identity = {};
    }
    const { result: preflight, diagnostics } = preflightUpdateInstance(params, this.compiled, {
      region: this.options.region,
      accountId: this.options.accountId,
      principal: this.options.principal,
      currentTime: (this.options.now?.() ?? new Date()).toISOString(),
      secureTransport: this.endpoint.protocol === 'https',
      ...(identity.accessKeyId ? { accessKeyId: identity.accessKeyId } : {}),
      ...(update.sourceIp !== undefined ? { sourceIp: update.sourceIp } : {}),
      ...(update.context ? { context: update.context } : {}),
      ...(update.absent ? { absent: update.absent } : {}),
      ...(update.resourceGroup !== undefined ? { resourceGroup: update.resourceGroup } : {}),
    });
    if (!preflight || diagnostics.some((d) => d.severity === 'error')) return { status: 'invalid', diagnostics };
    const force = update.force === true;
    const request: DescribedRequest = {
      method: 'POST',
      url: endpointUrl(this.endpoint),
      action: 'UpdateInstance',
      version: CAMS_API_VERSION,
      signature: 'ACS3-HMAC-SHA256',
      ...(identity.accessKeyId ? { accessKeyId: identity.accessKeyId } : {}),
      securityToken: Boolean(identity.securityToken),
      body: formBody(preflight.request),
    };
    const reason = refusal(preflight, force);
    if (update.dryRun) return { status: 'dry-run', preflight, request, wouldSend: reason === undefined, reason: reason ?? 'the preflight allows it' };
    if (reason !== undefined) return { status: 'refused', preflight, reason };
    const forced = preflight.decision !== 'Allow';
    const outcome = await callCams('UpdateInstance', request.body, {
      endpoint: this.endpoint,
      regionId: this.options.region,
      credential: this.options.credential,
      timeoutMs: this.options.timeoutMs ?? 10_000,
      retry: { ...DEFAULT_RETRY, ...this.options.retry },
      ...(this.options.sleep ? { sleep: this.options.sleep } : {}),
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.onRetry ? { onRetry: this.options.onRetry } : {}),
    });
    if (outcome.ok) return { status: 'succeeded', preflight, request, forced, response: outcome.body, attempts: outcome.attempts };
    const { failure, attempts } = outcome;
    if (isPermissionDenial(failure)) {
      // Allowed locally, denied by RAM: the local policies are not what RAM enforces.
      if (!forced) return { status: 'drift', preflight, request, failure, attempts };
      return { status: 'denied', preflight, request, forced: true, failure, attempts };
    }
    return { status: 'failed', preflight, request, forced, failure, attempts };
  }
}
