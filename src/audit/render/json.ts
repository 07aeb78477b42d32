/**
 * `--format json`, version 2 (docs/audit.md, "JSON output"): the answer with everything repeated
 * defined once and referenced by id. Principals with the same answer share one entry of `answers`
 * (which lists them); paths, conditions, restrictions and resource lists live in their own tables.
 * A path is stored without its first step (the principal it is applied to), and a JSON Pointer
 * inside the principal's own snapshot entry (`/users/23/attachments/0`) is written `~/attachments/0`
 * — so two users holding the same group policy share the path. Expanding an answer for one of its
 * principals gives back exactly its `whoCan` answer (test/audit-render/json-shape.test.ts).
 *
 * Written in chunks of whole lines (one table entry a line): the text is never one object graph
 * per principal × instance, and the CLI prints each chunk as it comes.
 */
import type { Residual } from '../../decision/types.js';
import type { AccessPath, AuditResult, Escalation, PrincipalAccess, Restriction } from '../types.js';
import { grantGroupsOf, JoinedLists, type GrantGroup } from './grouped.js';

/** The `format` field of the JSON answer. */
export const AUDIT_JSON_FORMAT = 'ramguard-audit';
/** The `version` field: 2 since answers are grouped and paths referenced (issue 13). */
export const AUDIT_JSON_VERSION = 2;

/** Keys whose string values are JSON Pointers into the snapshot (made relative to the principal). */
const POINTER_KEYS: readonly string[] = ['pointer', 'attachmentPointer', 'snapshotPointer'];
const LINES_PER_CHUNK = 2_000;

/**
 * Numbers for residuals such that two residuals get the same number exactly when their JSON texts
 * are equal: an atom by its JSON (once per object), an `and`/`or`/`not` by its kind and its parts'
 * numbers. The README's demo refers to 2,528 conditions 19,168 times, and writing each use's
 * residual as JSON to look it up (33 MB of text) was a quarter of the JSON's rendering time.
 */
export class ResidualIds {
  private readonly known = new WeakMap<Residual, number>();
  private readonly byShape = new Map<string, number>();

  /** The number of `r`: equal exactly when the JSON texts are. */
  of(r: Residual): number {
    let id = this.known.get(r);
    if (id !== undefined) return id;
    // Only a node of exactly `kind` then `of` is its parts' numbers: any other (an atom, a node
    // with other fields or in another order) is its own JSON, so equal numbers mean equal texts.
    const keys = Object.keys(r);
    const composite = (r.kind === 'and' || r.kind === 'or' || r.kind === 'not') && keys.length === 2 && keys[0] === 'kind' && keys[1] === 'of';
    let shape: string;
    if (!composite) shape = JSON.stringify(r);
    else if (r.kind === 'not') shape = `not ${this.of(r.of)}`;
    else shape = `${r.kind} ${(r as { of: Residual[] }).of.map((p) => this.of(p)).join(',')}`;
    id = this.byShape.get(shape);
    if (id === undefined) this.byShape.set(shape, (id = this.byShape.size));
    this.known.set(r, id);
    return id;
  }
}

/** The ids of everything defined once, as the answer is written. */
class Tables {
  /** Each principal's own snapshot entry (`/users/23`), learned from its paths. */
  readonly pointers = new Map<string, string>();
  readonly lines = { paths: [] as string[], conditions: [] as string[], restrictions: [] as string[], resourceSets: [] as string[] };
  private readonly ids = { paths: new Map<string, string>(), conditions: new Map<string, string>(), restrictions: new Map<string, string>(), resourceSets: new Map<string, string>() };
  private readonly pathMemo = new Map<AccessPath, Map<string, string>>();
  private readonly listMemo = new Map<string[], string>();

  /** The id of a definition (by its JSON text), defining it on first use. */
  private define(table: keyof Tables['ids'], prefix: string, value: unknown): string {
    const text = JSON.stringify(value);
    let id = this.ids[table].get(text);
    if (id === undefined) {
      id = `${prefix}${this.ids[table].size + 1}`;
      this.ids[table].set(text, id);
      this.lines[table].push(`${JSON.stringify(id)}: ${text}`);
    }
    return id;
  }

  /** Learns the principal's own entry from a path: its group membership or its own attachment. */
  learn(path: AccessPath): void {
    const first = path.steps[0];
    const next = path.steps[1];
    if (first?.kind !== 'principal' || this.pointers.has(first.principal.ref)) return;
    const pointer = next?.kind === 'group' ? next.pointer : next?.kind === 'policy' && path.via === 'direct' ? next.policy.attachmentPointer : undefined;
    const own = pointer?.match(/^\/(?:users|roles)\/\d+(?=\/(?:groups|attachments)\/)/)?.[0];
    if (own) this.pointers.set(first.principal.ref, own);
  }

