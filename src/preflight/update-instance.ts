/**
 * Preflight of CAMS `UpdateInstance`: validates the request against the API reference, builds the
 * instance ARN from the catalog's template, fills the context a real call carries, and evaluates
 * it. Pure: the caller passes the current time (the CLI passes its clock).
 */
import { builtinCatalog } from '../catalog/builtin.js';
import { buildArn } from '../catalog/query.js';
import type { Catalog } from '../catalog/types.js';
import type { EvaluationResult } from '../decision/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { evaluate } from '../eval/authorize.js';
import { compilePolicySet, type CompiledPolicySet } from '../eval/compile.js';
import type { AuthorizationRequest, RequestPrincipal } from '../request/types.js';
import type { PolicySet } from '../policy/policy-set.js';
import { validateUpdateInstanceParameters, type UpdateInstanceRequest } from './parameters.js';

/** What the call would carry besides its parameters. */
export interface PreflightOptions {
  region: string;
  accountId: string;
  principal: RequestPrincipal;
  /** ISO 8601: `acs:CurrentTime` of the call. Required: the core has no clock. */
  currentTime: string;
  /** The client IP, when known; otherwise `acs:SourceIp` is unknown and the answer may be Conditional. */
  sourceIp?: string;
  /** The AccessKey ID the call would be signed with, when known (`acs:AccessId`). Never the secret. */
  accessKeyId?: string;
  /** HTTPS (default) or not: `acs:SecureTransport`. */
  secureTransport?: boolean;
  /** More context keys, which win over the filled ones. */
  context?: Record<string, string | string[]>;
  /** More keys declared absent. */
  absent?: string[];
  /** The resource group the instance is in, when known; otherwise resource-group attachments make the answer Conditional (E4). */
  resourceGroup?: string;
  catalog?: Catalog;
}

/** The evaluation of the call, with the request and the ARN it acts on. */
export interface PreflightResult extends EvaluationResult {
  request: UpdateInstanceRequest;
  arn: string;
  /** The authorization request that was evaluated (action, resource, context). */
  authorization: AuthorizationRequest;
}

/**
 * Preflights one UpdateInstance call. Invalid parameters give diagnostics and no result. Pass a
 * `CompiledPolicySet` (from `compilePolicySet`) to preflight many calls without compiling again.
 */
export function preflightUpdateInstance(params: Record<string, unknown>, policies: PolicySet | CompiledPolicySet, options: PreflightOptions): { result?: PreflightResult; diagnostics: Diagnostic[] } {
  const { request, diagnostics } = validateUpdateInstanceParameters(params);
  if (!request) return { diagnostics };
  const arn = buildArn(options.catalog ?? builtinCatalog(), 'cams:UpdateInstance', { regionId: options.region, accountId: options.accountId, InstanceId: request.InstanceId });
  if ('error' in arn) return { diagnostics: [{ code: 'invalid-parameter', severity: 'error', message: arn.error, path: '/request' }] };
  // User-keyed: a null-prototype object, so a context key named `__proto__` is kept as a key
  // (Object.assign into `{}` would set the prototype instead and drop it).
  const context: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  context['acs:CurrentTime'] = options.currentTime;
  context['acs:SecureTransport'] = String(options.secureTransport ?? true);
  if (options.sourceIp !== undefined) context['acs:SourceIp'] = options.sourceIp;
  if (options.accessKeyId !== undefined) context['acs:AccessId'] = options.accessKeyId;
  const lowerGiven = new Set(Object.keys(options.context ?? {}).map((k) => k.toLowerCase()));
  for (const key of Object.keys(context)) if (lowerGiven.has(key.toLowerCase())) delete context[key];
  for (const [key, value] of Object.entries(options.context ?? {})) context[key] = value;
  const absent = [...(options.absent ?? [])];
  // AccessKey calls carry no MFA key (reference §5), unless the caller says otherwise.
  if (!lowerGiven.has('acs:mfapresent') && !absent.some((k) => k.toLowerCase() === 'acs:mfapresent')) absent.push('acs:MFAPresent');
  const authorization: AuthorizationRequest = { principal: options.principal, action: 'cams:UpdateInstance', resource: arn.arn, context, absent, ...(options.resourceGroup !== undefined ? { resourceGroup: options.resourceGroup } : {}) };
  const compiled = 'statementCount' in policies ? policies : compilePolicySet(policies);
  const evaluation = evaluate(compiled, authorization);
  return { result: { ...evaluation, request, arn: arn.arn, authorization }, diagnostics: evaluation.diagnostics };
}
