/**
 * The action index (issue 15) keeps every statement whose Action can match a request's action:
 * a decision looks only at those, so one it skipped wrongly would change the answer. Each case
 * puts the one statement that decides behind many that cannot match.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../mutation/seeded-random.js';
import { compilePolicySet, emptyPolicySet, evaluate, parsePolicy, type AuthorizationRequest } from '../../src/index.js';
import { actionIndex } from '../../src/eval/action-index.js';
import type { CompiledStatement } from '../../src/eval/compile.js';
import { compileActionPatterns } from '../../src/match/action.js';

/** Noise: 40 statements of other services and other actions of the same service. */
const noise = Array.from({ length: 40 }, (_, i) => ({ Effect: 'Allow', Action: i % 2 ? `ecs:Describe${i}*` : `cams:List${i}`, Resource: '*' }));

function compiled(statements: object[]) {
  const { policy, diagnostics } = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind: 'identity' });
  expect(diagnostics).toEqual([]);
  const set = emptyPolicySet();
  set.identity.push({ name: 'p', document: policy! });
  return compilePolicySet(set);
}

const request = (action: string): AuthorizationRequest => ({ principal: { type: 'RamUser', arn: 'acs:ram::1:user/alice' }, action, resource: 'acs:cams:r:1:instance/i' });

describe('action index', () => {
  const allowing: [string, string | string[], string][] = [
    ['a prefix pattern', 'cams:Up*', 'cams:UpdateInstance'],
    ['the whole service', 'cams:*', 'cams:UpdateInstance'],
    ['everything', '*', 'cams:UpdateInstance'],
    ['an exact name in another case', 'cams:updateINSTANCE', 'CAMS:UpdateInstance'],
    ['a mixed-case pattern', 'cams:UPDATE*', 'cams:updateinstance'],
    ['a wildcard inside the name', 'cams:*Instance', 'cams:UpdateInstance'],
    ['a question mark first in the name', 'cams:?pdate?nstance', 'cams:UpdateInstance'],
    ['the second of several patterns', ['oss:Get*', 'cams:Update*'], 'cams:UpdateInstance'],
  ];
  for (const [name, action, requested] of allowing) {
    it(`keeps a statement matched by ${name}`, () => {
      // Given noise, then one Allow with that pattern, then noise
      const set = compiled([...noise, { Effect: 'Allow', Action: action, Resource: '*' }, ...noise]);
      // When the action is asked, Then it is allowed by that statement, with or without the trace
      for (const trace of [true, false]) {
        const result = evaluate(set, request(requested), { trace });
        expect(result.decision).toBe('Allow');
        expect(result.decidingStatements.map((s) => s.statement)).toEqual([40]);
      }
    });
  }

  it('answers for actions named like JavaScript values as a scan of the statements does', () => {
    // Given a layer large enough to be indexed, with exact and wildcard patterns of services named like JavaScript values
    const set = compiled([...noise, { Effect: 'Allow', Action: ['undefined:*', 'constructor:get', 'tostring:x*'], Resource: '*' }]);
    // When actions that read as JavaScript names are asked (user text: any action may be requested)
    for (const action of ['undefined:get', 'undefinedx', 'constructor:get', 'constructor', 'tostring:xy', '__proto__:x', 'null:get', 'hasownproperty:get']) {
      // Then the index keeps exactly the statements whose Action matches, as a plain scan does
      const scanned = set.identity.statements.filter((s) => s.actions.some((m) => m.test(action))).map((s) => s.ref.statement);
      expect(set.identity.forAction(action).map((s) => s.ref.statement), action).toEqual(scanned);
    }
    expect(set.identity.forAction('undefined:get').map((s) => s.ref.statement)).toEqual([40]);
    expect(set.identity.forAction('undefinedx').map((s) => s.ref.statement)).toEqual([]);
  });

  it('keeps a Deny matched by a wildcard service and NotAction statements, in document order', () => {
    // Given an Allow by NotAction, noise, and a Deny on `*:Update*`
    const set = compiled([{ Effect: 'Allow', NotAction: 'ram:*', Resource: '*' }, ...noise, { Effect: 'Deny', Action: ['ecs:Update*', 'cams:Update*', 'ram:Update*'], Resource: '*' }]);
    // Then the Allow by NotAction applies to cams:UpdateInstance and the Deny wins
    expect(evaluate(set, request('cams:UpdateInstance')).decision).toBe('ExplicitDeny');
    expect(evaluate(set, request('cams:DeleteInstance')).decidingStatements.map((s) => s.statement)).toEqual([0]);
    // And the index answers with exactly the statements that can match, NotAction first as written
    expect(set.identity.forAction('cams:updateinstance').map((s) => s.ref.statement)).toEqual([0, 41]);
    expect(set.identity.forAction('ram:updateuser').map((s) => s.ref.statement)).toEqual([0, 41]);
    expect(set.identity.forAction('cams:list4').map((s) => s.ref.statement)).toEqual([0, 5]);
  });

  it('keeps statements whose patterns a policy cannot hold but a matcher can (`*:*`, `c?ms:*`, no service)', () => {
    // Given statements as the compiler makes them, with patterns outside the policy grammar
    const statements = ['ecs:*', '*:*', 'c?ms:*', 'Update*', '*:update*', 'cams:List*'].map((p) => statement([p]));
    // Then each action meets exactly the ones that match it
    expect(positions(actionIndex(statements)('cams:updateinstance'), statements)).toEqual([1, 2, 4]);
    expect(positions(actionIndex(statements)('updateinstance'), statements)).toEqual([3]);
    expect(positions(actionIndex(statements)('ecs:updateinstance'), statements)).toEqual([0, 1, 4]);
  });

  it('keeps exactly the statements one of whose patterns matches, on random sets and actions', () => {
    // Given random patterns over a small alphabet (so that they often match), some of them NotAction
    const rand = seededRandom(7);
    const pick = (chars: string, length: number) => Array.from({ length }, () => chars[rand(chars.length)]).join('');
    for (let round = 0; round < 300; round++) {
      const statements = Array.from({ length: 12 }, () => statement(Array.from({ length: 1 + rand(3) }, () => pick('aB*?:', 1 + rand(6))), rand(8) === 0));
      const index = actionIndex(statements);
      for (let k = 0; k < 20; k++) {
        const action = pick('ab:', rand(7));
        // Then the index keeps a statement exactly when it is NotAction or one of its matchers matches
        const expected = statements.filter((s) => s.notAction || s.actions.some((m) => m.test(action)));
        expect(index(action)).toEqual(expected);
      }
    }
  });
});

/** A compiled statement with only what the index reads. */
function statement(patterns: string[], notAction = false): CompiledStatement {
  return { notAction, actions: compileActionPatterns(patterns) } as CompiledStatement;
}

function positions(found: CompiledStatement[], all: CompiledStatement[]): number[] {
  return found.map((s) => all.indexOf(s));
}
