/**
 * error: a statement whose actions act on known resource types only, and a Resource of their
 * service that fits none of those types (`cams:UpdateInstance` on `acs:cams:*:*:template/x`): the
 * line can never match a request. Lint claims a mismatch only when it knows every action of the
 * statement (concrete, in the catalog, with documented resource types): an action with `all` or
 * `unknown` resources, or a wildcard, makes the statement unchecked.
 */
import { lookupAction, resourceTypesOf } from '../../catalog/query.js';
import type { Catalog, ResourceType } from '../../catalog/types.js';
import { hasWildcard } from '../../match/wildcard.js';
import type { LintRule } from '../types.js';
import { writtenItems } from '../written.js';

/** The service part of an ARN or ARN template (`acs:<service>:...`). */
const serviceOf = (arn: string): string | undefined => /^acs:([^:]*):/.exec(arn)?.[1];

/**
 * True when two RAM wildcard patterns (`*` any run, `?` one character) match a common string:
 * a search over pairs of positions, linear in the product of the lengths — no backtracking.
 */
function patternsOverlap(p: string, q: string): boolean {
  const width = q.length + 1;
  const seen = new Uint8Array((p.length + 1) * width);
  const stack: [number, number][] = [[0, 0]];
  while (stack.length > 0) {
    const [i, j] = stack.pop()!;
    if (seen[i * width + j]) continue;
    seen[i * width + j] = 1;
    if (i === p.length && j === q.length) return true;
    const a = p[i];
    const b = q[j];
    if (a === '*') stack.push([i + 1, j]);
    if (b === '*') stack.push([i, j + 1]);
    if (a === undefined || b === undefined) continue;
    if (a === '*' && b !== '*') stack.push([i, j + 1]);
    else if (b === '*' && a !== '*') stack.push([i + 1, j]);
    else if (a !== '*' && (a === '?' || b === '?' || a === b)) stack.push([i + 1, j + 1]);
  }
  return false;
}

/**
 * True when a resource pattern may name a resource of a template pattern. Both are compared part
 * by part (`acs`, service, region, account, relative id), so a `*` does not reach across `:` —
 * otherwise `acs:cams:*:*:template/x` could "fit" an instance whose id contains `:template/x`. A
 * resource of fewer than five parts (`acs:cams:*`) is compared as a whole.
 */
function fits(template: string, resource: string): boolean {
  const t = template.split(':');
  const r = resource.split(':');
  if (t.length < 5 || r.length < 5) return patternsOverlap(template, resource);
  for (let i = 0; i < 4; i++) if (!patternsOverlap(t[i]!, r[i]!)) return false;
  return patternsOverlap(t.slice(4).join(':'), r.slice(4).join(':'));
}

/** Five parts and a relative id, or a trailing `*` (anything else is malformed-arn's finding). */
function wellFormed(resource: string): boolean {
  const parts = resource.split(':');
  return resource.endsWith('*') || (parts.length >= 5 && parts.slice(4).join(':') !== '');
}

/** The resource types of the statement's actions, when lint knows all of them; undefined otherwise. */
function knownTypes(catalog: Catalog, actions: string[]): { actions: string[]; types: ResourceType[] } | undefined {
  const names: string[] = [];
  const types: ResourceType[] = [];
  for (const name of actions) {
    if (hasWildcard(name)) return undefined;
    const action = lookupAction(catalog, name);
    if (!action || !Array.isArray(action.resources)) return undefined;
    const own = resourceTypesOf(catalog, action);
    if (own.length === 0) return undefined;
    names.push(action.fullName);
    for (const t of own) if (!types.includes(t)) types.push(t);
  }
  return { actions: names, types };
}

export const resourceTypeMismatch: LintRule = {
  id: 'resource-type-mismatch',
  severity: 'error',
  title: 'a Resource that is none of the resource types the statement’s actions act on',
  help: 'write an ARN of the type the actions act on (`ramguard catalog show <action>` shows it), or move the resource to a statement of its own actions',
  check({ policy, raw, catalog, report }) {
    for (const s of policy.statements) {
      if (!s.actions || !s.resources) continue;
      const known = knownTypes(catalog, s.actions);
      if (!known) continue;
      const services = new Set(known.types.map((t) => serviceOf(t.arn)));
      for (const [resource, path] of writtenItems(raw, s, 'Resource')) {
        const service = serviceOf(resource);
        if (resource === '*' || service === undefined || hasWildcard(service) || !services.has(service) || !wellFormed(resource)) continue;
        if (known.types.some((t) => fits(t.matcher.pattern, resource))) continue;
        const types = known.types.map((t) => `\`${t.name}\` (\`${t.arn}\`)`).join(', ');
        report({ path, message: `\`${resource}\` is none of the resource types of ${known.actions.map((a) => `\`${a}\``).join(', ')}: ${types}` });
      }
    }
  },
};
