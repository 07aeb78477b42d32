/** Shared helpers of the lint tests: lint a document given as data or text, get rule ids and paths. */
import { builtinCatalog, type PolicyKind } from '../../src/index.js';
import { lintPolicy, type Finding } from '../../src/lint/engine.js';

/** Lints one document (data is serialised as JSON; text is linted as written). */
export function lintDocument(document: unknown, kind: PolicyKind = 'identity', name?: string): Finding[] {
  const text = typeof document === 'string' ? document : JSON.stringify(document, null, 2);
  // A `.json` file must hold strict JSON; text that is not JSON is linted as a YAML file.
  const file = name ?? (/^\s*[[{]/.test(text) ? 'policy.json' : 'policy.yaml');
  return lintPolicy({ file, kind, text, pointerPrefix: '' }, builtinCatalog());
}

/** The kind a fixture file name declares (`<id>.<kind>.json`), identity by default. */
export function kindOfFixture(name: string): PolicyKind {
  const kind = name.split('.').slice(-2, -1)[0];
  return kind === 'trust' || kind === 'control' || kind === 'session' || kind === 'identity' ? kind : 'identity';
}
