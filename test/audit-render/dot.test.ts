/**
 * `--format dot`: the graph's structure (every principal, every relation, labels and styles),
 * escaping of hostile names read back exactly by a strict parser, and Graphviz's own `dot`
 * accepting the output (installed from Debian's packages when missing; that test alone is skipped,
 * with the reason, when it cannot be had).
 */
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { accessGraphOf } from '../../src/audit/render/access-graph.js';
import { dotString, renderDot } from '../../src/audit/render/dot.js';
import { parseDot, type ParsedDot } from './dot-parse.js';
import { EXAMPLE_SNAPSHOT, HOSTILE_SNAPSHOT, principalCanOf, whoCanOf } from './fixtures.js';
import { ensureTool, type Tool } from './system-tools.js';

const exampleWhoCan = whoCanOf(EXAMPLE_SNAPSHOT, { action: 'cams:UpdateInstance', allResources: true });
const hostileWhoCan = whoCanOf(HOSTILE_SNAPSHOT, { action: 'cams:UpdateInstance' });
const deleteInProd = whoCanOf(EXAMPLE_SNAPSHOT, { action: 'cams:DeleteInstance', resource: 'acs:cams:ap-southeast-1:1234567890123456:instance/prod-42' });

/** The edge with these endpoint labels (node labels, not ids), or undefined. */
function edgeBetween(dot: ParsedDot, fromLabel: string, toLabel: string) {
  const idOf = (label: string) => [...dot.nodes].find(([, a]) => a.label === label)?.[0];
  return dot.edges.find((e) => e.from === idOf(fromLabel) && e.to === idOf(toLabel));
}

describe('dotString', () => {
  it('escapes quotes and backslashes so the string cannot end early', () => {
    expect(dotString('a"b')).toBe('"a\\"b"');
    expect(dotString('a\\b')).toBe('"a\\\\b"');
    expect(dotString('a\\"b')).toBe('"a\\\\\\"b"');
  });

  it('writes line breaks as dot line breaks and drops other control characters', () => {
    expect(dotString('a\nb\r\nc')).toBe('"a\\nb\\nc"');
    expect(dotString('a\u0000b\u001bc')).toBe('"abc"');
  });
});

describe('renderDot on the example account', () => {
  const text = renderDot(exampleWhoCan);
  const dot = parseDot(text);

  it('is one digraph, left to right, with the question as its label', () => {
    expect(text.trimStart().startsWith('digraph')).toBe(true);
    expect(text).toMatch(/rankdir=LR/);
    expect(text).toContain('label="who can cams:UpdateInstance on every instance of the inventory (account 1234567890123456)"');
  });

  it('has a node for every principal of the answer and declares every edge end', () => {
    const labels = [...dot.nodes.values()].map((a) => a.label);
    for (const p of exampleWhoCan.principals) expect(labels).toContain(p.principal.ref);
    for (const e of dot.edges) {
      expect(dot.nodes.has(e.from), `edge from ${e.from}`).toBe(true);
      expect(dot.nodes.has(e.to), `edge to ${e.to}`).toBe(true);
    }
    expect(dot.ranks.get('sink')).toEqual(['target']);
  });

  it('labels group, role, policy, statement, grant and escalation edges with their relation', () => {
    expect(edgeBetween(dot, 'user/bob', 'group/developers')?.attributes.label).toBe('member-of');
    expect(edgeBetween(dot, 'user/ci-bot', 'role/deployer')?.attributes.label).toBe('assumes');
    expect(edgeBetween(dot, 'role/deployer', 'AliyunCamsFullAccess')?.attributes.label).toBe('attached');
    expect(edgeBetween(dot, 'cams-operator (v2)', 'Allow #1 UpdateProdInstancesFromOffice')?.attributes.label).toBe('contains');
    const relations = new Set(dot.edges.map((e) => e.attributes.label!.split(' ')[0]));
    for (const r of ['member-of', 'assumes', 'attached', 'contains', 'grants', 'can-escalate-via', 'yields']) expect(relations).toContain(r);
  });

  it('puts the resource-group scope on the attachment and the instances on the grant', () => {
    expect(edgeBetween(dot, 'group/developers', 'cams-staging-admin (v1)')?.attributes.label).toBe('attached (resource group rg-staging)');
    const staging = dot.edges.filter((e) => e.to === 'target' && e.attributes.label === 'grants (stg-7, stg-8)');
    expect(staging).toHaveLength(1);
  });

  it('draws a Conditional path dashed and a certain one solid', () => {
    expect(edgeBetween(dot, 'user/alice', 'cams-operator (v2)')?.attributes.style).toBe('dashed');
    expect(edgeBetween(dot, 'user/ci-bot', 'role/deployer')?.attributes.style).toBeUndefined();
  });

  it('chains an escalation from the principal through its move to the target, naming whom it reaches', () => {
    const move = edgeBetween(dot, 'user/dave', 'ram:CreateLoginProfile → user/ci-bot');
    expect(move?.attributes.label).toBe('can-escalate-via');
    const yields = dot.edges.find((e) => e.from === move!.to && e.to === 'target');
    expect(yields?.attributes.label).toBe('yields (as user/ci-bot)');
  });

  it('has exactly the access graph: no node or edge more or less', () => {
    const graph = accessGraphOf(exampleWhoCan);
    expect(dot.nodes.size).toBe(graph.nodes.length);
    expect(dot.edges).toHaveLength(graph.edges.length);
  });
});

