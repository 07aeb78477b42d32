/**
 * The scenario text a page opens on. The page reads no file, so a scenario's `file:` references
 * are replaced by the documents they name (the text is otherwise kept: comments, order, layout),
 * and a snapshot principal's policies become a scenario whose documents are inline. Pure: the
 * referenced files' texts come from the caller, which read them with its bounds.
 */
import { parseDocument, stringify, isMap, isSeq, type Document } from 'yaml';
import { parseSource } from '../parse/source.js';
import type { NamedPolicy, PolicySet } from '../policy/policy-set.js';
import type { PolicyDocument } from '../policy/types.js';
import type { AuthorizationRequest } from '../request/types.js';

/** The documents of the references, parsed (the caller has checked that each one is valid). */
type Documents = (reference: string) => unknown;

const LAYERS: [string, 'nested' | 'list' | 'one'][] = [
  ['control', 'nested'],
  ['identity', 'list'],
  ['session', 'one'],
  ['resource', 'list'],
];

/** Each policy reference object of a `policies` object, in a parsed value or a YAML document. */
function eachRef<T>(policies: unknown, isList: (x: unknown) => x is { items: unknown[] } | unknown[], visit: (ref: T) => void): void {
  const items = (x: unknown): unknown[] => (Array.isArray(x) ? x : isList(x) ? (x as { items: unknown[] }).items : []);
  const get = (x: unknown, key: string): unknown => (isMap(x) ? x.get(key, true) : x !== null && typeof x === 'object' && Object.hasOwn(x, key) ? (x as Record<string, unknown>)[key] : undefined);
  for (const [layer, shape] of LAYERS) {
    const v = get(policies, layer);
    if (shape === 'one') {
      if (v !== undefined) visit(v as T);
    } else if (shape === 'list') for (const ref of items(v)) visit(ref as T);
    else for (const level of items(v)) for (const ref of items(level)) visit(ref as T);
  }
}

/** A reference's text parsed as the scenario reader parses it. */
export function parsedDocument(text: string): unknown {
  return parseSource(text).value;
}

/** `text` with every `file:` reference replaced by `document:` (JSON stays JSON, YAML keeps its comments). */
export function inlineFileReferences(text: string, documents: Documents): string {
  const source = parseSource(text);
  if (source.value !== null && typeof source.value === 'object' && text.trimStart().startsWith('{')) {
    const value = structuredClone(source.value) as { policies?: unknown };
    eachRef<Record<string, unknown>>(value.policies, Array.isArray, (ref) => {
      if (ref !== null && typeof ref === 'object' && typeof ref.file === 'string') {
        const document = documents(ref.file);
        delete ref.file;
        ref.document = document;
      }
    });
    return JSON.stringify(value, null, 2) + '\n';
  }
  const doc: Document = parseDocument(text, { uniqueKeys: false });
  eachRef<unknown>(doc.get('policies', true), isSeq as (x: unknown) => x is { items: unknown[] }, (ref) => {
    if (!isMap(ref)) return;
    const file = ref.get('file');
    if (typeof file !== 'string') return;
    ref.delete('file');
    ref.set('document', doc.createNode(documents(file), { aliasDuplicateObjects: false }));
  });
  return doc.toString({ lineWidth: 0 });
}

/** A validated policy back in RAM's written form (what a snapshot holds is the validated model). */
export function documentOf(policy: PolicyDocument): object {
  return {
    Version: policy.version,
    Statement: policy.statements.map((s) => {
      const statement: Record<string, unknown> = {};
      if (s.sid !== undefined) statement.Sid = s.sid;
      statement.Effect = s.effect;
      if (s.principal) {
        const principal: Record<string, string[]> = {};
        for (const k of ['RAM', 'Service', 'Federated'] as const) if (s.principal[k].length > 0) principal[k] = s.principal[k];
        statement.Principal = principal;
      }
      if (s.actions) statement.Action = s.actions;
      if (s.notActions) statement.NotAction = s.notActions;
      if (s.resources) statement.Resource = s.resources;
      if (s.conditions.length > 0) {
        // User-keyed (operators and keys come from the account): null-prototype objects.
        const condition = Object.create(null) as Record<string, Record<string, string[]>>;
        for (const c of s.conditions) (condition[c.operator] ??= Object.create(null) as Record<string, string[]>)[c.key] = c.values;
        statement.Condition = condition;
      }
      return statement;
    }),
  };
}

const ref = (p: NamedPolicy, resourceGroup?: string) => ({ name: p.name, ...(resourceGroup !== undefined ? { resourceGroup } : {}), document: documentOf(p.document) });

/** A name inside a YAML comment: a line break would end the comment and start YAML. */
const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, '?');

/** The scenario of a snapshot's principal: its policies inline, the request's caller filled, its action and resource left to the user. */
export function snapshotScenarioText(who: string, snapshotFile: string, principal: AuthorizationRequest['principal'], policies: PolicySet): string {
  const value = {
    request: { principal },
    policies: {
      ...(policies.control.length > 0 ? { control: policies.control.map((level) => level.map((p) => ref(p))) } : {}),
      identity: [...policies.identity.map((p) => ref(p)), ...policies.resourceGroup.map((p) => ref(p, p.resourceGroup))],
      ...(policies.resource.length > 0 ? { resource: policies.resource.map((p) => ref(p)) } : {}),
    },
  };
  const header = `# ${oneLine(who)} of the snapshot ${oneLine(snapshotFile)}: every policy in force for it.\n# Write the request's action and resource (request.action, request.resource) to decide.\n`;
  // No anchors and aliases for the arrays the validated model shares between statements: a person reads this.
  return header + stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
