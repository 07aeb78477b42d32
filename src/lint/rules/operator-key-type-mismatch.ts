/**
 * error: a typed operator (numeric, date, bool, ip) on a common `acs:` key of another type
 * (`NumericEquals` on `acs:SourceIp`): the request value can never be read as the operator's type,
 * so the condition never holds (and a negated one always does). String operators compare text and
 * fit every key, so they are never reported; keys the catalog does not type are not checked.
 */
import { compileWildcard } from '../../match/wildcard.js';
import { operatorSpec } from '../../conditions/operators.js';
import type { LintRule } from '../types.js';

const TYPED = new Set(['numeric', 'date', 'bool', 'ip']);

/** The operator family that fits a key type. */
const OPERATORS_FOR: Record<string, string> = {
  string: '`String...` operators',
  numeric: '`Numeric...` operators',
  date: '`Date...` operators',
  bool: '`Bool`',
  ip: '`IpAddress` or `NotIpAddress`',
};

export const operatorKeyTypeMismatch: LintRule = {
  id: 'operator-key-type-mismatch',
  severity: 'error',
  title: 'a condition operator of another type than its key',
  help: "use an operator of the key's type (`ramguard catalog keys` lists the types)",
  check({ policy, catalog, report }) {
    const keys = catalog.conditionKeys.map((k) => ({ info: k, matcher: compileWildcard(k.name.toLowerCase()) }));
    for (const s of policy.statements) {
      for (const clause of s.conditions) {
        const family = operatorSpec(clause.operator)?.family.name;
        if (!family || !TYPED.has(family)) continue;
        const key = keys.find((k) => k.matcher.test(clause.key.toLowerCase()))?.info;
        if (!key || key.type === family) continue;
        report({
          path: clause.sourcePath,
          target: 'key',
          message: `\`${clause.operator}\` compares ${family === 'ip' ? 'IP addresses' : `${family} values`}, but \`${clause.key}\` is ${key.type === 'ip' ? 'an ip' : `a ${key.type}`} key`,
          help: `use ${OPERATORS_FOR[key.type] ?? 'an operator of its type'} on \`${key.name}\``,
        });
      }
    }
  },
};
