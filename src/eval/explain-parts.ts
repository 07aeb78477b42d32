/** The "why" of a decision: which layer denied or gave no Allow, and the per-statement trace. */
import type { EvaluationResult, MissingAllow, StatementTrace } from '../decision/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PreparedRequest } from '../request/prepare.js';
import type { CompiledPolicySet, CompiledStatement } from './compile.js';
import type { DecisionPlan, GroupValue, LayerPlan, PlanValues } from './layers.js';
import { traceAs, traceStatement } from './statement.js';

type Known<V> = (v: V) => boolean | undefined;

/** `deniedBy` and `missingAllow` of a deny (E13). */
export function explainDeny<V>(plan: DecisionPlan, values: PlanValues<V>, certainDeny: boolean, known: Known<V>): Pick<EvaluationResult, 'deniedBy' | 'missingAllow'> {
  const groups: [LayerPlan, GroupValue<V> | undefined][] = [
    ...plan.control.map((p, i): [LayerPlan, GroupValue<V> | undefined] => [p, values.control[i]]),
    ...(plan.session ? [[plan.session, values.session] as [LayerPlan, GroupValue<V> | undefined]] : []),
    [plan.account, values.account],
    [plan.resourceGroup, values.resourceGroup],
    [plan.resource, values.resource],
  ];
  if (certainDeny) {
    const denying = groups.find(([, v]) => v !== undefined && known(v.deny) === true);
    return denying ? { deniedBy: denying[0].policyType } : {};
  }
  const missing = firstMissingAllow(plan, values, known);
  return missing ? { missingAllow: missing.missing, deniedBy: missing.policyType } : {};
}

function firstMissingAllow<V>(plan: DecisionPlan, values: PlanValues<V>, known: Known<V>) {
  const action = 'the action on this resource';
  if (!plan.root) {
    for (const [i, level] of values.control.entries()) {
      if (known(level.allow) !== true) {
        const where = i === 0 ? 'the Root folder' : `level ${i}`;
        return { policyType: 'ControlPolicy' as const, missing: { layer: 'control', level: i, message: `no control policy at ${where} allows ${action}` } satisfies MissingAllow };
      }
    }
    if (values.session && known(values.session.allow) !== true) {
      return { policyType: 'SessionPolicy' as const, missing: { layer: 'session', message: `the session policy does not allow ${action}` } satisfies MissingAllow };
    }
    if (known(values.account.allow) !== true && known(values.resourceGroup.allow) !== true) {
      const rg = plan.resourceGroup.namesService() ? ', at account or resource-group level' : '';
      return { policyType: 'AccountLevelIdentityBasedPolicy' as const, missing: { layer: 'identity', message: `no identity policy allows ${action}${rg}` } satisfies MissingAllow };
    }
  }
  if (plan.assumeRole && known(values.resource.allow) !== true) {
    const none = !plan.resource.namesService() ? ' (no trust policy was given)' : '';
    return { policyType: 'AssumeRolePolicy' as const, missing: { layer: 'resource', message: `the role's trust policy does not allow this caller to assume it${none}` } satisfies MissingAllow };
  }
  return undefined;
}

/** Traces every statement of the set; statements of layers not consulted say why. */
export function tracePlan(set: CompiledPolicySet, plan: DecisionPlan, request: PreparedRequest, problems: Diagnostic[]): StatementTrace[] {
  const rg = request.request.resourceGroup;
  const skipReason = (s: CompiledStatement): string | undefined => {
    const layer = s.ref.layer;
    if (plan.root && !(plan.assumeRole && layer === 'resource')) return 'the root user is not subject to RAM policies';
    if (layer === 'resource' && !plan.assumeRole) return 'trust policies apply only to `sts:AssumeRole`';
    if (layer === 'resource-group' && rg !== undefined && s.ref.resourceGroup !== rg) {
      return `attached to resource group \`${s.ref.resourceGroup}\`; the resource is in \`${rg}\``;
    }
    return undefined;
  };
  // Statements of one body trace alike but for where they are: each body is traced once, and its
  // parts (action, conditions, resource, principal: never changed afterwards) shared.
  const bodies = new Array<StatementTrace | undefined>(set.statementCount);
  return set.all.map((s) => {
    const first = s.same ?? s;
    let parts = bodies[first.id];
    if (!parts) bodies[first.id] = parts = traceStatement(first, request, problems);
    const trace = traceAs(parts, s); // its own entry: the lines below change it
    const skipped = skipReason(s);
    if (skipped) {
      trace.skipped = skipped;
      trace.result = 'no-match'; // it does not apply to this request, whatever its parts say
    }
    else if (s.ref.layer === 'resource-group' && rg === undefined && trace.result !== 'no-match') trace.result = 'unknown'; // E4
    return trace;
  });
}
