/**
 * Reads an account snapshot (YAML or JSON): structure by its JSON Schema, then formats and
 * cross-references, then every policy document as the kind RAM uses it as — custom policy
 * versions and system policies as identity policies, control policies as control policies, trust
 * policies as trust policies — with diagnostics in the snapshot file or the policy file it names.
 * Pure: reading a referenced policy file is the caller's `readFile`.
 */
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { lazySchemaCheck, placeIn, type Placeable } from '../diagnostics/schema-check.js';
import { isStrictJson, MAX_SNAPSHOT_CHARACTERS, parseSource, type ParsedSource } from '../parse/source.js';
import { readPlainJson } from '../parse/plain-json.js';
import { capDiagnostics } from '../parse/limits.js';
import { byPosition, parsePolicy, placeCapped, validatePolicy } from '../policy/parse-policy.js';
import type { PolicyDocument, PolicyKind } from '../policy/types.js';
import type { PolicyFileReader } from '../parse/file-reader.js';
import { checkReferences, type RawDocumentSource, type RawSnapshot } from './references.js';
import { snapshotSchema } from './schema.js';
import type { AccountSnapshot } from './types.js';

const checkSnapshot = lazySchemaCheck(snapshotSchema, 'snapshot');

/** A snapshot (when it had no errors) and every diagnostic. */
export interface SnapshotParseResult {
  snapshot?: AccountSnapshot;
  diagnostics: Diagnostic[];
}

/** Parses snapshot text. `readFile` resolves `file:` references; without it they are errors. */
export function parseSnapshot(text: string, options: { file?: string; readFile?: PolicyFileReader } = {}): SnapshotParseResult {
  const plain = plainSnapshot(text, options.file);
  return plain ? snapshotFromValue(plain.value, plain, options.readFile) : parseSnapshotWithPositions(text, options);
}

/** What `parseSnapshot` gives, always reading the text with positions (the equivalence test's reference). */
export function parseSnapshotWithPositions(text: string, options: { file?: string; readFile?: PolicyFileReader } = {}): SnapshotParseResult {
  const source = parseSource(text, options.file, { maxCharacters: MAX_SNAPSHOT_CHARACTERS });
  if (source.diagnostics.length > 0) return { diagnostics: source.diagnostics };
  return snapshotFromValue(source.value, source, options.readFile);
}

/**
 * JSON snapshot text read the engine's way (`JSON.parse`), with the position-tracking parse made
 * only if a diagnostic asks where it is (issue 13 §2): on the bench's 2.5 MB account the tree of
 * positions took about 1 s and most of the peak memory, for a snapshot with nothing to report.
 * Undefined — the text is read with positions from the start — whenever that reader would say
 * anything (see readPlainJson: oversize, too deep, a syntax error, a duplicate or `__proto__` key).
 */
function plainSnapshot(text: string, file?: string): (Pick<ParsedSource, 'file' | 'locate'> & { value: unknown }) | undefined {
  if (!isStrictJson(text, file)) return undefined;
  const plain = readPlainJson(text, MAX_SNAPSHOT_CHARACTERS);
  if (!plain) return undefined;
  let located: ParsedSource | undefined;
  return {
    value: withoutPrototypes(plain.value),
    ...(file !== undefined ? { file } : {}),
    locate: (pointer, target) => (located ??= parseSource(text, file, { maxCharacters: MAX_SNAPSHOT_CHARACTERS })).locate(pointer, target),
  };
}

/**
 * The value with every object re-made without a prototype, as the position-tracking readers make
 * them: a tag key such as `constructor` must never find Object.prototype's. Recursion follows the
 * nesting, which readPlainJson bounded by MAX_DEPTH.
 */
function withoutPrototypes(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = withoutPrototypes(value[i]);
    return value;
  }
  const bare: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value)) bare[key] = withoutPrototypes((value as Record<string, unknown>)[key]);
  return bare;
}

