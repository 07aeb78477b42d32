/**
 * The access graph as inline SVG for the html page: one box per node in left-to-right columns
 * (layout.ts), one smooth curve per edge, coloured by relation. Every node and edge carries
 * `data-p`, the indices of the principals whose paths use it, so the page's script can filter and
 * highlight without any other data. Every text is HTML-escaped.
 */
import { type AccessGraph, type GraphNode, type GraphRelation } from './access-graph.js';
import { escapeHtml } from './html-escape.js';
import { layeredLayout, type RoutedEdge } from './layout.js';

/** Monospace labels so widths can be known without a browser: 12px text, about 7.3px a character. */
const CHAR_WIDTH = 7.3;
const NODE_HEIGHT = 26;
const PADDING = 10;
/** Longer labels are cut with an ellipsis; the full text is in the node's tooltip. */
export const MAX_LABEL_CHARS = 40;
/** The target (the question) and control policies may be longer: there are few of them. */
const MAX_TARGET_CHARS = 64;

/** The relations in the legend's order, each with the words the legend shows. */
export const RELATION_LEGEND: ReadonlyArray<[GraphRelation, string]> = [
  ['member-of', 'member of group'],
  ['assumes', 'assumes role'],
  ['attached', 'policy attached'],
  ['contains', 'statement of policy'],
  ['grants', 'statement grants'],
  ['can-escalate-via', 'can escalate via'],
  ['then', 'then'],
  ['yields', 'escalation yields'],
  ['restricts', 'control / session policy takes away'],
];

/** The label as drawn: cut to MAX_LABEL_CHARS (the target's to MAX_TARGET_CHARS). */
export function shownLabel(node: Pick<GraphNode, 'kind' | 'label'>): string {
  const max = node.kind === 'target' ? MAX_TARGET_CHARS : node.kind === 'restriction' ? MAX_TARGET_CHARS - 8 : MAX_LABEL_CHARS;
  return node.label.length > max ? `${node.label.slice(0, max - 1)}…` : node.label;
}

/** Renders the graph as an `<svg>` element (a string), sized to its content. */
export function renderSvg(graph: AccessGraph): string {
  const size = (n: GraphNode) => Math.max(70, Math.ceil(shownLabel(n).length * CHAR_WIDTH) + 2 * PADDING);
  const layout = layeredLayout(
    graph.nodes.map((n) => ({ id: n.id, width: size(n), height: NODE_HEIGHT, pinLeft: n.kind === 'user' || n.kind === 'role' })),
    graph.edges.map((e) => ({ from: e.from, to: e.to })),
  );
  const routes = new Map(layout.edges.map((r) => [`${r.from}\u0000${r.to}`, r]));
  const refs = graph.principals.map((p) => p.ref);

  const edges = graph.edges.map((e) => {
    const route = routes.get(`${e.from}\u0000${e.to}`);
    if (!route) return '';
    const whose = e.principals.map((i) => refs[i]).join(', ');
    return (
      `<path class="edge rel-${e.relation} s-${e.strength}" d="${curve(route)}" data-p="${e.principals.join(' ')}" marker-end="url(#arrow-${e.relation})">` +
      `<title>${escapeHtml(`${e.label} (${e.strength === 'allow' ? 'holds' : e.strength})\nfor: ${whose}`)}</title></path>`
    );
  });
  const nodes = graph.nodes.map((n) => {
    const at = layout.nodes.get(n.id)!;
    const whose = n.kind === 'target' ? '' : `\nfor: ${n.principals.map((i) => refs[i]).join(', ')}`;
    const principal = n.kind === 'user' || n.kind === 'role' ? ` data-ref="${escapeHtml(n.label)}" tabindex="0"` : '';
    return (
      `<g class="node k-${n.kind}" data-p="${n.principals.join(' ')}"${principal} transform="translate(${at.x},${at.y})">` +
      `<rect width="${at.width}" height="${at.height}" rx="${n.kind === 'statement' ? 2 : 6}"/>` +
      `<text x="${PADDING}" y="${at.height / 2}" dominant-baseline="central">${escapeHtml(shownLabel(n))}</text>` +
      `<title>${escapeHtml(`${n.label}\n${n.detail}${whose}`)}</title></g>`
    );
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" id="graph" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-label="${escapeHtml(`access graph: ${graph.title}`)}">`,
    `<defs>${RELATION_LEGEND.map(([r]) => `<marker id="arrow-${r}" class="rel-${r}" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z"/></marker>`).join('')}</defs>`,
    `<g class="edges">${edges.join('')}</g>`,
    `<g class="nodes">${nodes.join('')}</g>`,
    '</svg>',
  ].join('\n');
}

/** A smooth left-to-right curve through the route's points (horizontal tangents at each point). */
function curve(route: RoutedEdge): string {
  const [first, ...rest] = route.points;
  if (!first) return '';
  let d = `M${round(first.x)},${round(first.y)}`;
  let previous = first;
  for (const p of rest) {
    const bend = Math.max(20, (p.x - previous.x) / 2);
    d += ` C${round(previous.x + bend)},${round(previous.y)} ${round(p.x - bend)},${round(p.y)} ${round(p.x)},${round(p.y)}`;
    previous = p;
  }
  return d;
}

const round = (n: number) => Math.round(n * 10) / 10;
