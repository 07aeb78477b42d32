/**
 * `--format dot`: the access graph of an audit answer in Graphviz's dot language, left to right
 * from the principals to the target, every edge labelled with its relation (member-of, assumes,
 * attached, contains, grants, can-escalate-via, then, yields, restricts). `dot -Tsvg` draws it.
 */
import type { AuditResult } from '../types.js';
import { accessGraphOf, TARGET_ID, type GraphEdge, type GraphNode, type GraphNodeKind, type GraphRelation } from './access-graph.js';

/** How each kind of node looks: shape and fill. */
const NODE_STYLE: Record<GraphNodeKind, string> = {
  user: 'shape=box, style="rounded,filled", fillcolor="#dbeafe"',
  role: 'shape=box, style="rounded,filled", fillcolor="#ede9fe"',
  group: 'shape=box, style="rounded,filled", fillcolor="#e0f2fe"',
  policy: 'shape=note, style=filled, fillcolor="#fef9c3"',
  statement: 'shape=box, style=filled, fillcolor="#f1f5f9"',
  escalation: 'shape=box, style="rounded,filled,dashed", fillcolor="#fee2e2", color="#b91c1c"',
  restriction: 'shape=octagon, style=filled, fillcolor="#fde68a"',
  target: 'shape=doubleoctagon, style=filled, fillcolor="#dcfce7"',
};

/** Escalation and restriction edges stand out in colour; the rest are plain. */
const EDGE_COLOUR: Partial<Record<GraphRelation, string>> = {
  'can-escalate-via': '#b91c1c',
  then: '#b91c1c',
  yields: '#b91c1c',
  restricts: '#b45309',
};

/**
 * A dot double-quoted string: `\` and `"` escaped, line breaks as dot's `\n`, other control
 * characters dropped, so no name (`a"b`, `x\ny`, `}`) can end the string or change the graph.
 */
export function dotString(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u001f\u007f]/g, '');
  return `"${escaped}"`;
}

/** Renders an audit answer as one dot digraph (no final newline: the CLI adds it). */
export function renderDot(result: AuditResult): string {
  const graph = accessGraphOf(result);
  const lines = [
    `digraph ${dotString('ramguard audit')} {`,
    `  graph [rankdir=LR, labelloc=t, fontname="Helvetica", fontsize=12, label=${dotString(graph.title)}];`,
    '  node [fontname="Helvetica", fontsize=10];',
    '  edge [fontname="Helvetica", fontsize=9];',
    ...graph.nodes.map((node) => `  ${nodeLine(node, graph.principals.map((p) => p.ref))}`),
    `  { rank=sink; ${dotString(TARGET_ID)}; }`,
    ...graph.edges.map((edge) => `  ${edgeLine(edge)}`),
    '}',
  ];
  return lines.join('\n');
}

function nodeLine(node: GraphNode, refs: string[]): string {
  // The tooltip names whose paths pass through the node (shown by dot's SVG output on hover).
  const whose = node.kind === 'target' ? '' : `\nfor: ${node.principals.map((i) => refs[i]).join(', ')}`;
  return `${dotString(node.id)} [label=${dotString(node.label)}, tooltip=${dotString(`${node.detail}${whose}`)}, ${NODE_STYLE[node.kind]}];`;
}

function edgeLine(edge: GraphEdge): string {
  const attributes = [`label=${dotString(edge.label)}`];
  if (edge.strength === 'conditional') attributes.push('style=dashed');
  const colour = edge.strength === 'taken-away' ? '#94a3b8' : EDGE_COLOUR[edge.relation];
  if (edge.strength === 'taken-away') attributes.push('style=dotted');
  if (colour) attributes.push(`color="${colour}"`, `fontcolor="${colour}"`);
  return `${dotString(edge.from)} -> ${dotString(edge.to)} [${attributes.join(', ')}];`;
}
