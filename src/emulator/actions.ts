/**
 * The two CAMS actions the emulator carries out, on its stored instances: `UpdateInstance`
 * (parameters checked by the same rules as the preflight, src/preflight/parameters.ts) and
 * `QueryInstance`. Bodies follow the UpdateInstance API reference; QueryInstance's Data is the
 * emulator's choice (every stored field, so a test can see an update land).
 */
import { validateUpdateInstanceParameters } from '../preflight/parameters.js';
import type { EmulatorInstance } from './config.js';
import { apiError, parameterError, type ApiError } from './errors.js';

/** A stored instance: as configured, plus what UpdateInstance has set since. */
export interface InstanceRecord extends EmulatorInstance {
  officeAddress?: string;
  contactMail?: string;
  countryId?: string;
  facebookBmId?: string;
  isvTerms?: string;
  isConfirmAudit?: string;
  /** When UpdateInstance last changed it, as the API shows it (`2020-12-01 00:00:00`, UTC). */
  submitTime?: string;
}

/** The parameters of each emulated action, in the reference's spelling. */
const QUERY_INSTANCE_PARAMETERS = ['InstanceId'];

/** The instance a call names, or the parameter error Alibaba would answer. */
export function checkParameters(action: string, params: Record<string, string>): { instanceId: string } | { error: ApiError } {
  if (action === 'UpdateInstance') {
    const { request, diagnostics } = validateUpdateInstanceParameters(params);
    const first = diagnostics[0];
    if (request) return { instanceId: request.InstanceId };
    const name = first?.path.replace('/request/', '') ?? '';
    if (first?.code === 'missing-parameter') return { error: parameterError('Missing', name, first.message) };
    if (first?.code === 'invalid-parameter') return { error: parameterError('Invalid', name, first.message) };
    return { error: apiError('InvalidParameter', first?.message ?? 'the parameters are not valid') };
  }
  const unknown = Object.keys(params).find((p) => !QUERY_INSTANCE_PARAMETERS.includes(p));
  if (unknown !== undefined) return { error: apiError('InvalidParameter', `${action} has no parameter \`${unknown}\``) };
  const id = params['InstanceId'];
  if (id === undefined || id === '') return { error: parameterError('Missing', 'InstanceId', '`InstanceId` is required') };
  return { instanceId: id };
}

/** `2026-11-28T10:00:00.000Z` → `2026-11-28 10:00:00`, the API's SubmitTime format. */
export function submitTimeOf(nowIso: string): string {
  return nowIso.replace('T', ' ').replace(/(\.\d+)?(Z|[+-]\d{2}:\d{2})$/, '');
}

/** Applies an UpdateInstance call to a stored instance: the name always, the optional fields when given. */
export function applyUpdate(record: InstanceRecord, params: Record<string, string>, now: string): void {
  record.name = params['InstanceName']!;
  const optional: [string, keyof InstanceRecord][] = [
    ['InstanceDescription', 'description'],
    ['OfficeAddress', 'officeAddress'],
    ['ContactMail', 'contactMail'],
    ['CountryId', 'countryId'],
    ['FacebookBmId', 'facebookBmId'],
    ['IsvTerms', 'isvTerms'],
    ['IsConfirmAudit', 'isConfirmAudit'],
  ];
  for (const [parameter, field] of optional) {
    const value = params[parameter];
    if (value !== undefined && value !== '') (record as unknown as Record<string, string>)[field] = value;
  }
  record.submitTime = submitTimeOf(now);
}

/** UpdateInstance's `Data`, as the API reference lists it. */
export function updateData(record: InstanceRecord): Record<string, string> {
  return {
    InstanceId: record.id,
    InstanceName: record.name,
    InstanceDescription: record.description ?? '',
    ResourceRegionId: record.region,
    ChannelType: record.channelType ?? '',
    SubmitTime: record.submitTime ?? '',
    Description: record.description ?? '',
  };
}

/** QueryInstance's `Data`: UpdateInstance's fields and every other stored one. */
export function queryData(record: InstanceRecord): Record<string, unknown> {
  return {
    ...updateData(record),
    ResourceGroupId: record.resourceGroup ?? '',
    OfficeAddress: record.officeAddress ?? '',
    ContactMail: record.contactMail ?? '',
    CountryId: record.countryId ?? '',
    FacebookBmId: record.facebookBmId ?? '',
    IsvTerms: record.isvTerms ?? '',
    IsConfirmAudit: record.isConfirmAudit ?? '',
    Tags: Object.entries(record.tags).map(([Key, Value]) => ({ Key, Value })),
  };
}
