/**
 * The page's form controls (the action box, each context key's setting) edit the scenario text
 * itself, which stays the one state of the page: a YAML document edit that keeps the user's
 * comments, order and layout everywhere else — or, for JSON text, a JSON edit (the scenario reader
 * reads text that starts with `{` as JSON only, and YAML's flow style is not JSON). Pure;
 * `undefined` when the text is not a document that can be edited (the page then leaves the text
 * alone and says so).
 */
import { createRequire } from 'node:module';
import type { Document, YAMLMap } from 'yaml';
import type { KeyState } from './context-keys.js';

// Required on first use, as src/parse/yaml-source.ts does: the CLI's page builder needs no yaml.
const require = createRequire(import.meta.url);
let yamlModule: typeof import('yaml') | undefined;
const yaml = (): typeof import('yaml') => (yamlModule ??= require('yaml') as typeof import('yaml'));

/** The document, when the text parses without errors and holds a mapping (or nothing yet). */
function editable(text: string): Document | undefined {
  const doc = yaml().parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return undefined;
  if (doc.contents !== null && !yaml().isMap(doc.contents)) return undefined;
  return doc;
}

function finish(doc: Document): string {
  return doc.toString({ lineWidth: 0 });
}

/** True for text the scenario reader reads as JSON (src/parse/source.ts: it starts with `{` or `[`). */
const isJsonText = (text: string) => /^\s*[{[]/.test(text);

const isObject = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);

/** Sets an own property, even one named `__proto__` (an assignment would set the prototype instead). */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Edits the request of a JSON scenario; written back with two-space indentation. */
function editJson(text: string, change: (request: Record<string, unknown>) => boolean): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  if (!Object.hasOwn(value, 'request')) define(value, 'request', {});
  const request = value.request;
  if (!isObject(request) || !change(request)) return undefined;
  return JSON.stringify(value, null, 2) + '\n';
}

/** A JSON request's context key set as `state` says (every spelling of it removed first). */
function setJsonKey(request: Record<string, unknown>, key: string, state: KeyState): boolean {
  const lower = key.toLowerCase();
  const context = Object.hasOwn(request, 'context') ? request.context : undefined;
  const absent = Object.hasOwn(request, 'absent') ? request.absent : undefined;
  if ((context !== undefined && !isObject(context)) || (absent !== undefined && !Array.isArray(absent))) return false;
  if (context) for (const k of Object.keys(context)) if (k.toLowerCase() === lower) delete context[k];
  const kept = (absent ?? []).filter((k) => typeof k !== 'string' || k.toLowerCase() !== lower);
  if (state.mode === 'absent') kept.push(key);
  if (kept.length > 0) request.absent = kept;
  else delete request.absent;
  if (state.mode === 'values') {
    const target = context ?? {};
    define(target, key, state.values.length === 1 ? state.values[0] : [...state.values]);
    request.context = target;
  } else if (context && Object.keys(context).length === 0) delete request.context;
  return true;
}

/** Sets `request.<field>` (the action, the resource) to `value`. */
export function setRequestField(text: string, field: 'action' | 'resource', value: string): string | undefined {
  if (isJsonText(text)) return editJson(text, (request) => ((request[field] = value), true));
  const doc = editable(text);
  if (!doc) return undefined;
  const request = doc.get('request');
  if (request !== undefined && !yaml().isMap(request)) return undefined;
  doc.setIn(['request', field], value);
  return finish(doc);
}

/** Removes every spelling of `key` (RAM compares keys case-insensitively) from a map and a list. */
function forget(doc: Document, key: string): void {
  const lower = key.toLowerCase();
  const context = doc.getIn(['request', 'context']);
  if (yaml().isMap(context)) {
    context.items = context.items.filter((pair) => String(yaml().isScalar(pair.key) ? pair.key.value : pair.key).toLowerCase() !== lower);
    if (context.items.length === 0) doc.deleteIn(['request', 'context']);
  }
  const absent = doc.getIn(['request', 'absent']);
  if (yaml().isSeq(absent)) {
    absent.items = absent.items.filter((item) => String(yaml().isScalar(item) ? item.value : item).toLowerCase() !== lower);
    if (absent.items.length === 0) doc.deleteIn(['request', 'absent']);
  }
}

/** Sets what the request says of context key `key`: one value or several, absent, or nothing (unknown). */
export function setContextKey(text: string, key: string, state: KeyState): string | undefined {
  if (isJsonText(text)) return editJson(text, (request) => setJsonKey(request, key, state));
  const doc = editable(text);
  if (!doc) return undefined;
  const request = doc.get('request');
  if (request !== undefined && !yaml().isMap(request)) return undefined;
  const context = doc.getIn(['request', 'context']);
  const absent = doc.getIn(['request', 'absent']);
  if ((context !== undefined && !yaml().isMap(context)) || (absent !== undefined && !yaml().isSeq(absent))) return undefined;
  forget(doc, key);
  if (state.mode === 'absent') {
    const list = doc.getIn(['request', 'absent']);
    if (yaml().isSeq(list)) list.add(doc.createNode(key));
    else doc.setIn(['request', 'absent'], doc.createNode([key], { flow: true }));
  } else if (state.mode === 'values') {
    const value = state.values.length === 1 ? state.values[0]! : state.values;
    const node = doc.createNode(value, { flow: true });
    let map = doc.getIn(['request', 'context']);
    if (!yaml().isMap(map)) {
      map = new (yaml().YAMLMap)();
      doc.setIn(['request', 'context'], map);
    }
    // A key such as `__proto__` must stay a key: set on the map's node, never through an object.
    (map as YAMLMap).set(doc.createNode(key), node);
  }
  return finish(doc);
}
