/**
 * error: a Resource that starts with `acs:` but does not have the five parts
 * `acs:<service>:<region>:<account>:<relative-id>`. The exact check: split at `:`; there must be at
 * least five parts (the relative id may itself contain `:`) and a non-empty relative id — unless
 * the resource ends in `*`, which may stand for the missing parts (`acs:*`, `acs:cams:*`,
 * `acs:ram::123:*`). The service, when written (followed by `:`), must not be empty.
 */
import type { LintRule } from '../types.js';
import { writtenItems } from '../written.js';

/** What is wrong with an `acs:` resource, or undefined when it is well formed. */
function problem(resource: string): string | undefined {
  const parts = resource.split(':');
  if (parts.length > 2 && parts[1] === '') return 'has no service';
  if (resource.endsWith('*')) return undefined;
  if (parts.length < 5) return `has ${parts.length} of the 5 parts \`acs:<service>:<region>:<account>:<relative-id>\``;
  if (parts.slice(4).join(':') === '') return 'has no relative id (the resource after the account)';
  return undefined;
}

export const malformedArn: LintRule = {
  id: 'malformed-arn',
  severity: 'error',
  title: 'an ARN without its five parts `acs:<service>:<region>:<account>:<relative-id>`',
  help: 'write `acs:<service>:<region>:<account>:<relative-id>`, with `*` for any region or account (e.g. `acs:cams:*:*:instance/*`)',
  check({ policy, raw, report }) {
    for (const s of policy.statements) {
      for (const [resource, path] of writtenItems(raw, s, 'Resource')) {
        if (!resource.startsWith('acs:')) continue;
        const why = problem(resource);
        if (why) report({ path, message: `\`${resource}\` ${why}` });
      }
    }
  },
};
