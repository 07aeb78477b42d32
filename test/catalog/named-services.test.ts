/**
 * An analysis builds only the catalog services its patterns can name (src/catalog/named-services.ts,
 * issue 15): the answers, witnesses and all, must be those of a walk of the whole catalog. The
 * whole walk is what a catalog not made by `buildCatalog` gets (plain Maps), so each question is
 * asked of both and the answers compared.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAccessNotGranted, checkNoNewAccess, type AccessAnswer, type AccessOptions, type AnalysisPolicy } from '../../src/analysis/access-check.js';
import { builtServices, freshBuiltinCatalog } from '../../src/catalog/builtin.js';
import { actionNamesFor, BUILTIN_RESOURCE_TYPE_ARNS, canStartWith, resourceTypeArns } from '../../src/catalog/named-services.js';
import type { Catalog } from '../../src/catalog/types.js';
import { parsePolicy } from '../../src/index.js';
import { readYaml } from '../conformance/yaml-cache.js';

/** The same catalog as plain Maps: every service built, walked whole by the analysis. */
function plainCopy(catalog: Catalog): Catalog {
  return { services: new Map(catalog.services), actions: new Map(catalog.actions), conditionKeys: catalog.conditionKeys, systemPolicies: catalog.systemPolicies };
}

const whole = plainCopy(freshBuiltinCatalog());

const policy = (name: string, statements: unknown[], kind: 'identity' | 'trust' = 'identity'): AnalysisPolicy => {
  const parsed = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind });
  if (!parsed.policy) throw new Error(`${name} is invalid: ${JSON.stringify(parsed.diagnostics)}`);
  return { name, document: parsed.policy };
};

/** An answer without its timing. */
const timeless = (a: AccessAnswer) => ({ ...a, stats: { ...a.stats, milliseconds: 0 } });

describe('canStartWith', () => {
  it.each([
    ['*', 'cams:', true],
    ['cams:*', 'cams:', true],
    ['cams:get*', 'cams:', true],
    ['cams', 'cams:', false],
    ['cam?:*', 'cams:', true],
    ['c*', 'cams:', true],
    ['*s:x', 'cams:', true],
    ['ecs:*', 'cams:', false],
    ['cams:*', 'cam:', false],
    ['?', 'ab', false],
    ['??*', 'ab', true],
    ['', 'a', false],
  ])('%s can start with %s: %s', (pattern, prefix, expected) => {
    expect(canStartWith(pattern, prefix)).toBe(expected);
  });
});

describe('resource types without building services', () => {
  it('the built-in table is every built-in service resource types, in catalog order', () => {
    const catalog = freshBuiltinCatalog();
    const fromTable = resourceTypeArns(catalog);
    expect(builtServices(catalog)).toEqual([]);
    const walked = [...catalog.services.values()].flatMap((s) => s.resourceTypes.map((t) => t.arn));
    expect(fromTable).toEqual(walked);
    expect(Object.keys(BUILTIN_RESOURCE_TYPE_ARNS).every((code) => catalog.services.has(code))).toBe(true);
    expect(resourceTypeArns(catalog)).toEqual(walked); // built now: read from the services
  });
});

describe('action names of the named services', () => {
  it('builds the services the patterns name and the first one they do not', () => {
    const catalog = freshBuiltinCatalog();
    const names = actionNamesFor(catalog, ['cams:get*', 'ram:createuser'], ['sts:assumerole']);
    expect(builtServices(catalog).sort()).toEqual(['alb', 'cams', 'ram', 'sts']);
    expect(names.get('cams:updateinstance')).toBe('cams:UpdateInstance');
    expect([...names.keys()].some((n) => n.startsWith('ecs:'))).toBe(false);
    expect(actionNamesFor(catalog, ['*'], []).size).toBe(whole.actions.size);
  });

  it('a check of one service builds that service and the first unnamed one only', () => {
    const catalog = freshBuiltinCatalog();
    const read = policy('read', [{ Effect: 'Allow', Action: 'cams:Get*', Resource: '*' }]);
    const more = policy('more', [{ Effect: 'Allow', Action: ['cams:Get*', 'cams:UpdateInstance'], Resource: 'acs:cams:*:*:instance/*' }]);
    const answer = checkNoNewAccess(read, more, { catalog });
    expect(answer.verdict).toBe('fail');
    expect(answer.witnesses[0]!.request.action).toBe('cams:UpdateInstance');
    expect(builtServices(catalog).sort()).toEqual(['alb', 'cams']);
  });
});

