/**
 * Checks a statement's `Condition` block: documented operators only (S4), string values (S5),
 * one value for `Bool` (S6), each value readable as its operator's type (S7–S9), key format.
 */
import { operatorSpec, operatorWithOtherCase, unsupportedOperatorReason, OPERATOR_NAMES } from '../conditions/operators.js';
import { escapePointerToken } from '../diagnostics/diagnostic.js';
import type { UnplacedDiagnostic } from './schema-errors.js';

const CONDITION_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]*:[^\s]+$/;

/** All problems of one `Condition` object (already known to be an object of objects). */
export function conditionDiagnostics(condition: Record<string, unknown>, conditionPath: string): UnplacedDiagnostic[] {
  const out: UnplacedDiagnostic[] = [];
  for (const [operator, block] of Object.entries(condition)) {
    const operatorPath = `${conditionPath}/${escapePointerToken(operator)}`;
    const spec = operatorSpec(operator);
    if (!spec) {
      out.push(operatorProblem(operator, operatorPath));
      continue;
    }
    if (typeof block !== 'object' || block === null || Array.isArray(block)) continue; // schema reports it
    const entries = Object.entries(block as Record<string, unknown>);
    if (entries.length === 0) {
      out.push({ code: 'empty-element', severity: 'error', message: `\`${operator}\` has no condition keys`, path: operatorPath, target: 'key', help: 'name at least one key, or remove the operator' });
    }
    for (const [key, raw] of entries) {
      const keyPath = `${operatorPath}/${escapePointerToken(key)}`;
      if (!CONDITION_KEY.test(key)) {
        out.push({ code: 'invalid-condition-key', severity: 'error', message: `\`${key}\` is not a condition key`, path: keyPath, target: 'key', help: 'a condition key is `acs:<Key>` or `<service>:<Key>`, e.g. `acs:SourceIp`' });
      }
      if (key.includes('${')) {
        out.push(policyVariableProblem(key, keyPath, 'key'));
      }
      const values = Array.isArray(raw) ? raw : [raw];
      if (values.length === 0) {
        out.push({ code: 'empty-array', severity: 'error', message: `\`${key}\` under \`${operator}\` has no values`, path: keyPath, target: 'value' });
      }
      if (operator === 'Bool' && values.length > 1) {
        out.push({ code: 'bool-multiple-values', severity: 'error', message: `\`Bool\` takes exactly one value, \`${key}\` has ${values.length}`, path: keyPath, target: 'value', help: 'a key cannot be both true and false: keep one value' });
      }
      values.forEach((value, i) => {
        const valuePath = Array.isArray(raw) ? `${keyPath}/${i}` : keyPath;
        if (typeof value !== 'string') {
          const shown = JSON.stringify(value);
          out.push({ code: 'condition-value-type', severity: 'error', message: `condition values must be strings, not \`${shown}\``, path: valuePath, target: 'value', help: typeof value === 'object' ? 'write each value as a string' : `write \`"${String(value)}"\`` });
        } else if (value.includes('${')) {
          out.push(policyVariableProblem(value, valuePath, 'value'));
        } else if (!spec.compileValue(value)) {
          out.push({ code: 'invalid-condition-value', severity: 'error', message: `\`${value}\` is not ${spec.policyValueExpected}, as \`${operator}\` needs`, path: valuePath, target: 'value' });
        }
      });
    }
  }
  return out;
}

function operatorProblem(operator: string, path: string): UnplacedDiagnostic {
  const reason = unsupportedOperatorReason(operator);
  if (reason) {
    return { code: 'unsupported-operator', severity: 'error', message: reason, path, target: 'key', help: `use one of RAM's documented operators, e.g. \`StringEquals\`` };
  }
  const otherCase = operatorWithOtherCase(operator);
  return {
    code: 'unknown-operator',
    severity: 'error',
    message: `unknown condition operator \`${operator}\``,
    path,
    target: 'key',
    help: otherCase
      ? `operator names are case-sensitive: did you mean \`${otherCase}\`?`
      : `RAM's operators are ${OPERATOR_NAMES.map((o) => `\`${o}\``).join(', ')}`,
  };
}

/** The diagnostic for a `${...}` policy variable, which RAM does not support (S4). */
export function policyVariableProblem(text: string, path: string, target: 'key' | 'value'): UnplacedDiagnostic {
  return {
    code: 'unsupported-policy-variable',
    severity: 'error',
    message: `policy variables like \`${text}\` are not supported by RAM`,
    path,
    target,
    help: 'RAM takes `${...}` literally; write the concrete value',
  };
}
