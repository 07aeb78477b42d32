/**
 * Issue 13 §2, §5: the grouped outputs. The version-2 JSON, written out again (`expandAuditJson`),
 * is every principal's answer as `whoCan` gives it one grant per resource; every id it refers to is
 * defined; principals with the same answer share one entry and different answers are never merged;
 * the table keeps within its width and prints principals (or actions) with the same answer once.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { generatedAccount } from '../../bench/audit-account.js';
import { limitPaths } from '../../src/audit/limit-paths.js';
import { grantGroupsOf } from '../../src/audit/render/grouped.js';
import { expandAuditJson } from '../../src/audit/render/json-expand.js';
import { jsonChunks, renderJson } from '../../src/audit/render/json.js';
import { renderTable } from '../../src/audit/render/table.js';
import type { AuditResult, PrincipalAccess } from '../../src/audit/types.js';
import { principalCan, whoCan } from '../../src/audit/who-can.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';

const snapshot = parseSnapshot(JSON.stringify(generatedAccount(400, 60)), { file: 'generated.json' }).snapshot!;
const ask = (grantsPer: 'resource' | 'class') => whoCan(snapshot, { action: 'cams:UpdateInstance', allResources: true, maxPaths: 3, grantsPer }).result!;
const perResource = limitPaths(ask('resource'), 3);
const perClass = ask('class');

/** Each principal's answer as plain data, grants grouped by resources (what the JSON groups). */
const answersOf = (accesses: PrincipalAccess[]) => JSON.parse(JSON.stringify(accesses.map((a) => ({ principal: a.principal, decision: a.decision, grants: grantGroupsOf(a), escalations: a.escalations }))));
/** Grants in one order, each one's resources too: grants per class list the resources of joined classes class by class. */
const sortGrants = (answers: any[]) =>
  answers.map((a) => ({
    ...a,
    grants: a.grants
      .map((g: { resources: string[]; instances: { id: string }[] }) => ({ ...g, resources: [...g.resources].sort(), instances: [...g.instances].sort((x, y) => x.id.localeCompare(y.id)) }))
      .sort((x: { action: string; resources: string[] }, y: { action: string; resources: string[] }) => `${x.action} ${x.resources.join()}`.localeCompare(`${y.action} ${y.resources.join()}`)),
  }));

/** Every id the document refers to: answers, resource sets, paths (grants and escalation moves), conditions, restrictions. */
function references(json: Record<string, any>): { table: string; id: string }[] {
  const out: { table: string; id: string }[] = [];
  const walk = (value: unknown, key?: string): void => {
    if (Array.isArray(value)) return value.forEach((v) => walk(v, key));
    if (typeof value === 'string') {
      if (key === 'paths' || key === 'grantedBy') out.push({ table: 'paths', id: value });
      else if (key === 'condition') out.push({ table: 'conditions', id: value });
      else if (key === 'restrictions') out.push({ table: 'restrictions', id: value });
      else if (key === 'resources') out.push({ table: 'resourceSets', id: value });
      else if (key === 'answer') out.push({ table: 'answers', id: value });
      return;
    }
    if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!['residual', 'principal', 'reaches', 'actor', 'role'].includes(k)) walk(v, k);
  };
  walk(json.principals);
  walk(json.access);
  for (const table of ['answers', 'paths', 'restrictions']) walk(Object.values(json[table] ?? {}));
  return out;
}

