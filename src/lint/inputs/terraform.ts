/**
 * Policies in a Terraform plan (`terraform show -json`): `alicloud_ram_policy` (`policy_document`,
 * or the older `document`), `alicloud_ram_role` (trust: `assume_role_policy_document` or
 * `document`), `alicloud_resource_manager_control_policy` (`policy_document`), in the root module
 * and every child module of `planned_values`. The documents are JSON strings.
 */
import { escapePointerToken } from '../../diagnostics/diagnostic.js';
import type { PolicyKind } from '../../policy/types.js';
import type { Embedded } from './extract.js';

const ATTRIBUTES: Record<string, [attribute: string, kind: PolicyKind][]> = {
  alicloud_ram_policy: [['policy_document', 'identity'], ['document', 'identity']],
  alicloud_ram_role: [['assume_role_policy_document', 'trust'], ['document', 'trust']],
  alicloud_resource_manager_control_policy: [['policy_document', 'control']],
};

type Module = { resources?: { address?: string; type?: string; values?: Record<string, unknown> }[]; child_modules?: Module[] };

/** The policies of a plan, or undefined when the value is not a Terraform plan. */
export function terraformPolicies(value: unknown): Embedded[] | undefined {
  if (typeof value !== 'object' || value === null || !('planned_values' in value) || !('terraform_version' in value || 'format_version' in value)) return undefined;
  const out: Embedded[] = [];
  const walk = (module: Module | undefined, pointer: string): void => {
    module?.resources?.forEach((resource, i) => {
      for (const [attribute, kind] of ATTRIBUTES[resource.type ?? ''] ?? []) {
        const document = resource.values?.[attribute];
        if (typeof document !== 'string' || document === '') continue; // unknown until apply, or not set
        out.push({ kind, origin: `${resource.address ?? resource.type} (${attribute})`, pointer: `${pointer}/resources/${i}/values/${escapePointerToken(attribute)}`, document });
        break; // `document` is the older name of the same attribute
      }
    });
    module?.child_modules?.forEach((child, i) => walk(child, `${pointer}/child_modules/${i}`));
  };
  walk((value as { planned_values?: { root_module?: Module } }).planned_values?.root_module, '/planned_values/root_module');
  return out;
}
