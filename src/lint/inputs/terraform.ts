/**
 * Policies in a Terraform plan (`terraform show -json`): `alicloud_ram_policy` (`policy_document`,
 * or the older `document`), `alicloud_ram_role` (trust: `assume_role_policy_document` or
 * `document`), `alicloud_resource_manager_control_policy` (`policy_document`), in the root module
 * and every child module of `planned_values`. The documents are JSON strings. The plan comes from
 * a pull request like any file: a part of another shape than Terraform writes is skipped, never
 * trusted (a resource `type` of `constructor` must not find `Object`'s).
 */
import { escapePointerToken } from '../../diagnostics/diagnostic.js';
import type { PolicyKind } from '../../policy/types.js';
import type { Embedded } from './extract.js';
import { isRecord, own } from './own.js';

const ATTRIBUTES = new Map<string, [attribute: string, kind: PolicyKind][]>([
  ['alicloud_ram_policy', [['policy_document', 'identity'], ['document', 'identity']]],
  ['alicloud_ram_role', [['assume_role_policy_document', 'trust'], ['document', 'trust']]],
  ['alicloud_resource_manager_control_policy', [['policy_document', 'control']]],
]);

/** The policies of a plan, or undefined when the value is not a Terraform plan. */
export function terraformPolicies(value: unknown): Embedded[] | undefined {
  if (!isRecord(value) || !Object.hasOwn(value, 'planned_values') || !(Object.hasOwn(value, 'terraform_version') || Object.hasOwn(value, 'format_version'))) return undefined;
  const out: Embedded[] = [];
  // Recursion follows child modules, as deep as the parsed data nests (bounded by the parser).
  const walk = (module: unknown, pointer: string): void => {
    const resources = own(module, 'resources');
    if (Array.isArray(resources)) {
      resources.forEach((resource, i) => {
        const type = own(resource, 'type');
        const attributes = typeof type === 'string' ? ATTRIBUTES.get(type) : undefined;
        for (const [attribute, kind] of attributes ?? []) {
          const document = own(own(resource, 'values'), attribute);
          if (typeof document !== 'string' || document === '') continue; // unknown until apply, or not set
          const address = own(resource, 'address');
          out.push({ kind, origin: `${typeof address === 'string' ? address : String(type)} (${attribute})`, pointer: `${pointer}/resources/${i}/values/${escapePointerToken(attribute)}`, document });
          break; // `document` is the older name of the same attribute
        }
      });
    }
    const children = own(module, 'child_modules');
    if (Array.isArray(children)) children.forEach((child, i) => walk(child, `${pointer}/child_modules/${i}`));
  };
  walk(own(own(value, 'planned_values'), 'root_module'), '/planned_values/root_module');
  return out;
}
