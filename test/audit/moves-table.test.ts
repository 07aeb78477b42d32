/**
 * Meta-test of the escalation moves table: the code table (`MOVES`), its documentation
 * (docs/escalation-moves.md) and its conformance cases (test/audit/cases/moves-*.yaml) list the
 * same moves — each documented with the same actions, each with a case that reports it and one
 * that must not. Adding a move without its doc row or its cases fails here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SERVICE_ROLES } from '../../src/catalog/service-roles.js';
import { ESCALATION_ACTIONS } from '../../src/audit/escalation.js';
import { ACTING_MOVES, GIVING_MOVES, MOVES } from '../../src/audit/moves.js';
import { trustedServices } from '../../src/audit/moves/pass-role.js';
import { parsePolicy } from '../../src/policy/parse-policy.js';

const ROOT = join(import.meta.dirname, '../..');
const DOC = readFileSync(join(ROOT, 'docs/escalation-moves.md'), 'utf8');
const CASES = join(ROOT, 'test/audit/cases');

/** The rows of the doc's first table: the move id and the actions of its second cell. */
function documentedMoves(): { id: string; actions: string[] }[] {
  const table = DOC.slice(DOC.indexOf('| move |'), DOC.indexOf('## Services'));
  return table
    .split('\n')
    .filter((l) => l.startsWith('| <a id='))
    .map((l) => {
      const cells = l.split(' | ');
      return { id: /`([^`]+)`/.exec(cells[0]!)![1]!, actions: [...cells[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!) };
    });
}

type Expected = { escalations?: { methods: string[] }[]; notEscalations?: { methods: string[] }[] };
const caseFiles = readdirSync(CASES).filter((f) => f.startsWith('moves-') && f.endsWith('.yaml'));
const expectations = caseFiles.flatMap((f) => (parse(readFileSync(join(CASES, f), 'utf8')) as { questions: { expect: Record<string, Expected> }[] }).questions.flatMap((q) => Object.values(q.expect)));

describe('the escalation moves table', () => {
  it('has at least 10 moves, ids unique, giving and acting rows split without loss', () => {
    expect(MOVES.length).toBeGreaterThanOrEqual(10);
    expect(new Set(MOVES.map((m) => m.id)).size).toBe(MOVES.length);
    expect(GIVING_MOVES.length + ACTING_MOVES.length).toBe(MOVES.length);
  });

  it('docs/escalation-moves.md lists the same moves, in the same order, with the same actions', () => {
    expect(documentedMoves()).toEqual(MOVES.map((m) => ({ id: m.id, actions: [...m.actions] })));
  });

  it("each row's docs anchor is its row of docs/escalation-moves.md", () => {
    for (const m of MOVES) {
      expect(m.docs).toBe(`docs/escalation-moves.md#${m.id}`);
      expect(DOC).toContain(`<a id="${m.id}"></a>`);
    }
  });

  it('every action a move needs is in the search prefilter (an actor allowed only it is still searched)', () => {
    for (const m of MOVES) for (const a of m.actions) expect(ESCALATION_ACTIONS).toContain(a);
    expect(ESCALATION_ACTIONS).toEqual(expect.arrayContaining(['ram:CreateUser', 'ram:PassRole']));
  });

  it.each(MOVES.map((m) => m.id))('%s has a conformance case that reports it and one that must not', (id) => {
    expect(expectations.some((e) => (e.escalations ?? []).some((x) => x.methods.includes(id))), `a moves-*.yaml case reports ${id}`).toBe(true);
    expect(expectations.some((e) => (e.notEscalations ?? []).some((x) => x.methods.includes(id))), `a moves-*.yaml case must not report ${id}`).toBe(true);
  });

  it('the doc lists the services a role can be passed to, as SERVICE_ROLES does', () => {
    const table = DOC.slice(DOC.indexOf('| service principal |'));
    const services = table.split('\n').filter((l) => l.startsWith('| `')).map((l) => [...l.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).slice(0, 2));
    expect(services).toEqual(SERVICE_ROLES.map((r) => [r.service, r.action]));
  });
});

describe('service roles (pass-role)', () => {
  const trust = (statements: unknown[]) => parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind: 'trust' }).policy!;
  it('a trust policy names the services its Allow statements for sts:AssumeRole trust, lower-cased', () => {
    expect([...trustedServices(trust([{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ECS.aliyuncs.com', 'fc.aliyuncs.com'] } }]))]).toEqual(['ecs.aliyuncs.com', 'fc.aliyuncs.com']);
  });
  it('a Deny naming the service takes it back, and RAM principals are no services', () => {
    const doc = trust([
      { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com', 'fc.aliyuncs.com'], RAM: ['acs:ram::1:root'] } },
      { Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { Service: ['ecs.aliyuncs.com'] } },
    ]);
    expect([...trustedServices(doc)]).toEqual(['fc.aliyuncs.com']);
  });
});
