/**
 * Policies in a ROS template (JSON or YAML): `ALIYUN::RAM::ManagedPolicy` `PolicyDocument`,
 * `ALIYUN::RAM::Role` `AssumeRolePolicyDocument` (trust) and inline `Policies`, and the inline
 * `Policies` of `ALIYUN::RAM::User` and `ALIYUN::RAM::Group`. A part of another shape than a
 * template has is skipped; only own members are read (a resource may be called `__proto__`).
 */
import { escapePointerToken } from '../../diagnostics/diagnostic.js';
import type { Embedded } from './extract.js';
import { isRecord, own } from './own.js';

const WITH_INLINE_POLICIES = new Set(['ALIYUN::RAM::Role', 'ALIYUN::RAM::User', 'ALIYUN::RAM::Group']);

/** The policies of a template, or undefined when the value is not a ROS template. */
export function rosPolicies(value: unknown): Embedded[] | undefined {
  if (!isRecord(value) || !Object.hasOwn(value, 'ROSTemplateFormatVersion')) return undefined;
  const resources = own(value, 'Resources');
  const out: Embedded[] = [];
  if (!isRecord(resources)) return out;
  for (const [name, resource] of Object.entries(resources)) {
    const base = `/Resources/${escapePointerToken(name)}/Properties`;
    const props = own(resource, 'Properties');
    const rawType = own(resource, 'Type');
    const type = typeof rawType === 'string' ? rawType : '';
    const policyDocument = own(props, 'PolicyDocument');
    if (type === 'ALIYUN::RAM::ManagedPolicy' && policyDocument !== undefined) {
      out.push({ kind: 'identity', origin: `${name} (${type} PolicyDocument)`, pointer: `${base}/PolicyDocument`, document: policyDocument });
    }
    const trust = own(props, 'AssumeRolePolicyDocument');
    if (type === 'ALIYUN::RAM::Role' && trust !== undefined) {
      out.push({ kind: 'trust', origin: `${name} (${type} AssumeRolePolicyDocument)`, pointer: `${base}/AssumeRolePolicyDocument`, document: trust });
    }
    const policies = own(props, 'Policies');
    if (WITH_INLINE_POLICIES.has(type) && Array.isArray(policies)) {
      policies.forEach((p, i) => {
        const document = own(p, 'PolicyDocument');
        if (document === undefined) return;
        const policyName = own(p, 'PolicyName');
        out.push({ kind: 'identity', origin: `${name} (${type} inline policy ${typeof policyName === 'string' ? policyName : i})`, pointer: `${base}/Policies/${i}/PolicyDocument`, document });
      });
    }
  }
  return out;
}
