/**
 * The add-user-to-group bound (src/audit/join-bound.ts) decides which groups each
 * user is told to join exactly as building every joined account would: the conformance case
 * join-shortcut.yaml checks the moves, this file the groups each move names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ActionAudit } from '../../src/audit/action-audit.js';
import { JoinBound } from '../../src/audit/join-bound.js';
import { askedResource } from '../../src/audit/resources.js';
import { AuditSession } from '../../src/audit/session.js';
import { applyChange, outcomesIn } from '../../src/audit/what-if.js';
import { whoCan } from '../../src/audit/who-can.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';

const raw = (parse(readFileSync(join(import.meta.dirname, 'cases/join-shortcut.yaml'), 'utf8')) as { snapshot: unknown }).snapshot;
const snapshot = parseSnapshot(stringify(raw)).snapshot!;
const answer = whoCan(snapshot, { action: 'cams:UpdateInstance' }).result!;

/** The groups a user's add-user-to-group escalations join, with the decision each gives. */
function joins(user: string): string[] {
  const p = answer.principals.find((x) => x.principal.ref === `user/${user}`)!;
  return p.escalations
    .filter((e) => e.chain.length === 1 && e.chain[0]!.method === 'add-user-to-group')
    .map((e) => `${e.chain[0]!.target?.name}:${e.decision}`)
    .sort();
}

describe('joining a group, with the bound', () => {
  it('a Conditional user is told only of the group that gives Allow outright', () => {
    // outside's NotIpAddress and inside's own IpAddress together hold from any address, but they
    // are two conditions to the evaluator, which leaves the joined set Conditional; unless-inside
    // Allows all but Denies inside 10/8, so joined it is Conditional (outside 10/8) too.
    expect(joins('inside')).toEqual(['everyone:Allow', 'useless-assumers:Allow']);
  });

  it('two users alike get the same groups, except the one whose policy names one of them', () => {
    const alike = ['everyone:Allow', 'office:Conditional', 'outside:Conditional', 'unless-inside:Conditional', 'useless-assumers:Allow'];
    expect(joins('twin-a')).toEqual(alike);
    expect(joins('twin-b')).toEqual([...alike, 'for-twin-b:Allow'].sort());
  });
});

describe('the bound (cannotGain)', () => {
  const session = new AuditSession(snapshot, {}, {});
  const audit = new ActionAudit(session.model, 'cams:UpdateInstance', [askedResource(snapshot, '*')]);
  const bound = new JoinBound(audit);
  const inside = session.model.principals.find((p) => p.ref === 'user/inside')!;
  const twinA = session.model.principals.find((p) => p.ref === 'user/twin-a')!;
  const conditional = new Set([0]);

  it("skips a group whose condition, ORed with the user's, still cannot hold outright", () => {
    expect(bound.cannotGain(inside, 'office', [0], conditional)).toBe(true);
    // Complementary operators are two conditions to the bound as to the evaluator (see above).
    expect(bound.cannotGain(inside, 'outside', [0], conditional)).toBe(true);
  });

  it('never skips a group that gives Allow alone', () => {
    expect(bound.cannotGain(inside, 'everyone', [0], conditional)).toBe(false);
  });

  it('skips only pairs whose joined account, built and audited, gives nothing', () => {
    let skipped = 0;
    for (const user of session.model.principals.filter((p) => p.kind === 'user')) {
      for (const group of snapshot.groups.map((g) => g.name)) {
        for (const allowOnly of [new Set<number>(), conditional]) {
          if (!bound.cannotGain(user, group, [0], allowOnly)) continue;
          skipped++;
          const joined = applyChange(session.model, { kind: 'join-group', user: user.name, group });
          expect(outcomesIn(audit, joined, user, [0], allowOnly).size, `${user.ref} joining ${group}`).toBe(0);
        }
      }
    }
    expect(skipped).toBeGreaterThan(5);
  });

  it("audits with the account's own edges only where the group's new edges change no outcome", () => {
    const summary = (m: Map<number, { decision: string; route?: { role: { ref: string } } }>) => [...m].map(([i, o]) => `${i}:${o.decision}:${o.route?.role.ref ?? '-'}`);
    const kept: string[] = [];
    for (const user of session.model.principals.filter((p) => p.kind === 'user')) {
      for (const group of snapshot.groups.map((g) => g.name)) {
        for (const allowOnly of [new Set<number>(), conditional]) {
          if (!bound.edgesIrrelevant(user, group, [0], allowOnly)) continue;
          kept.push(`${user.name}:${group}`);
          const exact = outcomesIn(audit, applyChange(session.model, { kind: 'join-group', user: user.name, group }), user, [0], allowOnly);
          const quick = outcomesIn(audit, applyChange(session.model, { kind: 'join-group', user: user.name, group, keepsEdges: true }), user, [0], allowOnly);
          expect(summary(quick), `${user.ref} joining ${group}`).toEqual(summary(exact));
        }
      }
    }
    // The group whose role gives nothing is audited the quick way; the one whose role gives, never.
    expect(kept).toContain('twin-b:useless-assumers');
    // The role assumers' policy names trusts twin-b only: for the others its edge leads nowhere.
    expect(kept).toContain('twin-a:assumers');
    expect(kept).not.toContain('twin-b:assumers');
  });

  it('where the user has nothing, skips only a group that gives nothing either', () => {
    expect(bound.cannotGain(twinA, 'office', [0], new Set())).toBe(false);
    expect(bound.cannotGain(inside, 'for-twin-b', [0], new Set())).toBe(false); // names a principal: never bounded
  });

  it('re-evaluates only the edges to roles the group names, and keeps the others as they were', () => {
    const edges = (m: typeof session.model, ref: string) => m.edgesFrom(m.principals.find((p) => p.ref === ref)!).map((e) => `${e.to.ref}:${e.step.decision}:${e.step.identityStatements.length}`);
    let compared = 0;
    for (const user of snapshot.users) {
      for (const group of snapshot.groups.map((g) => g.name)) {
        if (user.groups.includes(group)) continue;
        const ref = `user/${user.name}`;
        const quick = applyChange(session.model, { kind: 'join-group', user: user.name, group });
        const users = snapshot.users.map((u) => (u.name === user.name ? { ...u, groups: [...u.groups, group] } : u));
        const full = session.model.whatIf({ ...snapshot, users }, (p) => p.ref === ref);
        expect(edges(quick, ref), `${ref} joining ${group}`).toEqual(edges(full, ref));
        compared++;
      }
    }
    expect(compared).toBe(snapshot.users.length * snapshot.groups.length);
  });
});
