/**
 * `diff` per action (D1) agrees with the per-action check: for random pairs and a small catalog,
 * a catalog action is listed as added exactly when no-new-access scoped to that action fails, and
 * as removed exactly when the reverse check fails; the actions outside the catalog are listed
 * when a non-catalog action shows a difference in brute force over a few such names.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { checkNoNewAccess, type AnalysisPolicy } from '../../src/analysis/access-check.js';
import { diffPolicies } from '../../src/analysis/diff.js';
import type { Catalog, CatalogAction } from '../../src/catalog/types.js';
import { parsePolicy } from '../../src/index.js';
import { ALWAYS_PRESENT, policyPair } from './universe.js';

const NAMES = ['s:a', 's:b', 's:ab', 's:ba', 's:aa', 't:a', 't:bb'];
const action = (fullName: string): CatalogAction => ({ service: fullName.split(':')[0]!, name: fullName.split(':')[1]!, fullName, access: 'unknown', resources: 'unknown', conditionKeys: [], changesPermissions: false, source: { inferred: 'test' } });
const CATALOG: Catalog = {
  services: new Map(),
  actions: new Map(NAMES.map((n) => [n, action(n)])),
  conditionKeys: ALWAYS_PRESENT.map((name) => ({ name, type: 'string', alwaysPresent: true, description: '', source: { inferred: 'test' } })),
  systemPolicies: new Map(),
};

const policy = (name: string, raw: unknown): AnalysisPolicy => ({ name, document: parsePolicy(JSON.stringify(raw), { kind: 'identity' }).policy! });

it('diff per catalog action agrees with no-new-access scoped to that action, both ways (200 random pairs)', () => {
  fc.assert(
    fc.property(policyPair, ({ base, candidate }) => {
      const b = policy('base', base);
      const c = policy('candidate', candidate);
      const diff = diffPolicies(b, c, { catalog: CATALOG });
      expect(diff.diagnostics).toEqual([]);
      for (const name of NAMES) {
        const options = { actions: [name], catalog: CATALOG, alwaysPresentKeys: ALWAYS_PRESENT, maxWitnesses: 1 };
        const added = checkNoNewAccess(b, c, options).verdict === 'fail';
        const removed = checkNoNewAccess(c, b, options).verdict === 'fail';
        const line = diff.actions.find((a) => !a.outsideCatalog && a.action === name);
        expect(line ?? { added: false, removed: false }, name).toMatchObject({ added, removed });
      }
      // Outside the catalog: whenever some non-catalog action changes, an outside line says so.
      const outside = ['s:c', 's:abc', 'u:a', 't:b'];
      for (const name of outside) {
        const added = checkNoNewAccess(b, c, { actions: [name], catalog: CATALOG, alwaysPresentKeys: ALWAYS_PRESENT, maxWitnesses: 1 }).verdict === 'fail';
        if (added) expect(diff.actions.some((a) => a.outsideCatalog && a.added)).toBe(true);
      }
    }),
    { numRuns: 200 },
  );
});
