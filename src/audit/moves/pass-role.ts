/**
 * `pass-role` (W31): pass a role to a cloud service that then acts with the role's permissions —
 * an ECS instance the principal runs, a function it creates. The role must be a service role of a
 * service ramguard knows (src/catalog/service-roles.ts: its trust policy lets the service assume
 * it), and the actor must be allowed `ram:PassRole` on the role with `acs:Service` set to the
 * service, AND the service's own action that takes the role. The actor then acts as the role,
 * through the service: reported as `possible`, since whether it can make the service call what it
 * wants (run code on the instance, invoke the function) is outside RAM.
 */
import { TRUE } from '../../eval/residual.js';
import { compileActionPatterns, lowerCaseAction } from '../../match/action.js';
import type { PolicyDocument } from '../../policy/types.js';
import { SERVICE_LINKED_PREFIX, SERVICE_ROLES, type ServiceRoleRow } from '../../catalog/service-roles.js';
import type { EscalationSearch, Move } from '../escalation.js';
import { mayAllow } from '../model.js';
import type { AuditPrincipal } from '../types.js';
import { ASSUME, both, ramArn, step } from './common.js';
import type { Actor } from './types.js';

export const PASS_ROLE = 'ram:PassRole';

/** The services a trust policy lets assume the role: Allow statements for `sts:AssumeRole` naming a `Service` principal (a Deny naming it takes it back). */
export function trustedServices(trust: PolicyDocument): ReadonlySet<string> {
  const assume = lowerCaseAction(ASSUME);
  const names = (effect: 'Allow' | 'Deny') =>
    trust.statements.filter((s) => s.effect === effect && s.actions !== undefined && compileActionPatterns(s.actions).some((m) => m.test(assume))).flatMap((s) => (s.principal?.Service ?? []).map((x) => x.toLowerCase()));
  const denied = new Set(names('Deny'));
  return new Set(names('Allow').filter((s) => !denied.has(s) && !denied.has('*')));
}

/** Fills a row's ARN template for one role. */
const fill = (template: string, accountId: string, role: string) => template.replaceAll('{#accountId}', accountId).replaceAll('{#RoleName}', role);

/** The first service the role can be passed to by the actor: the step, or none. */
export function passRole(search: EscalationSearch, actor: Actor, target: AuditPrincipal): Move[] {
  const { model } = search.audit;
  const { snapshot, session } = model;
  if (target.kind !== 'role') return [];
  // Only services whose own action the actor's policies can allow at all (no evaluation).
  const rows = SERVICE_ROLES.filter((row) => mayAllow(session, actor.policies, row.action));
  if (rows.length === 0) return [];
  const role = snapshot.roles[model.indexOf(target.ref)]!;
  // A service-linked role is the service's own (W20 records it; its name says so when not recorded).
  if (role.serviceLinked === true || role.name.startsWith(SERVICE_LINKED_PREFIX)) return [];
  let services = search.servicesOf.get(role.trustPolicy);
  if (!services) search.servicesOf.set(role.trustPolicy, (services = trustedServices(role.trustPolicy)));
  if (services.size === 0) return [];
  const arn = ramArn(snapshot, 'role', target.name);
  for (const row of rows) {
    if (!services.has(row.service)) continue;
    const pass = search.permitted(actor.principal, PASS_ROLE, [arn], { 'acs:Service': row.service });
    const take = pass && search.permitted(actor.principal, row.action, row.resources.map((r) => fill(r, snapshot.accountId, target.name)));
    if (!pass || !take) continue;
    const made = step(actor.principal, 'pass-role', PASS_ROLE, arn, { kind: 'role', name: target.name }, both(pass, take), TRUE, message(row, target.name));
    return [{ becomes: target, step: { ...made, service: row.service } }];
  }
  return [];
}

function message(row: ServiceRoleRow, role: string): string {
  return `pass role \`${role}\` to \`${row.service}\` (with \`${row.action}\`) and act with its permissions through ${row.name}: ${row.how}`;
}
