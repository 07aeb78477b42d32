/** Bad input to the library entry points: a diagnostic with a stable code, never an answer or a throw. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { principalCan, whoCan } from '../../src/audit/who-can.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import { example } from '../cli/run.js';

const file = example('account.snapshot.yaml');
const snapshot = parseSnapshot(readFileSync(file, 'utf8'), { file, readFile: (f) => ({ text: readFileSync(resolve(dirname(file), f), 'utf8'), file: f }) }).snapshot!;
const codes = (answer: { result?: unknown; diagnostics: { code: string }[] }) => {
  expect(answer.result).toBeUndefined();
  return answer.diagnostics.map((d) => d.code);
};

describe('whoCan refuses', () => {
  it.each([
    ['a misspelt action, with a suggestion', { action: 'cams:UpdateInstence' }, 'unknown-action'],
    ['a pattern where an action is needed', { action: 'cams:Update*' }, 'invalid-action'],
    ['no service', { action: 'UpdateInstance' }, 'invalid-action'],
    ['--resource with --all-resources', { action: 'cams:UpdateInstance', resource: '*', allResources: true }, 'invalid-argument'],
    ['--all-resources for an action on no instance', { action: 'cams:ListProduct', allResources: true }, 'invalid-argument'],
  ])('%s', (_, input, code) => expect(codes(whoCan(snapshot, input))).toEqual([code]));

  it('--all-resources over an empty inventory', () => {
    expect(codes(whoCan({ ...snapshot, resources: { camsInstances: [] } }, { action: 'cams:UpdateInstance', allResources: true }))).toEqual(['empty-inventory']);
  });

  it('suggests the action meant', () => {
    expect(whoCan(snapshot, { action: 'cams:UpdateInstence' }).diagnostics[0]!.help).toContain('cams:UpdateInstance');
  });
});

describe('principalCan refuses', () => {
  it.each([
    ['an unknown user, with a suggestion', 'user/alise', 'unknown-principal'],
    ['a group', 'group/ops', 'invalid-principal'],
    ['a malformed reference', 'alice', 'invalid-principal'],
  ])('%s', (_, principal, code) => expect(codes(principalCan(snapshot, { principal }))).toEqual([code]));

  it('a pattern that matches no action', () => {
    expect(codes(principalCan(snapshot, { principal: 'user/alice', actionPattern: 'cams:Nothing*' }))).toEqual(['action-matches-nothing']);
  });
});

describe('answers', () => {
  it('principal-can defaults to cams:* and lists escalations with their action', () => {
    const answer = principalCan(snapshot, { principal: 'user/dave' }).result!;
    expect(answer.query.actionPattern).toBe('cams:*');
    expect(answer.query.actions.length).toBeGreaterThan(100);
    expect(answer.access.decision).toBe('None');
    expect(answer.access.escalations.length).toBeGreaterThan(0);
    expect(answer.access.escalations.every((e) => e.action?.startsWith('cams:'))).toBe(true);
  });

  it('--no-escalation leaves escalations out', () => {
    const answer = whoCan(snapshot, { action: 'cams:UpdateInstance', escalation: false }).result!;
    expect(answer.principals.flatMap((p) => p.escalations)).toEqual([]);
    expect(answer.principals.map((p) => p.principal.ref)).not.toContain('user/dave');
  });
});
