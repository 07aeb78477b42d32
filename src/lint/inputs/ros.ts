/**
 * Policies in a ROS template (JSON or YAML): `ALIYUN::RAM::ManagedPolicy` `PolicyDocument`,
 * `ALIYUN::RAM::Role` `AssumeRolePolicyDocument` (trust) and inline `Policies`, and the inline
 * `Policies` of `ALIYUN::RAM::User` and `ALIYUN::RAM::Group`.
 */
import { escapePointerToken } from '../../diagnostics/diagnostic.js';
import type { Embedded } from './extract.js';

type Resource = { Type?: string; Properties?: Record<string, unknown> };

/** The policies of a template, or undefined when the value is not a ROS template. */
export function rosPolicies(value: unknown): Embedded[] | undefined {
  if (typeof value !== 'object' || value === null || !('ROSTemplateFormatVersion' in value)) return undefined;
  const resources = (value as { Resources?: Record<string, Resource> }).Resources ?? {};
  const out: Embedded[] = [];
  for (const [name, resource] of Object.entries(resources)) {
    const base = `/Resources/${escapePointerToken(name)}/Properties`;
    const props = resource.Properties ?? {};
    const type = resource.Type ?? '';
    if (type === 'ALIYUN::RAM::ManagedPolicy' && props['PolicyDocument'] !== undefined) {
      out.push({ kind: 'identity', origin: `${name} (${type} PolicyDocument)`, pointer: `${base}/PolicyDocument`, document: props['PolicyDocument'] });
    }
    if (type === 'ALIYUN::RAM::Role' && props['AssumeRolePolicyDocument'] !== undefined) {
      out.push({ kind: 'trust', origin: `${name} (${type} AssumeRolePolicyDocument)`, pointer: `${base}/AssumeRolePolicyDocument`, document: props['AssumeRolePolicyDocument'] });
    }
    if (['ALIYUN::RAM::Role', 'ALIYUN::RAM::User', 'ALIYUN::RAM::Group'].includes(type) && Array.isArray(props['Policies'])) {
      (props['Policies'] as { PolicyName?: string; PolicyDocument?: unknown }[]).forEach((p, i) => {
        if (p?.PolicyDocument === undefined) return;
        out.push({ kind: 'identity', origin: `${name} (${type} inline policy ${p.PolicyName ?? i})`, pointer: `${base}/Policies/${i}/PolicyDocument`, document: p.PolicyDocument });
      });
    }
  }
  return out;
}