describe('audit JSON version 2', () => {
  const json = JSON.parse(renderJson(perClass));

  it('expanded, equals every principal answer of whoCan with one grant per resource (and the per-class answer)', () => {
    expect(perResource.principals.length).toBeGreaterThan(20);
    expect(expandAuditJson(json)).toEqual(answersOf(perResource.principals));
    expect(expandAuditJson(JSON.parse(renderJson(perResource)))).toEqual(answersOf(perResource.principals));
  });

  it('principal-can: actions that share an answer are one grant listing them; expanded, every action answers as before', () => {
    // user-0 is an admin (AdministratorAccess through its group, with a Deny of prod deletes).
    const asked = (grantsPer: 'resource' | 'class') => limitPaths(principalCan(snapshot, { principal: 'user/user-0', actionPattern: 'cams:*', maxPaths: 3, grantsPer, escalation: false }).result!, 3);
    const [byResource, byClass] = [asked('resource'), asked('class')];
    const document = JSON.parse(renderJson(byClass));
    expect(grantGroupsOf(byResource.access).length).toBeGreaterThan(100);
    expect(document.access.grants.length).toBeLessThan(10);
    expect(sortGrants(expandAuditJson(document))).toEqual(sortGrants(answersOf([byResource.access])));
    const table = renderTable(byClass).split('\n');
    // The table joins what prints the same (the JSON also tells apart what differs only in a pointer).
    expect(table.slice(2, table.indexOf('')).length).toBeLessThanOrEqual(document.access.grants.length);
  });

  it('defines every id it refers to, and refers to every id it defines', () => {
    const refs = references(json);
    expect(refs.length).toBeGreaterThan(100);
    for (const { table, id } of refs) expect(Object.prototype.hasOwnProperty.call(json[table], id), `${table} ${id}`).toBe(true);
    for (const table of ['answers', 'paths', 'conditions', 'restrictions', 'resourceSets']) {
      const used = new Set(refs.filter((r) => r.table === table).map((r) => r.id));
      expect(Object.keys(json[table]).filter((id) => !used.has(id)), table).toEqual([]);
    }
    expect([json.format, json.version]).toEqual(['ramguard-audit', 2]);
  });

  it('principals with the same answer share one entry that lists them; different answers are never merged', () => {
    const answers = Object.entries(json.answers) as [string, { principals: string[] }][];
    expect(answers.some(([, a]) => a.principals.length > 1)).toBe(true);
    expect(answers.length).toBeLessThan(json.principals.length);
    for (const [id, a] of answers) for (const ref of a.principals) expect(json.principals.find((p: { principal: { ref: string } }) => p.principal.ref === ref).answer).toBe(id);
    // Different decisions, or the same decision on different resources: different entries. (That no
    // merge loses anything at all is the expansion test above: each principal gets its own answer back.)
    const entry = (ref: string) => json.principals.find((p: { principal: { ref: string } }) => p.principal.ref === ref).answer;
    const allow = perClass.principals.find((p) => p.decision === 'Allow')!;
    const conditional = perClass.principals.find((p) => p.decision === 'Conditional')!;
    expect(entry(allow.principal.ref)).not.toBe(entry(conditional.principal.ref));
    const resourcesOf = (a: PrincipalAccess) => JSON.stringify(grantGroupsOf(a).map((g) => g.resources));
    const differently = perClass.principals.find((p) => p.decision === 'Allow' && resourcesOf(p) !== resourcesOf(allow))!;
    expect(entry(differently.principal.ref)).not.toBe(entry(allow.principal.ref));
  });

  it('is valid against the published schema (schemas/audit-output.schema.json), who-can and principal-can', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/audit-output.schema.json', import.meta.url), 'utf8')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const principalDocument = JSON.parse(renderJson(principalCan(snapshot, { principal: 'user/user-10', actionPattern: 'cams:*Instance', maxPaths: 3, grantsPer: 'class' }).result!));
    for (const document of [json, principalDocument]) expect(validate(document), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // And it says what it refuses: a grant with its condition written out is no version-2 grant.
    const spoilt = structuredClone(json);
    const answer = Object.values(spoilt.answers as Record<string, { grants: Record<string, unknown>[] }>).find((a) => a.grants.some((g) => g.condition !== undefined))!;
    answer.grants.find((g) => g.condition !== undefined)!.condition = 'acs:SourceIp IpAddress 203.0.113.0/24';
    expect(validate(spoilt)).toBe(false);
  });

  it('is the concatenation of its chunks, each whole lines', () => {
    const chunks = [...jsonChunks(perClass)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join('\n')).toBe(renderJson(perClass));
    for (const c of chunks) expect(c.endsWith('\n')).toBe(false);
  });
});

describe('audit table', () => {
  const result = perClass as AuditResult;

  it('keeps every line within 120 columns by default, and within --width when given', () => {
    for (const [width, text] of [[120, renderTable(result)], [80, renderTable(result, { width: 80 })]] as const) {
      const lines = text.split('\n');
      const table = lines.slice(1, lines.indexOf(''));
      expect(table.length).toBeGreaterThan(10);
      // The table itself never passes the width; details wrap at spaces (an ARN longer than the width stays whole).
      for (const line of table) expect([...line].length, line).toBeLessThanOrEqual(width);
      for (const line of lines.slice(lines.indexOf('') + 1)) if (line.trim().includes(' ')) expect([...line].length <= width || !line.slice(0, width).includes(' '), line).toBe(true);
    }
  });

  it('prints principals with the same answer once (one row group), and the same table whether grants are per resource or per class', () => {
    const text = renderTable(result);
    expect(renderTable(perResource)).toBe(text);
    const groups = text.split('\n').filter((l) => /^\[\d+\] /.test(l));
    expect(groups.length).toBeLessThan(perClass.principals.length);
    const grouped = text.split('\n').find((l) => /^\d+\s+\(\d+\) /.test(l));
    expect(grouped).toBeDefined();
  });

  it('does not merge principals whose answers differ', () => {
    const one = perClass.principals.find((p) => p.decision === 'Allow')!;
    const other = perClass.principals.find((p) => p.decision === 'Conditional')!;
    const text = renderTable({ ...perClass, principals: [one, other] });
    expect(text.split('\n').filter((l) => /^\[\d+\] /.test(l))).toEqual([`[1] ${one.principal.ref}`, `[2] ${other.principal.ref}`]);
  });
});
