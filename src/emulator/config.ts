/**
 * The CAMS emulator's configuration (YAML or JSON): the account and region it stands in for, the
 * AccessKeys it accepts with their principals and policies (the same `policies` shape as a
 * scenario), the instances it holds and the faults it injects. Pure: reading a policy file that
 * the configuration names is the caller's `readFile`, as for scenarios.
 */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { lazySchemaCheck, placeIn, type Placeable } from '../diagnostics/schema-check.js';
import { parseSource } from '../parse/source.js';
import { byPosition } from '../policy/parse-policy.js';
import type { RequestPrincipal } from '../request/types.js';
import type { PolicyFileReader } from '../parse/file-reader.js';
import { loadPolicies, type RawPolicies } from '../scenario/load-policies.js';
import type { PolicySet } from '../policy/policy-set.js';
import { emulatorConfigSchema, type FaultKind } from './config-schema.js';

const checkConfig = lazySchemaCheck(emulatorConfigSchema, 'emulator configuration');

/** The CAMS actions the emulator answers; every other action is `InvalidAction.NotFound`. */
export const EMULATED_ACTIONS = ['UpdateInstance', 'QueryInstance'] as const;

/** Alibaba's V3 signature documentation gives requests 15 minutes; the emulator's default skew. */
export const DEFAULT_MAX_SKEW_SECONDS = 900;

/** An AccessKey the emulator accepts. */
export interface EmulatorAccessKey {
  id: string;
  secret: string;
  /** STS keys: the x-acs-security-token every request must carry. */
  securityToken?: string;
  principal: RequestPrincipal & { arn: string };
  policies: PolicySet;
}

/** An instance as configured. */
export interface EmulatorInstance {
  id: string;
  name: string;
  description?: string;
  /** ResourceRegionId; the emulator's region when not given. */
  region: string;
  resourceGroup?: string;
  tags: Record<string, string>;
  channelType?: string;
}

/** A fault to inject: for `first` N matching requests, for `every` Nth one, else for every one. */
export interface FaultSpec {
  kind: FaultKind;
  /** Only requests for this action (e.g. `UpdateInstance`). */
  action?: string;
  first?: number;
  every?: number;
  /** latency: how long to wait before answering. */
  ms?: number;
  /** business-error: the body's Code and Message. */
  code?: string;
  message?: string;
}

/** The whole configuration, validated. */
export interface EmulatorConfig {
  accountId: string;
  region: string;
  accessKeys: EmulatorAccessKey[];
  instances: EmulatorInstance[];
  faults: FaultSpec[];
  maxSkewSeconds: number;
}

type RawConfig = {
  accountId: string;
  region: string;
  accessKeys: { id: string; secret: string; securityToken?: string; principal: RequestPrincipal & { arn: string }; policies?: RawPolicies }[];
  instances?: { id: string; name: string; description?: string; region?: string; resourceGroup?: string; tags?: Record<string, string>; channelType?: string }[];
  faults?: FaultSpec[];
  signature?: { maxSkewSeconds?: number };
};

/** Parses emulator configuration text. `readFile` resolves `file:` policy references. */
export function parseEmulatorConfig(text: string, options: { file?: string; readFile?: PolicyFileReader } = {}): { config?: EmulatorConfig; diagnostics: Diagnostic[] } {
  const source = parseSource(text, options.file);
  if (source.diagnostics.length > 0) return { diagnostics: source.diagnostics };
  const place = placeIn(source.locate, source.file);
  const structural = checkConfig(source.value ?? {});
  if (structural.length > 0) return { diagnostics: structural.map(place).sort(byPosition) };
  const raw = source.value as RawConfig;
  const diagnostics = checkValues(raw).map(place);
  const accessKeys = raw.accessKeys.map((key, i): EmulatorAccessKey => {
    const loaded = loadPolicies(key.policies, { source, place, pointer: `/accessKeys/${i}/policies`, ...(options.readFile ? { readFile: options.readFile } : {}) });
    for (const item of loaded.diagnostics) diagnostics.push(item);
    return { id: key.id, secret: key.secret, ...(key.securityToken !== undefined ? { securityToken: key.securityToken } : {}), principal: key.principal, policies: loaded.policies };
  });
  if (hasErrors(diagnostics)) return { diagnostics: diagnostics.sort(byPosition) };
  const instances = (raw.instances ?? []).map(({ tags, region, ...rest }) => ({ ...rest, region: region ?? raw.region, tags: tags ?? {} }));
  const config: EmulatorConfig = { accountId: raw.accountId, region: raw.region, accessKeys, instances, faults: raw.faults ?? [], maxSkewSeconds: raw.signature?.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS };
  return { config, diagnostics };
}

