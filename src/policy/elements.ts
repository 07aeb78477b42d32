/**
 * Statement-level rules the schema cannot say well: Action xor NotAction, action format (S13),
 * trust policies' `sts:AssumeRole` (S12), policy variables in actions and resources (S4).
 */
import type { UnplacedDiagnostic } from './schema-errors.js';
import { policyVariableProblem } from './conditions-validate.js';
import type { PolicyKind } from './types.js';

const ACTION = /^[a-z0-9][a-z0-9-]*:[A-Za-z0-9*?]+$/;

/** Problems of one statement object (already known to be an object). */
export function statementDiagnostics(statement: Record<string, unknown>, path: string, kind: PolicyKind): UnplacedDiagnostic[] {
  const out: UnplacedDiagnostic[] = [];
  const hasAction = 'Action' in statement;
  const hasNotAction = 'NotAction' in statement;
  if (hasAction && hasNotAction) {
    out.push({ code: 'action-and-notaction', severity: 'error', message: 'a statement has either `Action` or `NotAction`, not both', path: `${path}/NotAction`, target: 'key', help: 'split it into two statements' });
  } else if (!hasAction && !hasNotAction) {
    out.push({ code: 'missing-element', severity: 'error', message: 'the statement is missing `Action`', path, target: 'key', help: 'name the actions it allows or denies in `Action` (or all but some in `NotAction`)' });
  }
  for (const element of ['Action', 'NotAction'] as const) {
    for (const [value, valuePath] of stringsOf(statement[element], `${path}/${element}`)) {
      if (value.includes('${')) out.push(policyVariableProblem(value, valuePath, 'value'));
      else if (value !== '*' && !ACTION.test(value)) {
        out.push({ code: 'invalid-action-format', severity: 'error', message: `\`${value}\` is not an action`, path: valuePath, target: 'value', help: 'an action is `<service>:<ActionName>` (e.g. `cams:UpdateInstance`), `<service>:*`, or `*`' });
      }
    }
  }
  for (const [value, valuePath] of stringsOf(statement['Resource'], `${path}/Resource`)) {
    if (value.includes('${')) out.push(policyVariableProblem(value, valuePath, 'value'));
  }
  if (kind === 'trust') {
    if (hasNotAction) {
      out.push({ code: 'trust-action', severity: 'error', message: 'a trust policy names `sts:AssumeRole` in `Action`, not `NotAction`', path: `${path}/NotAction`, target: 'key' });
    }
    for (const [value, valuePath] of stringsOf(statement['Action'], `${path}/Action`)) {
      if (value.toLowerCase() !== 'sts:assumerole') {
        out.push({ code: 'trust-action', severity: 'error', message: `a trust policy allows only \`sts:AssumeRole\`, not \`${value}\``, path: valuePath, target: 'value' });
      }
    }
  }
  return out;
}

/** The string items of a string-or-array element, each with its JSON Pointer. */
export function stringsOf(value: unknown, path: string): [string, string][] {
  if (typeof value === 'string') return [[value, path]];
  if (!Array.isArray(value)) return [];
  return value.flatMap((v, i): [string, string][] => (typeof v === 'string' ? [[v, `${path}/${i}`]] : []));
}
