/**
 * Issue 14 §7: the evaluator's core folders import each other in one direction. The folders of
 * src/ are nodes, an import from one folder into another an edge; the core (policy model,
 * conditions, matching, requests, evaluation, decisions) must hold no cycle, and the evaluator's
 * input model must not come from the scenario file format.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '../../src');

/** Every .ts file under src/, relative to it. */
function files(dir = SRC): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

/** The folder (first path segment) a file of src/ is in; a file at the top is its own node. */
const folderOf = (file: string) => (file.includes('/') ? file.slice(0, file.indexOf('/')) : file.replace(/\.ts$/, ''));

/** Folder → folders it imports from (relative imports only). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files()) {
    const from = folderOf(file);
    const text = readFileSync(join(SRC, file), 'utf8');
    for (const m of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const target = normalize(join(dirname(file), m[1]!));
      if (target.startsWith('..')) continue;
      const to = folderOf(target);
      if (to !== from) (graph.get(from) ?? graph.set(from, new Set()).get(from)!).add(to);
    }
  }
  return graph;
}

/** A cycle through `start` within `nodes`, as a path, or undefined. */
function cycleThrough(graph: Map<string, Set<string>>, nodes: Set<string>, start: string): string[] | undefined {
  const walk = (at: string, path: string[], seen: Set<string>): string[] | undefined => {
    for (const next of graph.get(at) ?? []) {
      if (!nodes.has(next)) continue;
      if (next === start) return [...path, next];
      if (seen.has(next)) continue;
      seen.add(next);
      const found = walk(next, [...path, next], seen);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start], new Set());
}

describe('the module graph', () => {
  const graph = folderGraph();
  const CORE = new Set(['policy', 'conditions', 'match', 'request', 'eval', 'decision']);

  it('sees the folders and their imports', () => {
    expect(graph.get('eval')?.has('policy')).toBe(true);
    expect(graph.get('conditions')?.has('match')).toBe(true);
  });

  it.each([...CORE])('has no cycle of core folders through %s', (folder) => {
    expect(cycleThrough(graph, CORE, folder)).toBeUndefined();
  });

  it('the core and the snapshot, audit and analysis take nothing from the scenario file format', () => {
    const users = [...graph].filter(([from, to]) => to.has('scenario') && [...CORE, 'snapshot', 'audit', 'analysis'].includes(from)).map(([from]) => from);
    expect(users).toEqual([]);
  });

  it('finds a cycle when there is one (the check itself)', () => {
    const toy = new Map([['a', new Set(['b'])], ['b', new Set(['a'])]]);
    expect(cycleThrough(toy, new Set(['a', 'b']), 'a')).toEqual(['a', 'b', 'a']);
  });
});
