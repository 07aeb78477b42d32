/**
 * The action index of a layer of more than eight statements (src/eval/action-index.ts) keeps
 * exactly the statements whose Action matches, in document order — for the shapes it files apart:
 * the same exact action in several statements, several patterns of one service, patterns that
 * start with a wildcard (`?cs:describe*`: no service to file them under), no service at all, an empty
 * service (`:describe*`), and NotAction statements.
 */
import { describe, expect, it } from 'vitest';
import { actionIndex } from '../../src/eval/action-index.js';
import type { CompiledStatement } from '../../src/eval/compile.js';
import { compileActionPatterns } from '../../src/match/action.js';

function statement(patterns: string[], notAction = false): CompiledStatement {
  return { notAction, actions: compileActionPatterns(patterns) } as CompiledStatement;
}

const LAYER = [
  statement(['ecs:describeinstances']),
  statement(['oss:getobject']),
  statement(['ecs:describeinstances', 'ecs:startinstance']),
  statement(['ecs:describe*']),
  statement(['ecs:start*']),
  statement(['?cs:describe*']),
  statement(['*:describeinstances']),
  statement(['ecs*']),
  statement(['rds:*'], true),
  statement(['oss:get*', 'oss:put?bject']),
  statement(['ecs:describeinstances']),
  statement(['*']),
  statement([':describe*']),
];

/** The reference: every statement tested in turn. */
const scan = (action: string) => LAYER.filter((s) => s.notAction || s.actions.some((m) => m.test(action)));
const positions = (found: CompiledStatement[]) => found.map((s) => LAYER.indexOf(s));

describe('the action index of a large layer', () => {
  const index = actionIndex(LAYER);

  for (const action of ['ecs:describeinstances', 'ecs:startinstance', 'ecs:describeregions', 'ocs:describex', 'oss:getobject', 'oss:putobject', 'rds:createdbinstance', 'ecsx', 'nocolon', ':describeinstances', '', 'undefined:describeinstances']) {
    it(`keeps the statements that scanning keeps for \`${action}\``, () => {
      expect(positions(index(action))).toEqual(positions(scan(action)));
    });
  }

  it('keeps every statement of the same exact action, and every pattern of one service', () => {
    expect(positions(index('ecs:describeinstances'))).toEqual([0, 2, 3, 5, 6, 7, 8, 10, 11]);
    expect(positions(index('ecs:startinstance'))).toEqual([2, 4, 7, 8, 11]);
    // The pattern that starts with `?` has no service to be filed under, yet still matches
    expect(positions(index('ocs:describex'))).toEqual([5, 8, 11]);
    // Asked again (from its cache), the same answer
    expect(positions(index('ecs:startinstance'))).toEqual([2, 4, 7, 8, 11]);
  });
});
