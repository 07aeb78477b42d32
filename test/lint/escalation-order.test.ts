/**
 * escalation-actions-on-broad-resources names the actions in catalog order without walking the
 * whole catalog (issue 15: the walk built all 22 services for every linted file, most of a one-file
 * lint's start-up): the same message as the walk, and only the services the patterns name built.
 */
import { describe, expect, it } from 'vitest';
import { freshBuiltinCatalog } from '../../src/catalog/builtin.js';
import { LazyServiceMap } from '../../src/catalog/lazy.js';
import { expandActionPattern } from '../../src/catalog/query.js';
import type { Catalog } from '../../src/catalog/types.js';
import { lintPolicy } from '../../src/lint/engine.js';

const RULE = 'escalation-actions-on-broad-resources';

/** The rule's finding on one Allow statement of `actions` on `*`, linted with `catalog`. */
function messageOf(actions: string[], catalog: Catalog): string | undefined {
  const text = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'true' } } }] });
  return lintPolicy({ file: 'p.json', kind: 'identity', text, pointerPrefix: '' }, catalog).find((f) => f.code === RULE)?.message;
}

/** The message as the rule wrote it when it walked every action of the catalog. */
function walkedMessage(actions: string[]): string | undefined {
  const catalog = freshBuiltinCatalog();
  const covered = new Set(actions.flatMap((p) => expandActionPattern(catalog, p).actions));
  const found = [...catalog.actions.values()].filter((a) => a.changesPermissions && covered.has(a));
  if (found.length === 0) return undefined;
  const names = found.slice(0, 3).map((a) => `\`${a.fullName}\``);
  if (found.length > 3) names.push(`${found.length - 3} more`);
  const shown = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
  return `the statement allows ${shown}, which can grant permissions, on \`*\``;
}

describe(`${RULE} in catalog order, without the walk`, () => {
  it.each([
    [['ram:*']],
    [['ram:Update*', 'ram:Attach*']],
    [['ram:AttachPolicyToUser', 'ram:CreateAccessKey']],
    [['ram:CreateAccessKey', 'ram:AttachPolicyToUser']],
    [['ram:*Policy*', 'ecs:*', 'ram:CreateAccessKey']],
    [['ram:attachpolicytorole']],
    [['*']],
    [['cams:*', 'ecs:Describe*']],
  ])('%j: the message the walk gave', (actions) => {
    // Given a fresh catalog (nothing built yet) and the statement
    // Then the rule names the same actions, in the same order, as walking every action did
    expect(messageOf(actions, freshBuiltinCatalog())).toBe(walkedMessage(actions));
  });

  it('names at least one action for `ram:*` (the comparison above is not vacuous)', () => {
    expect(messageOf(['ram:*'], freshBuiltinCatalog())).toMatch(/^the statement allows `ram:\w+`, `ram:\w+`, `ram:\w+` and \d+ more, which can grant/);
  });

  it('builds only the services the statement names', () => {
    // Given a fresh catalog and a CAMS and RAM statement on every resource
    const catalog = freshBuiltinCatalog();
    expect(catalog.services).toBeInstanceOf(LazyServiceMap);
    messageOf(['cams:Get*', 'ram:AttachPolicyToUser'], catalog);
    // Then only cams and ram were read and built (the walk built all of them)
    expect([...(catalog.services as LazyServiceMap).built].sort()).toEqual(['cams', 'ram']);
  });
});