/** Builds a snapshot from parsed data; `source` locates diagnostics. */
export function snapshotFromValue(value: unknown, source: Pick<ParsedSource, 'file' | 'locate'>, readFile?: PolicyFileReader): SnapshotParseResult {
  const place = placeIn(source.locate, source.file);
  const structural = checkSnapshot(value);
  if (structural.length > 0) return { diagnostics: placeCapped(structural, place, source.file) };
  const raw = value as RawSnapshot;
  const diagnostics = placeCapped(checkReferences(raw), place, source.file);
  const load = documentLoader(source, place, diagnostics, readFile);

  const policies = (raw.policies ?? []).map((p, i) => ({
    name: p.name,
    ...(p.description !== undefined ? { description: p.description } : {}),
    defaultVersion: p.defaultVersion,
    versions: p.versions.map((v, j) => ({ id: v.id, document: load(v, 'identity', `/policies/${i}/versions/${j}`, `version \`${v.id}\` of policy \`${p.name}\``) })),
  }));
  const systemPolicies = (raw.systemPolicies ?? []).map((p, i) => ({ ...described(p), document: load(p, 'identity', `/systemPolicies/${i}`, `system policy \`${p.name}\``) }));
  const controlPolicies = (raw.resourceDirectory?.controlPolicies ?? []).map((p, i) => ({ ...described(p), document: load(p, 'control', `/resourceDirectory/controlPolicies/${i}`, `control policy \`${p.name}\``) }));
  const roles = (raw.roles ?? []).map((r, i) => ({
    ...described(r),
    ...(r.arn !== undefined ? { arn: r.arn } : {}),
    trustPolicy: load(r.trustPolicy, 'trust', `/roles/${i}/trustPolicy`, `the trust policy of role \`${r.name}\``),
    ...(r.maxSessionDuration !== undefined ? { maxSessionDuration: r.maxSessionDuration } : {}),
    ...(r.serviceLinked !== undefined ? { serviceLinked: r.serviceLinked } : {}),
    attachments: r.attachments ?? [],
  }));
  // Problems in the snapshot file first, in file order; then those inside policy files it names;
  // at most MAX_DIAGNOSTICS_PER_FILE per file.
  const inFile = diagnostics.filter((d) => d.file === source.file).sort(byPosition);
  const elsewhere = diagnostics.filter((d) => d.file !== source.file);
  if (hasErrors(diagnostics)) return { diagnostics: capDiagnostics([...inFile, ...elsewhere]) };

  // No errors: every document loaded.
  const snapshot: AccountSnapshot = {
    accountId: raw.accountId,
    ...(raw.collectedAt !== undefined ? { collectedAt: raw.collectedAt } : {}),
    ...(raw.resourceDirectory ? { resourceDirectory: { controlPolicies: loaded(controlPolicies), path: raw.resourceDirectory.path.map(({ id, ...level }) => ({ ...level, ...(id !== undefined ? { id } : {}) })) } } : {}),
    policies: policies.map((p) => ({ ...p, versions: loaded(p.versions) })),
    systemPolicies: loaded(systemPolicies),
    users: (raw.users ?? []).map((u) => ({ ...u, groups: u.groups ?? [], attachments: u.attachments ?? [] })),
    groups: (raw.groups ?? []).map((g) => ({ ...g, attachments: g.attachments ?? [] })),
    roles: roles.map((r) => ({ ...r, trustPolicy: r.trustPolicy! })),
    ...(raw.resourceGroups ? { resourceGroups: raw.resourceGroups } : {}),
    resources: { camsInstances: raw.resources?.camsInstances ?? [] },
    ...(raw.collection ? { collection: raw.collection } : {}),
  };
  return { snapshot, diagnostics: capDiagnostics([...inFile, ...elsewhere]) };
}

/** `name` and `description` (when given) of a named entry. */
function described(p: { name: string; description?: string }): { name: string; description?: string } {
  return { name: p.name, ...(p.description !== undefined ? { description: p.description } : {}) };
}

/** Entries whose document loaded (all of them, once there are no errors). */
function loaded<T extends { document?: PolicyDocument }>(items: T[]): (T & { document: PolicyDocument })[] {
  return items.filter((x): x is T & { document: PolicyDocument } => x.document !== undefined);
}

/**
 * Loads one document of `kind` from the object at `pointer` (holding `document` or `file`);
 * `what` names it in messages. Undefined when it has errors (they go to `diagnostics`).
 */
function documentLoader(source: Pick<ParsedSource, 'file' | 'locate'>, place: (d: Placeable) => Diagnostic, diagnostics: Diagnostic[], readFile?: PolicyFileReader) {
  return (raw: RawDocumentSource, kind: PolicyKind, pointer: string, what: string): PolicyDocument | undefined => {
    if ((raw.document === undefined) === (raw.file === undefined)) {
      diagnostics.push(place({ code: 'policy-source', severity: 'error', message: `${what} needs exactly one of \`document\` or \`file\``, path: pointer, target: 'value' }));
      return undefined;
    }
    if (raw.document !== undefined) {
      const result = validatePolicy(raw.document, { kind, ...(source.file !== undefined ? { file: source.file } : {}), pointerPrefix: `${pointer}/document`, locate: source.locate });
      for (const d of result.diagnostics) diagnostics.push(d); // not push(...): no list as arguments
      return result.policy;
    }
    const read = readFile?.(raw.file!) ?? { error: 'policy files cannot be read here' };
    if ('error' in read) {
      diagnostics.push(place({ code: read.code ?? 'unreadable-file', severity: 'error', message: `cannot read policy file \`${raw.file}\`: ${read.error}`, path: `${pointer}/file`, target: 'value' }));
      return undefined;
    }
    const result = parsePolicy(read.text, { kind, file: read.file });
    for (const d of result.diagnostics) diagnostics.push(d);
    return result.policy;
  };
}
