/**
 * A small layered (Sugiyama-style) layout for left-to-right graphs: columns by longest path with
 * everything but the sources pushed right toward what it leads to (so policies line up in one
 * column and statements in the next), edges longer than one column routed through dummy points,
 * rows ordered by barycenter sweeps to cut crossings, and rows pulled toward their neighbours.
 * Generic: knows nothing of audits; positions only, no drawing.
 */

/** A node to place: its size in pixels. `pinLeft`: a source that stays in the first column. */
export interface LayoutNodeInput {
  id: string;
  width: number;
  height: number;
  pinLeft: boolean;
}

export interface LayoutEdgeInput {
  from: string;
  to: string;
}

/** A placed node: top-left corner, size, column. */
export interface PlacedNode {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  column: number;
}

/** A routed edge: from the source's right side through dummy points to the target's left side. */
export interface RoutedEdge {
  from: string;
  to: string;
  points: Array<{ x: number; y: number }>;
}

export interface Layout {
  width: number;
  height: number;
  nodes: Map<string, PlacedNode>;
  /** In the order of the input edges. */
  edges: RoutedEdge[];
}

/** Spacing, in pixels. */
export const LAYOUT_SPACING = { columnGap: 80, rowGap: 14, margin: 16, dummyHeight: 4 };

interface Slot {
  id: string;
  width: number;
  height: number;
  column: number;
  y: number;
  /** Slots in the previous and next column it is joined to (for ordering and alignment). */
  left: Slot[];
  right: Slot[];
}

/** Lays out a graph. Unknown edge ends and self-loops are ignored; cycles are broken, not rejected. */
export function layeredLayout(nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[]): Layout {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const forward = acyclicEdges(nodes, edges.filter((e) => byId.has(e.from) && byId.has(e.to) && e.from !== e.to));
  const column = assignColumns(nodes, forward);

  // One slot per node, plus one dummy slot per column an edge crosses.
  const slots = new Map<string, Slot>(nodes.map((n) => [n.id, { id: n.id, width: n.width, height: n.height, column: column.get(n.id)!, y: 0, left: [], right: [] }]));
  const chains = new Map<string, Slot[]>();
  forward.forEach((e, i) => {
    const chain = [slots.get(e.from)!];
    for (let c = column.get(e.from)! + 1; c < column.get(e.to)!; c++) {
      const dummy: Slot = { id: `\u0000dummy:${i}:${c}`, width: 0, height: LAYOUT_SPACING.dummyHeight, column: c, y: 0, left: [], right: [] };
      slots.set(dummy.id, dummy);
      chain.push(dummy);
    }
    chain.push(slots.get(e.to)!);
    for (let k = 1; k < chain.length; k++) {
      chain[k - 1]!.right.push(chain[k]!);
      chain[k]!.left.push(chain[k - 1]!);
    }
    chains.set(`${e.from}\u0000${e.to}`, chain);
  });

  const columns = orderColumns([...slots.values()]);
  const columnX = placeColumns(columns);
  placeRows(columns);

  const placed = new Map<string, PlacedNode>();
  for (const n of nodes) {
    const s = slots.get(n.id)!;
    placed.set(n.id, { id: n.id, x: columnX[s.column]!, y: s.y, width: n.width, height: n.height, column: s.column });
  }
  const centreY = (s: Slot) => s.y + s.height / 2;
  const routed = edges
    .filter((e) => placed.has(e.from) && placed.has(e.to) && e.from !== e.to)
    .map((e) => {
      const chain = chains.get(`${e.from}\u0000${e.to}`);
      const from = placed.get(e.from)!;
      const to = placed.get(e.to)!;
      // Dummy points sit in the middle of their column; a back edge goes straight across.
      const middle = (chain ?? []).slice(1, -1).map((s) => ({ x: columnX[s.column]! + columnWidth(columns[s.column]!) / 2, y: centreY(s) }));
      return { from: e.from, to: e.to, points: [{ x: from.x + from.width, y: from.y + from.height / 2 }, ...middle, { x: to.x, y: to.y + to.height / 2 }] };
    });
  const width = columnX.length === 0 ? 2 * LAYOUT_SPACING.margin : columnX[columnX.length - 1]! + columnWidth(columns[columns.length - 1]!) + LAYOUT_SPACING.margin;
  const height = Math.max(0, ...[...slots.values()].map((s) => s.y + s.height)) + LAYOUT_SPACING.margin;
  return { width, height, nodes: placed, edges: routed };
}

/** The edges that go forward in a depth-first order from the nodes' order; back edges dropped. */
function acyclicEdges(nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[]): LayoutEdgeInput[] {
  const out = new Map<string, LayoutEdgeInput[]>();
  for (const e of edges) out.set(e.from, [...(out.get(e.from) ?? []), e]);
  const state = new Map<string, 'open' | 'done'>();
  const kept: LayoutEdgeInput[] = [];
  const seen = new Set<string>();
  for (const start of nodes) {
    if (state.has(start.id)) continue;
    // Iterative DFS: a deep escalation or role chain must not overflow the stack.
    const stack: Array<{ id: string; next: number }> = [{ id: start.id, next: 0 }];
    state.set(start.id, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const list = out.get(top.id) ?? [];
      if (top.next >= list.length) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      const e = list[top.next++]!;
      const key = `${e.from}\u0000${e.to}`;
      if (state.get(e.to) === 'open' || seen.has(key)) continue; // a back edge, or a repeat
      seen.add(key);
      kept.push(e);
      if (!state.has(e.to)) {
        state.set(e.to, 'open');
        stack.push({ id: e.to, next: 0 });
      }
    }
  }
  return kept;
}

