/**
 * Collects the nodes and edges of an access graph, merging repeats: a node or edge met again on
 * another path gains that path's principal, and an edge keeps the strongest of its paths and
 * every qualifier (scope, instances, actions) it was met with.
 */
import type { EdgeStrength, GraphEdge, GraphNode, GraphNodeKind, GraphRelation } from './access-graph.js';

/** Collects nodes and edges; `nodes()` and `edges()` give them with sorted principal indices. */
export class GraphBuilder {
  // Sets, not arrays: a node such as a widely attached policy is reached by thousands of principals.
  private readonly nodeMap = new Map<string, { node: GraphNode; principals: Set<number> }>();
  private readonly edgeMap = new Map<string, { edge: GraphEdge; qualifiers: Set<string>; principals: Set<number> }>();

  node(id: string, kind: GraphNodeKind, label: string, detail: string, principals: number[]): void {
    const known = this.nodeMap.get(id);
    if (!known) this.nodeMap.set(id, { node: { id, kind, label, detail, principals: [] }, principals: new Set(principals) });
    else principals.forEach((p) => known.principals.add(p));
  }

  edge(from: string, to: string, relation: GraphRelation, qualifiers: string[], strength: EdgeStrength, principal: number): void {
    const key = `${from}\u0000${to}\u0000${relation}`;
    let entry = this.edgeMap.get(key);
    if (!entry) {
      entry = { edge: { from, to, relation, label: relation, strength, principals: [] }, qualifiers: new Set(), principals: new Set() };
      this.edgeMap.set(key, entry);
    }
    qualifiers.forEach((q) => entry.qualifiers.add(q));
    // An edge is as strong as the strongest path through it.
    entry.edge.strength = strongest(entry.edge.strength, strength);
    entry.principals.add(principal);
  }

  nodes(): GraphNode[] {
    return [...this.nodeMap.values()].map(({ node, principals }) => ({ ...node, principals: sorted(principals) }));
  }

  edges(): GraphEdge[] {
    return [...this.edgeMap.values()].map(({ edge, qualifiers, principals }) => ({
      ...edge,
      principals: sorted(principals),
      label: qualifiers.size > 0 ? `${edge.relation} (${summarise([...qualifiers])})` : edge.relation,
    }));
  }
}

const sorted = (set: Set<number>) => [...set].sort((a, b) => a - b);

const STRENGTH_ORDER: readonly EdgeStrength[] = ['taken-away', 'conditional', 'allow'];
const strongest = (a: EdgeStrength, b: EdgeStrength) => (STRENGTH_ORDER.indexOf(a) >= STRENGTH_ORDER.indexOf(b) ? a : b);
/** The weaker of two strengths (a path is as weak as its weakest part). */
export const weakest = (a: EdgeStrength, b: EdgeStrength) => (STRENGTH_ORDER.indexOf(a) <= STRENGTH_ORDER.indexOf(b) ? a : b);

/** `a, b, c` or `a, b, c +4 more`: an edge label stays one short line. */
function summarise(items: string[]): string {
  const shown = items.slice(0, 3).join(', ');
  return items.length > 3 ? `${shown} +${items.length - 3} more` : shown;
}
