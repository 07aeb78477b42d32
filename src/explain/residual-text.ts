/** Renders a residual formula for people: `acs:SourceIp` IpAddress `10.0.0.0/8` and not (...). */
import type { Residual } from '../decision/types.js';

function values(v: string[]): string {
  return v.length === 1 ? `\`${v[0]}\`` : `one of ${v.map((x) => `\`${x}\``).join(', ')}`;
}

/** One line of text for a residual formula. */
export function renderResidual(p: Residual): string {
  switch (p.kind) {
    case 'true':
      return 'always';
    case 'false':
      return 'never';
    case 'condition':
      return `\`${p.key}\` ${p.operator} ${values(p.values)}`;
    case 'resource-group':
      return `the resource is in resource group \`${p.resourceGroup}\``;
    case 'not':
      return `not (${renderResidual(p.of)})`;
    case 'and':
    case 'or':
      return p.of.map((q) => (q.kind === 'and' || q.kind === 'or' ? `(${renderResidual(q)})` : renderResidual(q))).join(` ${p.kind} `);
  }
}