/** Longest path from the sources, then every node but pinned sources pushed right to its successors. */
function assignColumns(nodes: readonly LayoutNodeInput[], edges: readonly LayoutEdgeInput[]): Map<string, number> {
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const e of edges) {
    incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
    outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e.to]);
  }
  const order = topologicalOrder(nodes.map((n) => n.id), incoming, outgoing);
  const column = new Map<string, number>();
  for (const id of order) column.set(id, Math.max(0, ...(incoming.get(id) ?? []).map((p) => column.get(p)! + 1)));
  const pinned = new Set(nodes.filter((n) => n.pinLeft && !incoming.has(n.id)).map((n) => n.id));
  for (const id of [...order].reverse()) {
    const next = outgoing.get(id);
    if (pinned.has(id) || !next) continue;
    column.set(id, Math.min(...next.map((s) => column.get(s)! - 1)));
  }
  // A sink that is not the last column (an edge-less node) stays where longest path put it.
  return column;
}

function topologicalOrder(ids: string[], incoming: Map<string, string[]>, outgoing: Map<string, string[]>): string[] {
  const waiting = new Map(ids.map((id) => [id, incoming.get(id)?.length ?? 0]));
  const ready = ids.filter((id) => waiting.get(id) === 0);
  const order: string[] = [];
  while (ready.length > 0) {
    const id = ready.shift()!;
    order.push(id);
    for (const next of outgoing.get(id) ?? []) {
      const left = waiting.get(next)! - 1;
      waiting.set(next, left);
      if (left === 0) ready.push(next);
    }
  }
  return order;
}

/** Slots by column, each column ordered by alternating barycenter sweeps (the fewest crossings kept). */
function orderColumns(slots: Slot[]): Slot[][] {
  const count = Math.max(-1, ...slots.map((s) => s.column)) + 1;
  let columns: Slot[][] = Array.from({ length: count }, () => []);
  for (const s of slots) columns[s.column]!.push(s);
  let best = columns.map((c) => [...c]);
  let bestCrossings = crossings(best);
  for (let sweep = 0; sweep < 8 && bestCrossings > 0; sweep++) {
    const down = sweep % 2 === 0;
    const range = down ? [...Array(count).keys()].slice(1) : [...Array(count).keys()].reverse().slice(1);
    for (const c of range) {
      const neighbours = down ? columns[c - 1]! : columns[c + 1]!;
      const position = new Map(neighbours.map((s, i) => [s, i]));
      const centre = (s: Slot, i: number) => {
        const joined = (down ? s.left : s.right).map((n) => position.get(n)).filter((p): p is number => p !== undefined);
        return joined.length === 0 ? i : joined.reduce((a, b) => a + b, 0) / joined.length;
      };
      const keyed = columns[c]!.map((s, i) => ({ s, key: centre(s, i), i }));
      keyed.sort((a, b) => a.key - b.key || a.i - b.i);
      columns[c] = keyed.map((k) => k.s);
    }
    const now = crossings(columns);
    if (now < bestCrossings) {
      best = columns.map((c) => [...c]);
      bestCrossings = now;
    }
  }
  columns = best;
  return columns;
}

/** Edge crossings between neighbouring columns (pairs of edges whose ends swap order). */
function crossings(columns: Slot[][]): number {
  let total = 0;
  for (let c = 0; c + 1 < columns.length; c++) {
    const position = new Map(columns[c + 1]!.map((s, i) => [s, i]));
    const pairs = columns[c]!.flatMap((s, i) => s.right.map((r) => [i, position.get(r) ?? 0] as const));
    for (let a = 0; a < pairs.length; a++) {
      for (let b = a + 1; b < pairs.length; b++) {
        const [a0, a1] = pairs[a]!;
        const [b0, b1] = pairs[b]!;
        if ((a0 - b0) * (a1 - b1) < 0) total++;
      }
    }
  }
  return total;
}

const columnWidth = (column: Slot[]) => Math.max(0, ...column.map((s) => s.width));

/** The left x of each column. */
function placeColumns(columns: Slot[][]): number[] {
  const xs: number[] = [];
  let x = LAYOUT_SPACING.margin;
  for (const column of columns) {
    xs.push(x);
    x += Math.max(columnWidth(column), 8) + LAYOUT_SPACING.columnGap;
  }
  return xs;
}

/** Stacks each column, then pulls slots toward the middle of their neighbours, keeping order and gaps. */
function placeRows(columns: Slot[][]): void {
  for (const column of columns) stack(column, column.map(() => 0));
  const centre = (s: Slot) => s.y + s.height / 2;
  // An odd number of passes ends going right, so the target settles among what leads to it.
  for (let pass = 0; pass < 7; pass++) {
    const down = pass % 2 === 0;
    const order = down ? columns.slice(1) : [...columns].reverse().slice(1);
    for (const column of order) {
      const wanted = column.map((s) => {
        const joined = down ? s.left : s.right;
        return joined.length === 0 ? s.y : joined.reduce((sum, n) => sum + centre(n), 0) / joined.length - s.height / 2;
      });
      stack(column, wanted);
    }
  }
  const top = Math.min(...columns.flatMap((c) => c.map((s) => s.y)));
  for (const column of columns) for (const s of column) s.y += LAYOUT_SPACING.margin - top;
}

/** Places a column's slots at their wanted y where possible, in order, never overlapping. */
function stack(column: Slot[], wanted: number[]): void {
  let floor = -Infinity;
  column.forEach((s, i) => {
    s.y = Math.max(wanted[i]!, floor);
    floor = s.y + s.height + LAYOUT_SPACING.rowGap;
  });
}
