/**
 * W5: evaluating each principal once per resource class is exact. Differential test: on a
 * generated account, every principal's own answer per instance from the audit equals a plain
 * evaluation of that principal on that instance, built as `eval --snapshot` builds it.
 */
import { describe, expect, it } from 'vitest';
import { generatedAccount } from '../../bench/audit-account.js';
import { ActionAudit } from '../../src/audit/action-audit.js';
import { allInstances } from '../../src/audit/resources.js';
import { AuditSession } from '../../src/audit/session.js';
import type { Escalation, PrincipalAccess } from '../../src/audit/types.js';
import { whoCan } from '../../src/audit/who-can.js';
import { evaluate } from '../../src/eval/authorize.js';
import { compilePolicySet } from '../../src/eval/compile.js';
import type { AuthorizationRequest } from '../../src/request/types.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { policySetFor } from '../../src/snapshot/principal.js';
import { resourceFacts } from '../../src/snapshot/resources.js';
import { escalationAccount } from './escalation-account.js';

const snapshot = parseSnapshot(JSON.stringify(generatedAccount(300, 80))).snapshot!;

it.each(['cams:UpdateInstance', 'cams:DeleteInstance', 'cams:QueryInstance'])('%s: one evaluation per class gives every instance its own answer', (action) => {
  const { model } = new AuditSession(snapshot);
  const instances = allInstances(snapshot);
  const audit = new ActionAudit(model, action, instances);
  // The classes are fewer than the instances where the account's statements allow it (or the test proves nothing about sharing).
  if (action !== 'cams:QueryInstance') expect(audit.classes.length).toBeLessThan(instances.length);
  let granted = 0;
  for (const principal of model.principals) {
    const own = audit.own(principal);
    const set = policySetFor(snapshot, principal.ref).result!;
    const compiled = compilePolicySet(set.policies);
    audit.classes.forEach((c, i) => {
      for (const member of c.members) {
        const facts = resourceFacts(snapshot, member.arn, set.policies);
        const request: AuthorizationRequest = { principal: set.principal, action, resource: member.arn, context: { ...facts.context }, absent: facts.absent, ...(facts.resourceGroup !== undefined ? { resourceGroup: facts.resourceGroup } : {}) };
        const plain = evaluate(compiled, request, { trace: false }).decision;
        const expected = plain === 'Allow' || plain === 'Conditional' ? plain : 'None';
        expect(own[i]!.decision, `${principal.ref} ${member.arn}`).toBe(expected);
        if (expected !== 'None') granted++;
      }
    });
  }
  if (action !== 'cams:DeleteInstance') expect(granted).toBeGreaterThan(0);
});

/**
 * Issue 13 §1.2: classes must hold for every document the escalation search evaluates (old
 * versions, policies attached to nobody, roles reached after a move), not only for the attached
 * defaults. Differential test: over an account where escalation depends on the instance, the
 * audit of every instance at once says exactly what the audits of each instance alone say —
 * decisions, and escalations (whose access, by which moves, Allow or Conditional, certain or not).
 */
describe('every instance at once = the union of each instance alone, escalations included', () => {
  const account = parseSnapshot(JSON.stringify(escalationAccount())).snapshot!;
  const chainKey = (e: Escalation) => `${e.reaches.ref}: ${e.chain.map((s) => `${s.actor.ref} ${s.method} ${s.target.kind}/${s.target.name}${s.target.version !== undefined ? `@${s.target.version}` : ''}`).join(' > ')}`;
  const rank = (e: Escalation) => `${e.decision === 'Allow' ? 1 : 0}${e.certainty === 'certain' ? 1 : 0}`;
  /** Per principal and escalation chain, the best decision and certainty. */
  const escalationsOf = (principals: PrincipalAccess[], into = new Map<string, string>()) => {
    for (const p of principals) for (const e of p.escalations) {
      const key = `${p.principal.ref} ⇒ ${chainKey(e)}`;
      if ((into.get(key) ?? '') < rank(e)) into.set(key, rank(e));
    }
    return into;
  };
  const decisionsOf = (principals: PrincipalAccess[], into = new Map<string, string>()) => {
    for (const p of principals) for (const g of p.grants) if (g.decision !== 'None') into.set(`${p.principal.ref} ${g.instance!.id}`, g.decision);
    return into;
  };

  it.each(['cams:UpdateInstance', 'cams:QueryInstance'])('%s', (action) => {
    const all = whoCan(account, { action, allResources: true }).result!;
    const decisions = new Map<string, string>();
    const escalations = new Map<string, string>();
    for (const r of allInstances(account)) {
      const one = whoCan(account, { action, resource: r.arn }).result!;
      decisionsOf(one.principals, decisions);
      escalationsOf(one.principals, escalations);
    }
    expect(decisionsOf(all.principals)).toEqual(decisions);
    expect(escalationsOf(all.principals)).toEqual(escalations);
    if (action !== 'cams:UpdateInstance') return;
    // The account exercises what the test is about: classes shared by instances, escalations
    // through an old version, an unattached policy, a group's resource-group scope, a role after a move.
    const { model } = new AuditSession(account);
    expect(new ActionAudit(model, action, allInstances(account)).classes.length).toBeLessThan(account.resources.camsInstances.length);
    const keys = [...escalations.keys()];
    for (const expected of [
      'user/esc-default ⇒ user/esc-default: user/esc-default set-default-policy-version policy/scoped-0@v1',
      'user/esc-attach ⇒ user/esc-attach: user/esc-attach attach-policy-to-user user/esc-attach',
      'user/esc-join ⇒ user/esc-join: user/esc-join add-user-to-group group/rg-updaters',
      'user/esc-keys ⇒ user/holder-3: user/esc-keys create-access-key user/holder-3',
      'user/locked ⇒ role/i4-role: user/locked attach-policy-to-user user/locked > user/locked assume-role role/i4-role',
    ]) expect(keys).toContain(expected);
  });
});
