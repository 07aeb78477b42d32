/**
 * The audit conformance corpus: every test/audit/cases/*.yaml holds an account snapshot and
 * questions with their expected answers — who is reported (and how: decision, kinds of path,
 * policies on the paths, resources, condition), who must NOT be, and who can escalate by which
 * moves. One runner walks them all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { MOVES } from '../../src/audit/moves.js';
import { principalCan, whoCan } from '../../src/audit/who-can.js';
import type { PrincipalAccess } from '../../src/audit/types.js';
import { parsePolicy } from '../../src/policy/parse-policy.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';

const DIR = join(import.meta.dirname, 'cases');

interface ExpectedPrincipal {
  decision: 'Allow' | 'Conditional' | 'None';
  /** Kinds of path that must all be present (direct, group, role). */
  via?: string[];
  /** Policy names that must appear on some path. */
  policies?: string[];
  /** For --all-resources: the instance ids granted (Allow or Conditional), exactly. */
  resources?: string[];
  /** A substring of the condition (Conditional). */
  condition?: string;
  /** Restrictions that must be reported: `layer:kind`. */
  restrictions?: string[];
  /** A substring of the first restriction's message (the one that decides). */
  restrictionMessage?: string;
  /** Escalations that must be reported: whose access, the methods of the chain in order, and (if given) the decision and certainty. */
  escalations?: { reaches: string; methods: string[]; decision?: 'Allow' | 'Conditional'; certainty?: 'certain' | 'possible' }[];
  /** No escalation at all may be reported. */
  noEscalation?: boolean;
  /** Escalations that must NOT be reported (whose access, methods in order). */
  notEscalations?: { reaches: string; methods: string[] }[];
  /** Actions (principal-can) with their decision. */
  actions?: Record<string, 'Allow' | 'Conditional' | 'None'>;
}

interface Question {
  name: string;
  kind?: 'who-can' | 'principal-can';
  action?: string;
  resource?: string;
  allResources?: boolean;
  principal?: string;
  context?: Record<string, string | string[]>;
  sessionPolicy?: unknown;
  expect: Record<string, ExpectedPrincipal>;
}

interface CaseFile {
  description: string;
  snapshot: unknown;
  questions: Question[];
}

