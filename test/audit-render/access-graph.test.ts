/**
 * The access graph both renderers draw: shared nodes and whose paths use them, edge strength and
 * qualifiers merged over paths, escalation chains of several moves, and the escalation cap.
 */
import { describe, expect, it } from 'vitest';
import { accessGraphOf, TARGET_ID, type AccessGraph } from '../../src/audit/render/access-graph.js';
import { GraphBuilder } from '../../src/audit/render/graph-builder.js';
import { MAX_GRAPH_ESCALATIONS, renderHtml } from '../../src/audit/render/html.js';
import { ESCALATION_SNAPSHOT, EXAMPLE_SNAPSHOT, whoCanOf } from './fixtures.js';

const example = whoCanOf(EXAMPLE_SNAPSHOT, { action: 'cams:UpdateInstance', allResources: true });
const escalating = whoCanOf(ESCALATION_SNAPSHOT, { action: 'cams:UpdateInstance' });
const indexOf = (graph: AccessGraph, ref: string) => graph.principals.findIndex((p) => p.ref === ref);
const nodeLabelled = (graph: AccessGraph, label: string) => graph.nodes.find((n) => n.label === label);
const edgesFrom = (graph: AccessGraph, id: string) => graph.edges.filter((e) => e.from === id);

describe('accessGraphOf', () => {
  const graph = accessGraphOf(example);

  it('has one target and one node per principal, group, role and policy, shared by whoever uses it', () => {
    expect(graph.nodes.filter((n) => n.id === TARGET_ID)).toHaveLength(1);
    expect(new Set(graph.nodes.map((n) => n.id)).size).toBe(graph.nodes.length);
    const developers = nodeLabelled(graph, 'group/developers')!;
    expect(developers.principals).toEqual([indexOf(graph, 'user/bob'), indexOf(graph, 'user/carol')].sort((a, b) => a - b));
    // role/deployer is both a principal of the answer and the role ci-bot assumes: one node.
    expect(graph.nodes.filter((n) => n.label === 'role/deployer')).toHaveLength(1);
    expect(nodeLabelled(graph, 'role/deployer')!.principals).toEqual([indexOf(graph, 'user/ci-bot'), indexOf(graph, 'role/deployer')].sort((a, b) => a - b));
  });

  it('marks every node and edge but the target with the principals whose paths use it', () => {
    for (const n of graph.nodes) if (n.id !== TARGET_ID) expect(n.principals.length, n.id).toBeGreaterThan(0);
    for (const e of graph.edges) expect(e.principals.length, `${e.from} → ${e.to}`).toBeGreaterThan(0);
  });

  it('follows a Conditional path, conditional all the way, with its condition on the statement', () => {
    const statement = nodeLabelled(graph, 'Allow #1 UpdateProdInstancesFromOffice')!;
    expect(statement.detail).toContain('only if `acs:SourceIp` IpAddress');
    const path = graph.edges.filter((e) => e.principals.includes(indexOf(graph, 'user/alice')));
    expect(path.map((e) => e.relation)).toEqual(['attached', 'contains', 'grants']);
    expect(new Set(path.map((e) => e.strength))).toEqual(new Set(['conditional']));
  });
});

describe('escalation chains', () => {
  const graph = accessGraphOf(escalating);
  const eve = indexOf(graph, 'user/eve');

  it('draws a two-move chain: can-escalate-via, then, yields as the user taken over', () => {
    const first = edgesFrom(graph, 'user:eve');
    expect(first).toHaveLength(1);
    expect(first[0]!.relation).toBe('can-escalate-via');
    expect(nodeLabelled(graph, 'ram:CreateAccessKey → user/helpdesk')!.id).toBe(first[0]!.to);
    const then = edgesFrom(graph, first[0]!.to);
    expect(then.length).toBe(escalating.principals.find((p) => p.principal.ref === 'user/eve')!.escalations.length);
    expect(new Set(then.map((e) => e.relation))).toEqual(new Set(['then']));
    const yields = edgesFrom(graph, then[0]!.to);
    expect(yields).toEqual([expect.objectContaining({ to: TARGET_ID, relation: 'yields', label: expect.stringMatching(/^yields \(as user\/op-\d+\)$/) })]);
    // The move helpdesk makes is one node, on helpdesk's own chains and on eve's.
    expect(graph.nodes.find((n) => n.id === then[0]!.to)!.principals).toEqual([indexOf(graph, 'user/helpdesk'), eve].sort((a, b) => a - b));
  });

  it(`draws at most the asked number of escalations per principal and one +N more node`, () => {
    const helpdesk = escalating.principals.find((p) => p.principal.ref === 'user/helpdesk')!;
    expect(helpdesk.escalations.length).toBeGreaterThan(MAX_GRAPH_ESCALATIONS);
    expect(edgesFrom(accessGraphOf(escalating), 'user:helpdesk')).toHaveLength(helpdesk.escalations.length);
    const capped = accessGraphOf(escalating, { maxEscalationsPerPrincipal: MAX_GRAPH_ESCALATIONS });
    const moves = edgesFrom(capped, 'user:helpdesk');
    expect(moves).toHaveLength(MAX_GRAPH_ESCALATIONS + 1);
    const more = nodeLabelled(capped, `+${helpdesk.escalations.length - MAX_GRAPH_ESCALATIONS} more escalations`)!;
    expect(moves.map((e) => e.to)).toContain(more.id);
    expect(edgesFrom(capped, more.id)).toEqual([expect.objectContaining({ to: TARGET_ID, relation: 'yields' })]);
  });

  it('lists every chain in the html table, folded past the first five', () => {
    const page = renderHtml(escalating);
    const helpdeskRows = page.match(new RegExp(`<tr data-p="${indexOf(graph, 'user/helpdesk')}"`, 'g')) ?? [];
    expect(helpdeskRows).toHaveLength(1);
    expect(page).toContain(`<summary>+${escalating.principals.find((p) => p.principal.ref === 'user/helpdesk')!.escalations.length - 5} more</summary>`);
    for (let i = 1; i <= 12; i++) expect(page).toContain(`user/helpdesk: ram:UpdateLoginProfile on acs:ram:*:2222333344445555:user/op-${String(i).padStart(2, '0')}`);
  });
});

describe('GraphBuilder', () => {
  it('keeps the strongest strength and every qualifier of an edge met on several paths', () => {
    const builder = new GraphBuilder();
    builder.edge('a', 'b', 'grants', ['x'], 'taken-away', 2);
    builder.edge('a', 'b', 'grants', ['y'], 'conditional', 0);
    expect(builder.edges()).toEqual([{ from: 'a', to: 'b', relation: 'grants', label: 'grants (x, y)', strength: 'conditional', principals: [0, 2] }]);
    builder.edge('a', 'b', 'grants', ['z', 'w', 'x'], 'allow', 1);
    expect(builder.edges()).toEqual([{ from: 'a', to: 'b', relation: 'grants', label: 'grants (x, y, z +1 more)', strength: 'allow', principals: [0, 1, 2] }]);
  });

  it('merges a node met again, keeping its first label and adding the principal', () => {
    const builder = new GraphBuilder();
    builder.node('n', 'group', 'group/ops', 'first', [3]);
    builder.node('n', 'group', 'other', 'second', [1, 3]);
    expect(builder.nodes()).toEqual([{ id: 'n', kind: 'group', label: 'group/ops', detail: 'first', principals: [1, 3] }]);
  });
});
