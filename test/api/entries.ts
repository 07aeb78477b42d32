/**
 * The library's pure entries (issue 14 §7): the main entry holds the stable API, the subpath
 * entries the rest. Tests that walk every function (misuse, same results) walk each entry; tests
 * that need any function by name take it from `library`.
 */
import * as audit from '../../src/entries/audit.js';
import * as catalog from '../../src/entries/catalog.js';
import * as internals from '../../src/entries/internals.js';
import * as lint from '../../src/entries/lint.js';
import * as main from '../../src/index.js';

/** Each pure entry by its package specifier. */
export const PURE_ENTRIES: Record<string, Record<string, unknown>> = {
  ramguard: main,
  'ramguard/lint': lint,
  'ramguard/catalog': catalog,
  'ramguard/audit': audit,
  'ramguard/internals': internals,
};

/** Every export of the pure entries by name (an entry's own export first, the main entry's last). */
export const library = { ...internals, ...audit, ...catalog, ...lint, ...main };
