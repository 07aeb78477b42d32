/**
 * error: a Resource that is not `*` and cannot be an ARN (`instance/ins-1`, `ACS:cams:...`).
 * RAM matches resources case-sensitively against ARNs that all start with `acs:`, so such a
 * resource matches nothing.
 */
import type { LintRule } from '../types.js';
import { writtenItems } from '../written.js';

const PREFIX = 'acs:';

/** True when the pattern can match a string starting with `acs:` (a leading wildcard can). */
function canBeAnArn(resource: string): boolean {
  for (let i = 0; i < PREFIX.length; i++) {
    const c = resource[i];
    if (c === undefined) return false;
    if (c === '*') return true;
    if (c !== '?' && c !== PREFIX[i]) return false;
  }
  return true;
}

export const resourceNotAcs: LintRule = {
  id: 'resource-not-acs',
  severity: 'error',
  title: 'a Resource that is not an ARN (`acs:...`) or `*`',
  help: 'write the ARN, `acs:<service>:<region>:<account>:<relative-id>` (lower-case `acs:`), or `*`',
  check({ policy, raw, report }) {
    for (const s of policy.statements) {
      for (const [resource, path] of writtenItems(raw, s, 'Resource')) {
        if (canBeAnArn(resource)) continue;
        report({ path, message: `\`${resource}\` is not an ARN: ARNs start with \`acs:\`` });
      }
    }
  },
};
