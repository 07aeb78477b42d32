/**
 * W5: evaluating each principal once per resource class is exact. Differential test: on a
 * generated account, every principal's own answer per instance from the audit equals a plain
 * evaluation of that principal on that instance, built as `eval --snapshot` builds it.
 */
import { expect, it } from 'vitest';
import { generatedAccount } from '../../bench/audit-account.js';
import { ActionAudit, lazyEdges } from '../../src/audit/action-audit.js';
import { AuditModel } from '../../src/audit/model.js';
import { allInstances } from '../../src/audit/resources.js';
import { evaluate } from '../../src/eval/authorize.js';
import { compilePolicySet } from '../../src/eval/compile.js';
import type { AuthorizationRequest } from '../../src/request/types.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { policySetFor } from '../../src/snapshot/principal.js';
import { resourceFacts } from '../../src/snapshot/resources.js';

const snapshot = parseSnapshot(JSON.stringify(generatedAccount(300, 80))).snapshot!;

it.each(['cams:UpdateInstance', 'cams:DeleteInstance', 'cams:QueryInstance'])('%s: one evaluation per class gives every instance its own answer', (action) => {
  const model = new AuditModel(snapshot);
  const instances = allInstances(snapshot);
  const audit = new ActionAudit(model, action, instances, {}, lazyEdges(model, {}));
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