/** What the schema cannot say well: formats, ranges, unique ids and each fault's fields. */
function checkValues(raw: RawConfig): Placeable[] {
  const problems: Placeable[] = [];
  const invalid = (path: string, message: string, help?: string) => problems.push({ code: 'invalid-value', severity: 'error', message, path, target: 'value', ...(help ? { help } : {}) });
  if (!/^\d+$/.test(raw.accountId)) invalid('/accountId', `\`accountId\` must be digits, not \`${raw.accountId}\``, 'an Alibaba Cloud account id (UID) is a number such as 1234567890123456');
  if (!/^[a-z0-9-]+$/.test(raw.region)) invalid('/region', `\`region\` must be a region id such as \`ap-southeast-1\`, not \`${raw.region}\``);
  const skew = raw.signature?.maxSkewSeconds;
  if (skew !== undefined && (skew < 1 || skew > 86_400)) invalid('/signature/maxSkewSeconds', `\`maxSkewSeconds\` must be from 1 to 86400, not \`${skew}\``);
  raw.accessKeys.forEach((key, i) => {
    if (key.id === '') invalid(`/accessKeys/${i}/id`, 'an AccessKey ID cannot be empty');
    if (key.secret === '') invalid(`/accessKeys/${i}/secret`, 'an AccessKey secret cannot be empty');
  });
  const duplicates = (items: { id: string }[], what: string, pointer: string) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id)) problems.push({ code: 'duplicate-id', severity: 'error', message: `${what} \`${item.id}\` is configured twice`, path: `${pointer}/${i}/id`, target: 'value' });
      seen.add(item.id);
    });
  };
  duplicates(raw.accessKeys, 'AccessKey', '/accessKeys');
  duplicates(raw.instances ?? [], 'instance', '/instances');
  (raw.faults ?? []).forEach((fault, i) => problems.push(...checkFault(fault, `/faults/${i}`)));
  return problems;
}

function checkFault(fault: FaultSpec, at: string): Placeable[] {
  const problems: Placeable[] = [];
  const bad = (field: string, message: string, help?: string) => problems.push({ code: 'invalid-fault', severity: 'error', message, path: field === '' ? at : `${at}/${field}`, target: field === '' ? 'value' : 'key', ...(help ? { help } : {}) });
  if (fault.first !== undefined && fault.every !== undefined) bad('every', 'a fault takes `first` or `every`, not both');
  for (const field of ['first', 'every'] as const) {
    const n = fault[field];
    if (n !== undefined && n < 1) bad(field, `\`${field}\` must be at least 1, not \`${n}\``);
  }
  if (fault.action !== undefined && !(EMULATED_ACTIONS as readonly string[]).includes(fault.action)) {
    bad('action', `the emulator does not answer \`${fault.action}\`, so this fault would never fire`, `the emulated actions are ${EMULATED_ACTIONS.map((a) => `\`${a}\``).join(', ')}, written without \`cams:\``);
  }
  if (fault.kind === 'latency') {
    if (fault.ms === undefined) bad('', 'a latency fault needs `ms`');
    else if (fault.ms < 0 || fault.ms > 600_000) bad('ms', `\`ms\` must be from 0 to 600000, not \`${fault.ms}\``);
  } else if (fault.ms !== undefined) bad('ms', '`ms` applies only to latency faults');
  if (fault.kind === 'business-error') {
    if (fault.code === undefined || fault.code === '') bad('', 'a business-error fault needs `code`', 'e.g. `code: Instance.Auditing` — any Code other than `OK`');
    else if (fault.code === 'OK') bad('code', 'a business error cannot have Code `OK`: `OK` is success');
  } else {
    for (const field of ['code', 'message'] as const) if (fault[field] !== undefined) bad(field, `\`${field}\` applies only to business-error faults`);
  }
  return problems;
}
