/**
 * Loads a `policies` object — control levels, session, identity (with resource-group
 * attachments) and resource policies, each given inline (`document`), by file (`file`) or as a
 * system policy by name (`system`) — into a validated PolicySet. Scenarios and the CAMS
 * emulator's access keys share it, so a policy reference means the same in both files. Pure:
 * reading a referenced file is the caller's `readFile`.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PolicyFileReader } from '../parse/file-reader.js';
import type { Placeable } from '../diagnostics/schema-check.js';
import { capDiagnostics } from '../parse/limits.js';
import type { ParsedSource } from '../parse/source.js';
import { parsePolicy, validatePolicy } from '../policy/parse-policy.js';
import type { PolicyKind } from '../policy/types.js';
import { findSystemPolicy } from '../catalog/system-policy.js';
import { emptyPolicySet, type NamedPolicy, type PolicySet } from '../policy/policy-set.js';

/** Reads a policy file named by a scenario: its text and the name to report it by, or an error. */

/** One policy reference as written: exactly one of `document`, `file`, `system`. */
export type RawPolicyRef = { name: string; document?: unknown; file?: string; system?: string; resourceGroup?: string };

/** A `policies` object as written (already checked against the schema's `policies` shape). */
export type RawPolicies = { control?: RawPolicyRef[][]; session?: RawPolicyRef; identity?: RawPolicyRef[]; resource?: RawPolicyRef[] };

/** Where the `policies` object is: its file and source positions, and the JSON Pointer of the object itself. */
export interface PoliciesLocation {
  source: Pick<ParsedSource, 'file' | 'locate'>;
  /** Places a diagnostic in the file (see `placeIn`). */
  place: (d: Placeable) => Diagnostic;
  /** JSON Pointer of the `policies` object, e.g. `/policies` or `/accessKeys/0/policies`. */
  pointer: string;
  readFile?: PolicyFileReader;
}

/**
 * Loads every referenced policy. The policy set holds the ones that loaded; `diagnostics` holds
 * every problem, capped per file (a caller should not use the set when there is an error among them).
 */
export function loadPolicies(raw: RawPolicies | undefined, where: PoliciesLocation): { policies: PolicySet; diagnostics: Diagnostic[] } {
  const { source, place, readFile } = where;
  const diagnostics: Diagnostic[] = [];
  const load = (ref: RawPolicyRef, kind: PolicyKind, pointer: string): NamedPolicy | undefined => {
    const given = [ref.document !== undefined, ref.file !== undefined, ref.system !== undefined].filter(Boolean).length;
    if (given !== 1) {
      diagnostics.push(place({ code: 'policy-source', severity: 'error', message: `policy \`${ref.name}\` needs exactly one of \`document\`, \`file\` or \`system\``, path: pointer, target: 'value' }));
      return undefined;
    }
    if (ref.system !== undefined) return systemPolicy(ref, kind, pointer);
    let result;
    if (ref.document !== undefined) {
      result = validatePolicy(ref.document, { kind, ...(source.file !== undefined ? { file: source.file } : {}), pointerPrefix: `${pointer}/document`, locate: source.locate });
    } else {
      const read = readFile?.(ref.file!) ?? { error: 'policy files cannot be read here' };
      if ('error' in read) {
        diagnostics.push(place({ code: read.code ?? 'unreadable-file', severity: 'error', message: `cannot read policy file \`${ref.file}\`: ${read.error}`, path: `${pointer}/file`, target: 'value' }));
        return undefined;
      }
      result = parsePolicy(read.text, { kind, file: read.file });
    }
    for (const d of result.diagnostics) diagnostics.push(d); // not push(...): no list as arguments
    return result.policy ? { name: ref.name, document: result.policy } : undefined;
  };
  const systemPolicy = (ref: RawPolicyRef, kind: PolicyKind, pointer: string): NamedPolicy | undefined => {
    const found = findSystemPolicy(ref.system!, kind);
    if ('problem' in found) {
      diagnostics.push(place({ ...found.problem, path: `${pointer}/system`, target: 'value' }));
      return undefined;
    }
    return { name: ref.name, document: found.policy };
  };
  const at = where.pointer;
  const policies = emptyPolicySet();
  const p = raw ?? {};
  policies.control = (p.control ?? []).map((level, i) => level.flatMap((ref, j) => load(ref, 'control', `${at}/control/${i}/${j}`) ?? []));
  if (p.session) {
    const session = load(p.session, 'session', `${at}/session`);
    if (session) policies.session = session;
  }
  (p.identity ?? []).forEach((ref, i) => {
    const policy = load(ref, 'identity', `${at}/identity/${i}`);
    if (!policy) return;
    if (ref.resourceGroup !== undefined) policies.resourceGroup.push({ ...policy, resourceGroup: ref.resourceGroup });
    else policies.identity.push(policy);
  });
  policies.resource = (p.resource ?? []).flatMap((ref, i) => load(ref, 'trust', `${at}/resource/${i}`) ?? []);
  return { policies, diagnostics: capDiagnostics(diagnostics) };
}