describe('answers as from the whole catalog', () => {
  const DIR = new URL('../cases/analysis/', import.meta.url).pathname;
  for (const file of readdirSync(DIR).filter((f) => f.endsWith('.yaml'))) {
    it(`every conformance case of ${file}`, () => {
      const cases = readYaml(join(DIR, file)) as { candidate: unknown[]; base?: unknown[]; check?: string; kind?: 'identity' | 'trust'; options?: AccessOptions }[];
      for (const c of cases) {
        const candidate = policy('candidate', c.candidate, c.kind);
        const base = c.base ? policy('base', c.base, c.kind) : undefined;
        const ask = (catalog: Catalog) => timeless(c.check === 'access-not-granted' ? checkAccessNotGranted(candidate, { actions: [], ...c.options, catalog }) : checkNoNewAccess(base!, candidate, { ...c.options, catalog }));
        expect(ask(freshBuiltinCatalog())).toEqual(ask(whole));
      }
    });
  }

  // Patterns of one service, of several, `*`, NotAction (whose witnesses are actions of services
  // no pattern names) and exclusions.
  const ACTIONS = ['*', 'cams:*', 'cams:Get*', 'cams:?et*', 'ecs:Describe*', 'ecs:*Instance*', 'ram:*', 'ram:Create*', 'oss:GetObject', 'sts:AssumeRole', 'alb:*', 'zzz:*', 'rds:Describe?B*', 'alidns:Add*'];
  const RESOURCES = ['*', 'acs:cams:*:*:instance/*', 'acs:ram:*:*:role/*', 'acs:*:*:*:*', 'acs:ram::1234567890123456:role/*', 'acs:oss:*:*:bucket/logs-*'];
  const statement = fc.record({
    Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
    actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 3 }),
    not: fc.constantFrom(false, false, false, true),
    Resource: fc.uniqueArray(fc.constantFrom(...RESOURCES), { minLength: 1, maxLength: 2 }),
  });
  const statements = fc.array(statement, { minLength: 1, maxLength: 3 }).map((list) => list.map(({ actions, not, ...s }) => ({ ...s, [not ? 'NotAction' : 'Action']: actions })));
  const options: fc.Arbitrary<AccessOptions> = fc.oneof(fc.constant<AccessOptions>({}), fc.record({ actions: fc.uniqueArray(fc.constantFrom(...ACTIONS), { minLength: 1, maxLength: 2 }) }), fc.constant<AccessOptions>({ excludeActions: ['alb:ListLoadBalancers', 'ecs:DescribeInstances'] }));

  it('random pairs of policies (no-new-access and access-not-granted)', () => {
    fc.assert(
      fc.property(statements, statements, options, (a, b, o) => {
        const base = policy('base', a);
        const candidate = policy('candidate', b);
        expect(timeless(checkNoNewAccess(base, candidate, { ...o, catalog: freshBuiltinCatalog() }))).toEqual(timeless(checkNoNewAccess(base, candidate, { ...o, catalog: whole })));
        const scope = { actions: o.actions ?? ['*'] };
        expect(timeless(checkAccessNotGranted(candidate, { ...scope, catalog: freshBuiltinCatalog() }))).toEqual(timeless(checkAccessNotGranted(candidate, { ...scope, catalog: whole })));
      }),
      { numRuns: 60, seed: 15 },
    );
  });
});
