/**
 * Finds the policy documents in one file: a bare policy (JSON or YAML), a Terraform plan
 * (`terraform show -json`), or a ROS template. Pure: text in, policy sources out.
 */
import type { SourceRange } from '../../diagnostics/diagnostic.js';
import { parseSource } from '../../parse/source.js';
import type { PolicyKind } from '../../policy/types.js';
import type { PolicySource } from '../engine.js';
import { rosPolicies } from './ros.js';
import { terraformPolicies } from './terraform.js';

/** Where a document sits inside its file, before it becomes a PolicySource. */
export interface Embedded {
  kind: PolicyKind;
  origin: string;
  pointer: string;
  /** A JSON string (Terraform) or an object (ROS). */
  document: unknown;
}

/** What a file holds. */
export interface Extraction {
  format: 'policy' | 'terraform-plan' | 'ros-template' | 'not-a-policy';
  sources: PolicySource[];
}

/** True when a parsed value looks like a policy document (so directory walks skip other YAML). */
export function looksLikePolicy(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && ('Statement' in value || 'Version' in value);
}

/**
 * The policies of one file. `kind` forces the kind of a bare policy (default identity); embedded
 * policies take their kind from where they sit. With `explicit` false (a file found by a directory
 * walk), a file that is not a policy, plan or template is skipped rather than reported.
 */
export function extractPolicies(text: string, file: string, options: { kind?: PolicyKind; explicit?: boolean } = {}): Extraction {
  const kind = options.kind ?? kindFromFileName(file);
  const parsed = parseSource(text, file);
  if (parsed.diagnostics.length > 0) {
    // Unparseable: the engine parses the text again and reports the syntax findings.
    if (options.explicit === false && !/\.json$/.test(file)) return { format: 'not-a-policy', sources: [] };
    return { format: 'policy', sources: [{ file, kind, text, pointerPrefix: '' }] };
  }
  // Parsed once here; the engine gets the value and the locator, not the text again.
  const bare = (): Extraction => ({ format: 'policy', sources: [{ file, kind, value: parsed.value, locate: parsed.locate, pointerPrefix: '' }] });
  const value = parsed.value;
  const embedded = terraformPolicies(value) ?? rosPolicies(value);
  if (embedded) {
    const format = terraformPolicies(value) ? 'terraform-plan' : 'ros-template';
    return { format, sources: embedded.map((e) => toSource(e, file, parsed.locate)) };
  }
  if (options.explicit === false && !looksLikePolicy(value)) return { format: 'not-a-policy', sources: [] };
  return bare();
}

/** A bare policy's kind from its file name: `x.trust.json`, `x.control.yaml`, `x.session.json`; identity otherwise. */
export function kindFromFileName(file: string): PolicyKind {
  const kind = /\.(identity|trust|control|session)\.(json|ya?ml)$/i.exec(file)?.[1]?.toLowerCase();
  return (kind as PolicyKind | undefined) ?? 'identity';
}

function toSource(e: Embedded, file: string, locate: (p: string, t?: 'key' | 'value') => SourceRange | undefined): PolicySource {
  const base = { file, kind: e.kind, origin: e.origin, pointerPrefix: e.pointer, locate };
  return typeof e.document === 'string' ? { ...base, text: e.document } : { ...base, value: e.document };
}