function check(ref: string, got: PrincipalAccess | undefined, want: ExpectedPrincipal): void {
  const where = `principal ${ref}`;
  if (want.decision === 'None') {
    // Not reported as having access: absent, or listed only for escalation or as blocked.
    expect(got?.decision ?? 'None', where).toBe('None');
    expect(got?.grants.filter((g) => g.decision !== 'None') ?? [], where).toEqual([]);
  } else {
    expect(got, `${where} must be reported`).toBeDefined();
    expect(got!.decision, where).toBe(want.decision);
  }
  const paths = got?.grants.flatMap((g) => g.paths) ?? [];
  for (const via of want.via ?? []) expect(paths.map((p) => p.via), `${where} path kinds`).toContain(via);
  const onPaths = new Set(paths.flatMap((p) => p.steps.flatMap((s) => (s.kind === 'policy' ? [s.policy.name] : []))));
  for (const policy of want.policies ?? []) expect([...onPaths], `${where} policies on paths`).toContain(policy);
  if (want.resources) {
    const granted = (got?.grants ?? []).filter((g) => g.decision !== 'None').map((g) => g.instance?.id ?? g.resource);
    expect([...new Set(granted)].sort(), `${where} resources`).toEqual([...want.resources].sort());
  }
  if (want.condition) expect((got?.grants ?? []).map((g) => g.condition ?? '').join('\n'), `${where} condition`).toContain(want.condition);
  const restrictions = (got?.grants ?? []).flatMap((g) => g.restrictions.map((r) => `${r.layer}:${r.kind}`));
  for (const r of want.restrictions ?? []) expect(restrictions, `${where} restrictions`).toContain(r);
  if (want.restrictionMessage !== undefined) {
    const firsts = (got?.grants ?? []).filter((g) => g.restrictions.length > 0).map((g) => g.restrictions[0]!.message);
    expect(firsts.length, `${where} restricted grants`).toBeGreaterThan(0);
    for (const m of firsts) expect(m, `${where} restriction`).toContain(want.restrictionMessage);
  }
  const escalations = (got?.escalations ?? []).map((e) => `${e.reaches.ref}: ${e.chain.map((s) => s.method).join(' > ')}`);
  for (const e of want.escalations ?? []) expect(escalations, `${where} escalations`).toContain(`${e.reaches}: ${e.methods.join(' > ')}`);
  for (const e of want.escalations ?? []) {
    if (e.decision === undefined) continue;
    const found = (got?.escalations ?? []).filter((x) => x.reaches.ref === e.reaches && x.chain.map((s) => s.method).join(' > ') === e.methods.join(' > '));
    expect(found.map((x) => x.decision), `${where} escalation decision`).toContain(e.decision);
  }
  for (const e of want.escalations ?? []) {
    if (e.certainty === undefined) continue;
    const found = (got?.escalations ?? []).filter((x) => x.reaches.ref === e.reaches && x.chain.map((s) => s.method).join(' > ') === e.methods.join(' > '));
    expect(found.map((x) => x.certainty), `${where} escalation certainty`).toContain(e.certainty);
  }
  if (want.noEscalation) expect(escalations, `${where} escalations`).toEqual([]);
  for (const e of want.notEscalations ?? []) expect(escalations, `${where} escalations`).not.toContain(`${e.reaches}: ${e.methods.join(' > ')}`);
  for (const [action, decision] of Object.entries(want.actions ?? {})) {
    const grants = (got?.grants ?? []).filter((g) => g.action === action && g.decision !== 'None');
    const best = grants.some((g) => g.decision === 'Allow') ? 'Allow' : grants.length > 0 ? 'Conditional' : 'None';
    expect(best, `${where} ${action}`).toBe(decision);
  }
}

const files = readdirSync(DIR).filter((f) => f.endsWith('.yaml')).sort();

it('the corpus covers every kind of path and escalation', () => {
  const text = files.map((f) => readFileSync(join(DIR, f), 'utf8')).join('\n');
  for (const via of ['direct', 'group', 'role']) expect(text).toContain(`via: [${via}`);
  for (const m of MOVES.map((row) => row.id)) expect(text).toContain(m);
});

describe.each(files)('%s', (file) => {
  const data = parse(readFileSync(join(DIR, file), 'utf8')) as CaseFile;
  const parsed = parseSnapshot(stringify(data.snapshot), { file });
  it('has a valid snapshot', () => expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]));
  it.each(data.questions.map((q) => [q.name, q] as const))('%s', (_, q) => {
    const snapshot = parsed.snapshot!;
    const sessionPolicy = q.sessionPolicy ? { name: 'session', document: parsePolicy(JSON.stringify(q.sessionPolicy), { kind: 'session' }).policy! } : undefined;
    const common = { context: q.context ?? {}, ...(sessionPolicy ? { sessionPolicy } : {}) };
    if (q.kind === 'principal-can') {
      const answer = principalCan(snapshot, { principal: q.principal!, ...(q.action ? { actionPattern: q.action } : {}), ...common });
      expect(answer.diagnostics).toEqual([]);
      for (const [ref, want] of Object.entries(q.expect)) check(ref, answer.result!.access.principal.ref === ref ? answer.result!.access : undefined, want);
      return;
    }
    const answer = whoCan(snapshot, { action: q.action!, ...(q.resource ? { resource: q.resource } : {}), ...(q.allResources ? { allResources: true } : {}), ...common });
    expect(answer.diagnostics).toEqual([]);
    for (const [ref, want] of Object.entries(q.expect)) check(ref, answer.result!.principals.find((p) => p.principal.ref === ref), want);
  });
});