describe('renderDot with control policies', () => {
  it('draws a path a control policy takes away dotted, and the control policy restricting the target', () => {
    const dot = parseDot(renderDot(deleteInProd));
    const control = [...dot.nodes].find(([, a]) => a.label === 'control policy control-no-deletes-in-prod at Production');
    expect(control).toBeDefined();
    expect(dot.edges.find((e) => e.from === control![0])).toMatchObject({ to: 'target', attributes: { label: 'restricts (denies)' } });
    expect(edgeBetween(dot, 'user/admin', 'group/admins')?.attributes.style).toBe('dotted');
  });
});

describe('renderDot of principal-can', () => {
  it('has the principal and the action pattern in the target', () => {
    const dot = parseDot(renderDot(principalCanOf(EXAMPLE_SNAPSHOT, { principal: 'user/ci-bot', actionPattern: 'cams:UpdateInstance' })));
    expect(dot.nodes.get('target')?.label).toBe('user/ci-bot: cams:UpdateInstance');
    expect(edgeBetween(dot, 'user/ci-bot', 'role/deployer')?.attributes.label).toBe('assumes');
  });
});

describe('renderDot with hostile names', () => {
  const text = renderDot(hostileWhoCan);
  const dot = parseDot(text);

  it('reads every name back exactly as the snapshot spells it', () => {
    const labels = [...dot.nodes.values()].map((a) => a.label);
    expect(labels).toContain('user/<img src=x onerror=alert(1)>');
    expect(labels).toContain('role/dep\\loyer"} -> x [label="pwn');
    expect(labels).toContain('group/g"</script><b>bold</b>');
    expect(labels).toContain("Allow #0 </style><script>alert('sid')</script>");
  });

  it('gains no node and no edge from a name', () => {
    const graph = accessGraphOf(hostileWhoCan);
    expect(dot.nodes.size).toBe(graph.nodes.length);
    expect(dot.edges).toHaveLength(graph.edges.length);
    expect([...dot.nodes.keys()]).not.toContain('x');
  });
});

describe('Graphviz accepts the output', () => {
  let dotTool: Tool = { missing: 'not looked for yet' };
  beforeAll(async () => {
    dotTool = await ensureTool('dot');
  }, 300_000);

  it.for([
    ['example who-can', () => exampleWhoCan],
    ['hostile names', () => hostileWhoCan],
    ['control policies', () => deleteInProd],
  ] as const)('dot -Tsvg draws %s without a warning, node for node and edge for edge', ([, result], context) => {
    if ('missing' in dotTool) {
      console.warn(`skipped: Graphviz validation of --format dot: ${dotTool.missing}`);
      return context.skip(dotTool.missing);
    }
    const graph = accessGraphOf(result());
    const drawn = spawnSync(dotTool.path, ['-Tsvg'], { input: renderDot(result()), encoding: 'utf8', timeout: 30_000 });
    expect(drawn.stderr).toBe('');
    expect(drawn.status).toBe(0);
    expect(drawn.stdout.match(/<g id="node\d+" class="node">/g)).toHaveLength(graph.nodes.length);
    expect(drawn.stdout.match(/<g id="edge\d+" class="edge">/g)).toHaveLength(graph.edges.length);
  });
});
