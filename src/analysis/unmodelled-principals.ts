/**
 * `Service` and `Federated` trust principals (N12): the evaluator's callers are RAM users, role
 * sessions and account roots (M7), so no request it can judge comes from a cloud service or an
 * identity provider, and the region analysis cannot witness what a policy gives them. They are
 * compared as written instead: NEW gives such callers nothing OLD does not when every NEW Allow
 * statement naming one appears in OLD as written, and every OLD Deny statement naming one appears
 * in NEW (statements compared by effect, actions, those principals and conditions). Otherwise the
 * answer cannot be PASS: a diagnostic names the principals, and the verdict is UNKNOWN.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Statement } from '../policy/types.js';
import type { AnalysisPolicy } from './model.js';

/** A statement's meaning for service and federated callers, as a comparable text; undefined when it names none. */
function projection(s: Statement): string | undefined {
  const p = s.principal;
  if (!p || (p.Service.length === 0 && p.Federated.length === 0)) return undefined;
  const sorted = (xs: string[]) => [...new Set(xs)].sort();
  const conditions = s.conditions.map((c) => JSON.stringify([c.operator, c.key.toLowerCase(), sorted(c.values)])).sort();
  // Stryker disable next-line LogicalOperator,ArrowFunction,MethodExpression: equivalent (docs/testing.md), a valid trust policy's Action is sts:AssumeRole in some case (trust-action), so the actions term is the same for every statement
  return JSON.stringify([s.effect, sorted((s.actions ?? []).map((a) => a.toLowerCase())), sorted(p.Service), sorted(p.Federated), conditions]);
}

const projections = (policy: AnalysisPolicy | undefined, effect: 'Allow' | 'Deny') =>
  // Stryker disable next-line ArrayDeclaration: equivalent, a text in place of no statements has no effect and is filtered out
  new Set((policy?.document.statements ?? []).filter((s) => s.effect === effect).map(projection).filter((x): x is string => x !== undefined));

/**
 * Diagnostics (errors) when `granted` may give a service or federated caller more than
 * `notGranted` does (or, without `notGranted`, anything at all); none when it certainly does not.
 */
export function unmodelledPrincipalProblems(granted: AnalysisPolicy, notGranted: AnalysisPolicy | undefined): Diagnostic[] {
  const oldAllows = projections(notGranted, 'Allow');
  const newDenies = projections(granted, 'Deny');
  const newAllow = granted.document.statements.filter((s) => s.effect === 'Allow' && projection(s) !== undefined && !oldAllows.has(projection(s)!));
  // Stryker disable next-line ArrayDeclaration: equivalent, a text in place of no statements has no effect and is filtered out
  const lostDeny = (notGranted?.document.statements ?? []).filter((s) => s.effect === 'Deny' && projection(s) !== undefined && !newDenies.has(projection(s)!));
  if (newAllow.length === 0 && lostDeny.length === 0) return [];
  const names = [...new Set([...newAllow, ...lostDeny].flatMap((s) => [...s.principal!.Service, ...s.principal!.Federated]))];
  const where = newAllow[0] ?? lostDeny[0]!;
  return [
    {
      code: 'analysis-unmodelled-principal',
      severity: 'error',
      message: `${newAllow.length > 0 ? `\`${granted.name}\` trusts` : `\`${notGranted!.name}\` denies`} ${names.map((n) => `\`${n}\``).join(', ')} in statements the other policy does not have as written; ramguard's evaluator has no service or federated callers (M7), so what they gain cannot be witnessed`,
      path: where.sourcePath,
      help: 'review the Service and Federated principals by hand; the verdict covers RAM users, role sessions and account roots only',
    },
  ];
}