  private readonly residualIds = new ResidualIds();
  private readonly conditionIds = new Map<string, string>();

  /** The id of a condition (its text and the residual it renders); written as JSON once per distinct residual, not per use. */
  condition(residual: Residual, text: string | undefined): string {
    const key = `${this.residualIds.of(residual)}\u0000${text ?? ''}`;
    let id = this.conditionIds.get(key);
    if (id === undefined) this.conditionIds.set(key, (id = this.define('conditions', 'c', { text: text ?? '', residual })));
    return id;
  }

  /** The id of a path applied to `principal`: its steps after the first, pointers relative to the principal. */
  path(path: AccessPath): string {
    const first = path.steps[0];
    const ref = first?.kind === 'principal' ? first.principal.ref : '';
    let byRef = this.pathMemo.get(path);
    if (!byRef) this.pathMemo.set(path, (byRef = new Map()));
    let id = byRef.get(ref);
    if (id === undefined) {
      const { steps, residual, condition, ...rest } = path;
      const own = this.pointers.get(ref);
      const body = { ...rest, ...(residual ? { condition: this.condition(residual, condition) } : {}), steps: (first?.kind === 'principal' ? steps.slice(1) : steps).map((s) => this.relative(s, own)) };
      byRef.set(ref, (id = this.define('paths', 'p', body)));
    }
    return id;
  }

  /** The id of a restriction of `principal`'s answer. */
  restriction(r: Restriction, ref: string): string {
    return this.define('restrictions', 'r', this.relative(r, this.pointers.get(ref)));
  }

  /** The id of a resource list (and its instances); shared lists once by identity. */
  resourceSet(g: GrantGroup): string {
    let id = this.listMemo.get(g.resources);
    if (id === undefined) this.listMemo.set(g.resources, (id = this.define('resourceSets', 's', { resources: g.resources, instances: g.instances })));
    return id;
  }

