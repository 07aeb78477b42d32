/**
 * security-warning: a trust policy that lets an account's `root` principal assume the role with no
 * condition. `acs:ram::<uid>:root` means every RAM identity of that account its own policies allow
 * — its administrators decide who, not you. A policy does not know which account it belongs to,
 * so this fires for any account's root, including the role's own.
 */
import { stringsOf } from '../../policy/elements.js';
import type { LintRule } from '../types.js';

const ROOT = /^acs:ram:[^:]*:([^:]+):root$/;

export const trustForeignRootWithoutCondition: LintRule = {
  id: 'trust-foreign-root-without-condition',
  severity: 'security-warning',
  title: 'a trust policy trusts a whole account with no condition',
  help: 'name the user or role that may assume the role (`acs:ram::<uid>:role/<name>`), or add a condition such as `IpAddress` on `acs:SourceIp`',
  kinds: ['trust'],
  check({ policy, raw, report }) {
    const rawStatements = raw['Statement'] as Record<string, unknown>[];
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || s.conditions.length > 0) continue;
      const principal = rawStatements[s.index]?.['Principal'] as Record<string, unknown> | undefined;
      for (const [arn, path] of stringsOf(principal?.['RAM'], `${s.sourcePath}/Principal/RAM`)) {
        const account = ROOT.exec(arn)?.[1];
        if (account !== undefined) report({ path, message: `trusts every identity of account \`${account}\` with no condition` });
      }
    }
  },
};
