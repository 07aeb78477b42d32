/**
 * Issue 14 §7: the main entry holds the stable API; internals live in subpath entries, each
 * declared in package.json beside its source.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rootCalls } from '../api/fixtures.js';
import { PURE_ENTRIES } from '../api/entries.js';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { exports: Record<string, { import: string; types: string }> };
const main = PURE_ENTRIES['ramguard']!;

describe('the library entries', () => {
  it('keeps internals out of the main entry, each in its own subpath', () => {
    const moved: Record<string, string[]> = {
      'ramguard/internals': ['compileWildcard', 'wildcardMatch', 'findOrigin', 'resourceFacts', 'compileAlone', 'decisionOf', 'MAX_ARGUMENT_DEPTH'],
      'ramguard/audit': ['limitPaths', 'auditRenderer', 'AUDIT_FORMATS'],
      'ramguard/lint': ['RULES', 'ruleById', 'parseLintConfig', 'applySuppressions', 'renderSarif', 'lintConfigSchema'],
      'ramguard/catalog': ['catalogWith', 'buildCatalog', 'parseServiceFile', 'buildArn', 'resourceTypeOfArn', 'catalogServiceSchema'],
    };
    for (const [entry, names] of Object.entries(moved)) {
      for (const name of names) {
        expect(main[name], `${name} is not in the main entry`).toBeUndefined();
        expect(PURE_ENTRIES[entry]![name], `${name} is in ${entry}`).toBeDefined();
      }
    }
  });

  it('keeps the stable API in the main entry', () => {
    for (const name of ['parsePolicy', 'validatePolicy', 'compilePolicySet', 'evaluate', 'prepareRequest', 'renderResidual', 'parseScenario', 'parseSnapshot', 'policySetFor', 'builtinCatalog', 'lookupAction', 'lintPolicy', 'extractPolicies', 'preflightUpdateInstance', 'checkNoNewAccess', 'diffPolicies', 'whoCan', 'principalCan', 'renderAnswer', 'RamguardError']) {
      expect(typeof main[name], name).toBe('function');
    }
    // 190 names before the split (types included); its values are now well under half of that.
    expect(Object.keys(main).length).toBeLessThan(50);
  });

  it('gives every function with a valid call in the fixtures a home in some entry', () => {
    const homeless = Object.keys(rootCalls()).filter((name) => !Object.values(PURE_ENTRIES).some((entry) => typeof entry[name] === 'function'));
    expect(homeless).toEqual([]);
  });

  it('declares each subpath in package.json, built from its source file', () => {
    for (const entry of Object.keys(PURE_ENTRIES).filter((e) => e !== 'ramguard')) {
      const name = entry.slice('ramguard/'.length);
      expect(pkg.exports[`./${name}`], entry).toEqual({ types: `./dist/entries/${name}.d.ts`, import: `./dist/entries/${name}.js` });
      expect(existsSync(join(ROOT, 'src/entries', `${name}.ts`)), entry).toBe(true);
    }
  });
});
