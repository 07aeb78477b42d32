/** The layered layout: columns, alignment, routing through columns, crossings, overlaps, cycles. */
import { describe, expect, it } from 'vitest';
import { accessGraphOf } from '../../src/audit/render/access-graph.js';
import { layeredLayout, LAYOUT_SPACING, type Layout, type LayoutEdgeInput, type LayoutNodeInput } from '../../src/audit/render/layout.js';
import { EXAMPLE_SNAPSHOT, whoCanOf } from './fixtures.js';

const box = (id: string, pinLeft = false, width = 100): LayoutNodeInput => ({ id, width, height: 26, pinLeft });
const edge = (from: string, to: string): LayoutEdgeInput => ({ from, to });

/** Nodes of one column never overlap (the row gap stays between them). */
function expectNoOverlap(layout: Layout): void {
  const byColumn = new Map<number, Array<{ y: number; height: number }>>();
  for (const n of layout.nodes.values()) byColumn.set(n.column, [...(byColumn.get(n.column) ?? []), n]);
  for (const column of byColumn.values()) {
    const sorted = [...column].sort((a, b) => a.y - b.y);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.y).toBeGreaterThanOrEqual(sorted[i - 1]!.y + sorted[i - 1]!.height + LAYOUT_SPACING.rowGap - 1e-9);
  }
}

describe('layeredLayout', () => {
  it('puts pinned sources first and lines policies up in one column however long the way to them', () => {
    // u1 → g → p1 → s1 → t, and u2 → p2 → s2 → t: p1 and p2 share a column, so do s1 and s2.
    const layout = layeredLayout(
      [box('u1', true), box('u2', true), box('g'), box('p1'), box('p2'), box('s1'), box('s2'), box('t')],
      [edge('u1', 'g'), edge('g', 'p1'), edge('p1', 's1'), edge('s1', 't'), edge('u2', 'p2'), edge('p2', 's2'), edge('s2', 't')],
    );
    const column = (id: string) => layout.nodes.get(id)!.column;
    expect([column('u1'), column('u2')]).toEqual([0, 0]);
    expect(column('p2')).toBe(column('p1'));
    expect(column('s2')).toBe(column('s1'));
    expect(column('t')).toBe(4);
  });

  it('routes an edge across columns through one point per column crossed, from right side to left side', () => {
    const layout = layeredLayout([box('u1', true), box('u2', true), box('g'), box('p1'), box('p2'), box('t')], [edge('u1', 'g'), edge('g', 'p1'), edge('u2', 'p2'), edge('p1', 't'), edge('p2', 't')]);
    const long = layout.edges.find((e) => e.from === 'u2')!;
    expect(layout.nodes.get('p2')!.column - layout.nodes.get('u2')!.column).toBe(2);
    expect(long.points).toHaveLength(3);
    const u2 = layout.nodes.get('u2')!;
    const p2 = layout.nodes.get('p2')!;
    expect(long.points[0]).toEqual({ x: u2.x + u2.width, y: u2.y + u2.height / 2 });
    expect(long.points[2]).toEqual({ x: p2.x, y: p2.y + p2.height / 2 });
  });

  it('orders rows to undo a crossing', () => {
    // Input order a1, a2 / b1, b2 with a1 → b2 and a2 → b1 crosses; the layout must not.
    const layout = layeredLayout([box('a1', true), box('a2', true), box('b1'), box('b2')], [edge('a1', 'b2'), edge('a2', 'b1')]);
    const y = (id: string) => layout.nodes.get(id)!.y;
    expect(Math.sign(y('a1') - y('a2'))).toBe(Math.sign(y('b2') - y('b1')));
  });

  it('gives every column room for its widest node and keeps nodes of a column apart', () => {
    const layout = layeredLayout([box('a', true, 300), box('b', true, 40), box('c', false, 80)], [edge('a', 'c'), edge('b', 'c')]);
    expect(layout.nodes.get('c')!.x).toBeGreaterThanOrEqual(layout.nodes.get('a')!.x + 300 + LAYOUT_SPACING.columnGap);
    expect(layout.width).toBeGreaterThanOrEqual(layout.nodes.get('c')!.x + 80);
    expectNoOverlap(layout);
  });

  it('breaks a cycle instead of looping, and still routes every edge', () => {
    const layout = layeredLayout([box('a', true), box('b'), box('c')], [edge('a', 'b'), edge('b', 'c'), edge('c', 'b')]);
    expect(layout.edges).toHaveLength(3);
    expect(layout.nodes.get('c')!.column).toBeGreaterThan(layout.nodes.get('b')!.column);
  });

  it('lays out nothing as an empty picture and ignores edges to unknown nodes and self-loops', () => {
    expect(layeredLayout([], []).nodes.size).toBe(0);
    const layout = layeredLayout([box('a', true)], [edge('a', 'zz'), edge('a', 'a')]);
    expect(layout.edges).toEqual([]);
    expect(layout.nodes.get('a')!.column).toBe(0);
  });

  it('lays out the example account: edges only go right, nothing overlaps, everything inside the picture', () => {
    const graph = accessGraphOf(whoCanOf(EXAMPLE_SNAPSHOT, { action: 'cams:UpdateInstance', allResources: true }));
    const layout = layeredLayout(
      graph.nodes.map((n) => box(n.id, n.kind === 'user' || n.kind === 'role', 10 * n.label.length)),
      graph.edges.map((e) => edge(e.from, e.to)),
    );
    for (const e of graph.edges) expect(layout.nodes.get(e.to)!.column, `${e.from} → ${e.to}`).toBeGreaterThan(layout.nodes.get(e.from)!.column);
    for (const n of layout.nodes.values()) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(layout.width);
      expect(n.y + n.height).toBeLessThanOrEqual(layout.height);
    }
    expectNoOverlap(layout);
  });
});
