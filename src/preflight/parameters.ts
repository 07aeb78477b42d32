/**
 * The request parameters of CAMS `UpdateInstance` (API 2020-06-06), as its API reference documents
 * them: every one a string; `InstanceId` and `InstanceName` required. Checks only what the
 * reference states or implies (an e-mail, a URL, `Y`/`N`); no invented length limits.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** One documented parameter. */
export interface ParameterSpec {
  name: string;
  /** The CLI flag that sets it. */
  flag: string;
  required: boolean;
  /** What a valid value looks like, when more than "a string". */
  check?: (value: string) => string | undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function url(value: string): string | undefined {
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? undefined : 'an http or https URL';
  } catch {
    return 'a URL';
  }
}

/** The parameters of UpdateInstance, in the reference's order. */
export const UPDATE_INSTANCE_PARAMETERS: readonly ParameterSpec[] = [
  { name: 'InstanceId', flag: '--instance-id', required: true },
  { name: 'InstanceName', flag: '--instance-name', required: true },
  { name: 'InstanceDescription', flag: '--instance-description', required: false },
  { name: 'OfficeAddress', flag: '--office-address', required: false },
  { name: 'ContactMail', flag: '--contact-mail', required: false, check: (v) => (EMAIL.test(v) ? undefined : 'an e-mail address') },
  { name: 'CountryId', flag: '--country-id', required: false },
  { name: 'FacebookBmId', flag: '--facebook-bm-id', required: false },
  { name: 'IsvTerms', flag: '--isv-terms', required: false, check: url },
  { name: 'IsConfirmAudit', flag: '--is-confirm-audit', required: false, check: (v) => (v === 'Y' || v === 'N' ? undefined : '`Y` or `N`') },
];

/** The validated parameters of one UpdateInstance call. */
export type UpdateInstanceRequest = { InstanceId: string; InstanceName: string } & Partial<Record<string, string>>;

function problem(code: DiagnosticCode, message: string, name: string, help?: string): Diagnostic {
  return { code, severity: 'error', message, path: `/request/${name}`, ...(help ? { help } : {}) };
}

/** Checks parameters against the reference: unknown names, missing required ones, types and formats. */
export function validateUpdateInstanceParameters(params: Record<string, unknown>): { request?: UpdateInstanceRequest; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const known = new Map(UPDATE_INSTANCE_PARAMETERS.map((p) => [p.name, p]));
  for (const name of Object.keys(params)) {
    if (!known.has(name)) {
      const near = UPDATE_INSTANCE_PARAMETERS.find((p) => p.name.toLowerCase() === name.toLowerCase());
      diagnostics.push(problem('unknown-parameter', `UpdateInstance has no parameter \`${name}\``, name, near ? `did you mean \`${near.name}\`?` : `its parameters are ${UPDATE_INSTANCE_PARAMETERS.map((p) => `\`${p.name}\``).join(', ')}`));
    }
  }
  for (const spec of UPDATE_INSTANCE_PARAMETERS) {
    const value = params[spec.name];
    if (value === undefined || value === '') {
      if (spec.required) diagnostics.push(problem('missing-parameter', `\`${spec.name}\` is required`, spec.name, `give it with \`${spec.flag}\``));
      continue;
    }
    if (typeof value !== 'string') {
      diagnostics.push(problem('invalid-parameter', `\`${spec.name}\` must be a string`, spec.name));
      continue;
    }
    const expected = spec.check?.(value);
    if (expected) diagnostics.push(problem('invalid-parameter', `\`${spec.name}\` must be ${expected}, not \`${value}\``, spec.name));
  }
  return diagnostics.length > 0 ? { diagnostics } : { request: params as UpdateInstanceRequest, diagnostics };
}
