/**
 * The emulator's stand-in for RAM: each call is evaluated with ramguard's own evaluator against
 * the policies configured for the caller's AccessKey, with the context a real call over the
 * emulator's plain-HTTP loopback would carry. A real service knows every fact of the request, so
 * every condition key the policies use that the call does not carry is declared absent: the
 * evaluation never stays Conditional on a key the emulator merely did not fill in.
 */
import { builtinCatalog } from '../catalog/builtin.js';
import { buildArn } from '../catalog/query.js';
import type { EvaluationResult } from '../decision/types.js';
import { evaluate } from '../eval/authorize.js';
import { compilePolicySet, type CompiledPolicySet } from '../eval/compile.js';
import type { AuthorizationRequest } from '../request/types.js';
import type { EmulatorAccessKey } from './config.js';

/** An AccessKey with its policies compiled once. */
export interface Authority {
  key: EmulatorAccessKey;
  compiled: CompiledPolicySet;
  /** Every condition key the key's policies name, in lower case. */
  policyKeys: Set<string>;
}

/** Compiles an AccessKey's policies (once, when the emulator starts). */
export function authorityOf(key: EmulatorAccessKey): Authority {
  const compiled = compilePolicySet(key.policies);
  const policyKeys = new Set(compiled.all.flatMap((s) => s.clauses.map((c) => c.keyLower)));
  return { key, compiled, policyKeys };
}

/** One call to authorize. */
export interface CallFacts {
  /** The CAMS action without the service prefix, e.g. `UpdateInstance`. */
  action: string;
  region: string;
  accountId: string;
  instanceId: string;
  /** The instance's resource group; `''` when it is in none the policies could name (or does not exist). */
  resourceGroup: string;
  tags: Record<string, string>;
  now: string;
  peerIp: string;
}

/** The authorization request of a call: action, instance ARN from the catalog, context. */
export function authorizationRequest(authority: Authority, call: CallFacts): AuthorizationRequest {
  const action = `cams:${call.action}`;
  const built = buildArn(builtinCatalog(), action, { regionId: call.region, accountId: call.accountId, InstanceId: call.instanceId });
  // The catalog has the Instance template of every emulated action; the fallback is that template.
  const resource = 'arn' in built ? built.arn : `acs:cams:${call.region}:${call.accountId}:instance/${call.instanceId}`;
  const context: Record<string, string> = {
    'acs:CurrentTime': call.now,
    'acs:SecureTransport': 'false', // the emulator speaks plain HTTP
    'acs:SourceIp': call.peerIp,
    'acs:AccessId': authority.key.id,
  };
  for (const [tag, value] of Object.entries(call.tags)) context[`acs:ResourceTag/${tag}`] = value;
  const given = new Set([...Object.keys(context).map((k) => k.toLowerCase()), 'acs:principalarn']);
  const absent = ['acs:MFAPresent', ...[...authority.policyKeys].filter((k) => !given.has(k) && k !== 'acs:mfapresent')];
  return { principal: authority.key.principal, action, resource, resourceGroup: call.resourceGroup, context, absent };
}

/** Evaluates a call. Anything but Allow is a denial (a Conditional cannot arise when every key is known or absent). */
export function authorizeCall(authority: Authority, call: CallFacts): { allowed: boolean; result: EvaluationResult; request: AuthorizationRequest } {
  const request = authorizationRequest(authority, call);
  const result = evaluate(authority.compiled, request, { trace: false });
  return { allowed: result.decision === 'Allow', result, request };
}

/** RAM's `AccessDeniedDetail` of a denied call. */
export interface AccessDeniedDetail {
  AuthAction: string;
  AuthPrincipalType: string;
  AuthPrincipalOwnerId: string;
  AuthPrincipalDisplayName: string;
  NoPermissionType: 'ImplicitDeny' | 'ExplicitDeny';
  PolicyType: string;
  EncodedDiagnosticMessage: string;
}

/** The AccessDeniedDetail RAM would attach to this denial. */
export function accessDeniedDetail(authority: Authority, accountId: string, request: AuthorizationRequest, result: EvaluationResult): AccessDeniedDetail {
  const { type, arn } = authority.key.principal;
  // RAM encodes its diagnosis for ram:DecodeDiagnosticMessage; the emulator encodes its own, readable with base64 -d.
  const diagnosis = { decision: result.decision, deniedBy: result.deniedBy, decidingStatements: result.decidingStatements, missingAllow: result.missingAllow?.message };
  return {
    AuthAction: request.action,
    AuthPrincipalType: type === 'RamUser' ? 'SubUser' : type === 'AssumedRole' ? 'AssumedRoleUser' : type,
    AuthPrincipalOwnerId: accountId,
    AuthPrincipalDisplayName: displayName(arn),
    NoPermissionType: result.decision === 'ExplicitDeny' ? 'ExplicitDeny' : 'ImplicitDeny',
    PolicyType: result.deniedBy ?? 'AccountLevelIdentityBasedPolicy',
    EncodedDiagnosticMessage: Buffer.from(JSON.stringify(diagnosis)).toString('base64'),
  };
}

/** `acs:ram::1:user/alice` → `alice`; `acs:ram::1:assumed-role/deployer/ci` → `deployer:ci`. */
function displayName(arn: string): string {
  const relative = arn.slice(arn.lastIndexOf(':') + 1);
  const slash = relative.indexOf('/');
  return slash < 0 ? relative : relative.slice(slash + 1).replace(/\//g, ':');
}
