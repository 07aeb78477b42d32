/**
 * A layer of at most eight statements is not indexed by action (issue 15): its statements are
 * tested in turn. Both ways must keep the same statements — checked here by padding the same
 * statements with others that never match, past the size where the index is built.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../mutation/seeded-random.js';
import { actionIndex } from '../../src/eval/action-index.js';
import type { CompiledStatement } from '../../src/eval/compile.js';
import { compileActionPatterns } from '../../src/match/action.js';

function statement(patterns: string[], notAction = false): CompiledStatement {
  return { notAction, actions: compileActionPatterns(patterns) } as CompiledStatement;
}

describe('small layers', () => {
  it('keep the statements the index keeps, on random sets of one to eight statements', () => {
    // Given random patterns over a small alphabet (so that they often match), some of them NotAction
    const rand = seededRandom(11);
    const pick = (chars: string, length: number) => Array.from({ length }, () => chars[rand(chars.length)]).join('');
    const padding = Array.from({ length: 9 }, (_, i) => statement([`zz:never${i}`, 'zz:*']));
    let kept = 0;
    for (let round = 0; round < 300; round++) {
      const statements = Array.from({ length: 1 + rand(8) }, () => statement(Array.from({ length: 1 + rand(3) }, () => pick('aB*?:', 1 + rand(6))), rand(8) === 0));
      const small = actionIndex(statements);
      const indexed = actionIndex([...statements, ...padding]);
      for (let k = 0; k < 20; k++) {
        const action = pick('ab:', rand(7));
        // Then both keep the same statements, in the same order
        const found = small(action);
        expect(found).toEqual(indexed(action).filter((s) => !padding.includes(s)));
        kept += found.length;
      }
    }
    expect(kept).toBeGreaterThan(1000);
  });

  it('give an empty layer no statements', () => {
    expect(actionIndex([])('cams:updateinstance')).toEqual([]);
  });
});
