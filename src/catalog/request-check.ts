/**
 * What a request's action and resource look like against the catalog, before it is evaluated. A
 * typo decides silently otherwise: with `cams:*` allowed and `cams:DeleteInstance` denied,
 * `cams:DeleteInstanse` is allowed — by a policy that never meant it. So `eval` and `preflight`
 * warn on an action the catalog does not know (with did-you-mean) and on a resource that is not
 * an ARN, and refuse an action with a character outside ASCII: RAM's action names are ASCII, and
 * a look-alike (`ſ`, U+017F) or an invisible character (U+200B) is never a real action.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { actionMiss } from './action-miss.js';
import { closest, didYouMean } from './suggest.js';
import type { Catalog } from './types.js';

const at = (code: DiagnosticCode, severity: Diagnostic['severity'], message: string, path: string, help?: string): Diagnostic => ({ code, severity, message, path, ...(help !== undefined ? { help } : {}) });

/** The first character outside printable ASCII, as `U+XXXX`, or undefined. */
function firstNonAscii(text: string): string | undefined {
  for (const c of text) {
    const code = c.codePointAt(0)!;
    if (code < 0x21 || code > 0x7e) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return undefined;
}

/** An ARN as RAM writes one: `acs:<service>:<region>:<account>:<resource>` (region and account may be empty or `*`). */
const ARN = /^acs:[A-Za-z0-9*?-]*:[^:]*:[^:]*:.+$/s;

/** Warnings (and errors, for non-ASCII actions) about a request's action and resource. */
export function checkRequestNames(request: { action: string; resource: string }, catalog: Catalog): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const { action, resource } = request;
  const nonAscii = firstNonAscii(action);
  if (nonAscii !== undefined) {
    problems.push(at('invalid-action', 'error', `the action \`${action}\` has the character ${nonAscii}: RAM action names are ASCII letters and digits`, '/action', 'retype the action name; a look-alike or invisible character never matches a real action'));
  } else {
    const colon = action.indexOf(':');
    const service = colon > 0 ? catalog.services.get(action.slice(0, colon).toLowerCase()) : undefined;
    if (colon <= 0 || colon === action.length - 1) {
      problems.push(at('invalid-action', 'error', `the action \`${action}\` is not \`service:Action\``, '/action', 'e.g. `cams:UpdateInstance`'));
    } else if (!service) {
      const names = closest(action.slice(0, colon), catalog.services.keys(), 1);
      problems.push(at('unknown-service', 'warning', `the catalog has no service \`${action.slice(0, colon)}\`: the action cannot be checked for typos`, '/action', didYouMean(names) ?? 'see `ramguard catalog services`'));
    } else {
      // A service whose list may miss real actions (docs/catalog.md, "Coverage") cannot call one a
      // typo (K5): only a near miss of a listed action is worth a word there (K8).
      const miss = actionMiss(catalog, action);
      if (miss?.kind === 'unknown') problems.push(at('unknown-action', 'warning', `\`${service.service}\` has no action \`${action.slice(colon + 1)}\`: a policy's wildcard may still match it, and the answer is for that name`, '/action', didYouMean(miss.suggestion !== undefined ? [miss.suggestion] : []) ?? `\`ramguard catalog actions ${service.service}:*\` lists its actions`));
      else if (miss?.kind === 'unlisted') problems.push(at('unlisted-action', 'warning', `\`${service.service}\` lists no action \`${action.slice(colon + 1)}\` (its list may be incomplete)`, '/action', didYouMean([miss.suggestion])!));
    }
  }
  if (resource !== '*' && !ARN.test(resource)) {
    problems.push(at('resource-not-arn', 'warning', `the resource \`${resource}\` is not an ARN (\`acs:service:region:account:resource\`)`, '/resource', 'e.g. `acs:cams:ap-southeast-1:1234567890123456:instance/ins-1`; policies match the whole ARN'));
  }
  return problems;
}