  /** A copy of `value` with `residual`+`condition` as a condition id and pointers under `own` written `~/...`. */
  relative<T>(value: T, own: string | undefined): T {
    if (Array.isArray(value)) return value.map((v) => this.relative(v, own)) as T;
    if (value === null || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    const source = value as Record<string, unknown>;
    for (const [key, v] of Object.entries(source)) {
      if (key === 'condition' && source.residual !== undefined) continue;
      if (key === 'residual') out.condition = this.condition(v as Residual, source.condition as string | undefined);
      else if (own !== undefined && POINTER_KEYS.includes(key) && typeof v === 'string' && v.startsWith(`${own}/`)) out[key] = `~${v.slice(own.length)}`;
      else if (key === 'principal' || key === 'role' || key === 'actor' || key === 'reaches') out[key] = v; // principals: no pointers inside
      else out[key] = this.relative(v, own);
    }
    return out as T;
  }
}

/** A grant group as written: ids instead of repeated content. */
function grantEntry(tables: Tables, g: GrantGroup, ref: string): Record<string, unknown> {
  return {
    action: g.action,
    decision: g.decision,
    ...(g.residual ? { condition: tables.condition(g.residual, g.condition) } : {}),
    resources: tables.resourceSet(g),
    paths: g.paths.map((p) => tables.path(p)),
    ...(g.pathCount !== undefined ? { pathCount: g.pathCount } : {}),
    ...(g.pathCountAtLeast ? { pathCountAtLeast: true } : {}),
    restrictions: g.restrictions.map((r) => tables.restriction(r, ref)),
  };
}

/** An escalation as written: each step's paths (the actor's) and condition by id. */
function escalationEntry(tables: Tables, e: Escalation): Record<string, unknown> {
  const chain = e.chain.map((step) => {
    const { grantedBy, residual, condition, ...rest } = step;
    return { ...rest, grantedBy: grantedBy.map((p) => tables.path(p)), ...(residual ? { condition: tables.condition(residual, condition) } : {}) };
  });
  return { ...e, chain };
}

/** Grant entries that differ only in the action, joined (principal-can): `actions` lists them. */
function joinActions(entries: Record<string, unknown>[]): Record<string, unknown>[] {
  const joined = new Map<string, Record<string, unknown> & { actions: string[] }>();
  for (const { action, ...rest } of entries) {
    const key = JSON.stringify(rest);
    const found = joined.get(key);
    if (found) found.actions.push(action as string);
    else joined.set(key, { actions: [action as string], ...rest });
  }
  return [...joined.values()];
}

function learnAll(tables: Tables, accesses: readonly PrincipalAccess[]): Map<PrincipalAccess, GrantGroup[]> {
  const groups = new Map<PrincipalAccess, GrantGroup[]>();
  // Principals whose classes join alike share the joined lists: each resource set is written once by identity.
  const lists = new JoinedLists();
  for (const a of accesses) {
    const g = grantGroupsOf(a, lists);
    groups.set(a, g);
    for (const group of g) group.paths.forEach((p) => tables.learn(p));
    for (const e of a.escalations) for (const s of e.chain) s.grantedBy.forEach((p) => tables.learn(p));
  }
  return groups;
}

/** The fields of the result other than the answers, in its own order (fields added later pass through). */
function headerLines(result: AuditResult, skip: string[]): string[] {
  const lines = [`  "format": ${JSON.stringify(AUDIT_JSON_FORMAT)},`, `  "version": ${AUDIT_JSON_VERSION},`];
  for (const [key, value] of Object.entries(result)) if (!skip.includes(key) && value !== undefined) lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(value)},`);
  return lines;
}

/** An object of `"id": value` lines, as chunks. */
function* table(name: string, lines: string[], last: boolean): Generator<string> {
  yield `  ${JSON.stringify(name)}: {`;
  for (let i = 0; i < lines.length; i += LINES_PER_CHUNK) {
    const end = Math.min(lines.length, i + LINES_PER_CHUNK);
    yield lines.slice(i, end).map((l, k) => `    ${l}${i + k < lines.length - 1 ? ',' : ''}`).join('\n');
  }
  yield `  }${last ? '' : ','}`;
}

function* definitions(tables: Tables): Generator<string> {
  yield* table('pointers', [...tables.pointers].map(([ref, p]) => `${JSON.stringify(ref)}: ${JSON.stringify(p)}`), false);
  yield* table('resourceSets', tables.lines.resourceSets, false);
  yield* table('paths', tables.lines.paths, false);
  yield* table('conditions', tables.lines.conditions, false);
  yield* table('restrictions', tables.lines.restrictions, true);
  yield '}';
}

/** The answer as version-2 JSON, in chunks of whole lines (joined with line breaks they are the document). */
export function* jsonChunks(result: AuditResult): Generator<string> {
  const tables = new Tables();
  if (result.kind === 'principal-can') {
    const { access } = result;
    const groups = learnAll(tables, [access]).get(access)!;
    const ref = access.principal.ref;
    yield ['{', ...headerLines(result, ['access'])].join('\n');
    const grants = joinActions(groups.map((g) => grantEntry(tables, g, ref)));
    yield [`  "access": {`, `    "principal": ${JSON.stringify(access.principal)},`, `    "decision": ${JSON.stringify(access.decision)},`, `    "grants": [`, ...grants.map((g, i) => `      ${JSON.stringify(g)}${i < grants.length - 1 ? ',' : ''}`), '    ],', `    "escalations": [`, ...access.escalations.map((e, i) => `      ${JSON.stringify(escalationEntry(tables, e))}${i < access.escalations.length - 1 ? ',' : ''}`), '    ]', '  },'].join('\n');
    yield* definitions(tables);
    return;
  }
  const groups = learnAll(tables, result.principals);
  yield ['{', ...headerLines(result, ['principals'])].join('\n');
  // Each principal's answer as text of ids: equal texts, one answer listing its principals.
  const answers = new Map<string, { id: string; principals: string[] }>();
  const entries: string[] = [];
  for (const a of result.principals) {
    const ref = a.principal.ref;
    const text = JSON.stringify({ decision: a.decision, grants: groups.get(a)!.map((g) => grantEntry(tables, g, ref)), escalations: a.escalations.map((e) => escalationEntry(tables, e)) });
    let answer = answers.get(text);
    if (!answer) answers.set(text, (answer = { id: `a${answers.size + 1}`, principals: [] }));
    answer.principals.push(ref);
    entries.push(JSON.stringify({ principal: a.principal, decision: a.decision, answer: answer.id }));
  }
  yield '  "principals": [';
  for (let i = 0; i < entries.length; i += LINES_PER_CHUNK) {
    const end = Math.min(entries.length, i + LINES_PER_CHUNK);
    yield entries.slice(i, end).map((e, k) => `    ${e}${i + k < entries.length - 1 ? ',' : ''}`).join('\n');
  }
  yield '  ],';
  // `{"decision":…` opened, the principals put first: `{"principals":[…],"decision":…`.
  yield* table('answers', [...answers].map(([text, a]) => `${JSON.stringify(a.id)}: {"principals":${JSON.stringify(a.principals)},${text.slice(1)}`), false);
  yield* definitions(tables);
}

/** The answer as version-2 JSON text. */
export function renderJson(result: AuditResult): string {
  return [...jsonChunks(result)].join('\n');
}
