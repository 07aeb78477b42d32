/** A request's action and resource against the catalog: typos warned, look-alikes refused. */
import { describe, expect, it } from 'vitest';
import { builtinCatalog } from '../../src/catalog/builtin.js';
import { checkRequestNames } from '../../src/catalog/request-check.js';

const check = (action: string, resource = 'acs:cams:ap-southeast-1:1234567890123456:instance/i-1') => checkRequestNames({ action, resource }, builtinCatalog());

describe('checkRequestNames', () => {
  it('is silent on a catalogued action and an ARN, whatever the action case', () => {
    expect(check('cams:UpdateInstance')).toEqual([]);
    expect(check('CAMS:updateinstance')).toEqual([]);
    expect(check('sts:AssumeRole', 'acs:ram::1234567890123456:role/ops')).toEqual([]);
    expect(check('cams:ListInstance', '*')).toEqual([]);
  });

  it('warns on a typo with the closest action, and on a service the catalog does not have', () => {
    const [typo] = check('cams:DeleteInstanse');
    expect(typo).toMatchObject({ code: 'unknown-action', severity: 'warning', path: '/action', help: 'did you mean `cams:DeleteInstance`?' });
    expect(check('camz:UpdateInstance')[0]).toMatchObject({ code: 'unknown-service', severity: 'warning', help: 'did you mean `cams`?' });
  });

  it('refuses look-alike and invisible characters and a name without a service', () => {
    for (const action of ['cams:DeleteInſtance', 'cams:Delete\u200bInstance', 'cams:Update Instance', 'cаms:UpdateInstance']) {
      expect(check(action)[0], action).toMatchObject({ code: 'invalid-action', severity: 'error' });
    }
    for (const action of ['UpdateInstance', 'cams:', ':UpdateInstance']) expect(check(action)[0], action).toMatchObject({ code: 'invalid-action' });
  });

  it('warns on a resource that is not an ARN', () => {
    for (const resource of ['instance/i-1', 'arn:aws:s3:::bucket', 'acs:cams:region']) {
      expect(check('cams:UpdateInstance', resource), resource).toEqual([expect.objectContaining({ code: 'resource-not-arn', severity: 'warning', path: '/resource' })]);
    }
  });

  it('gives no suggestion for a name no action is near (a 100,000-character action costs no edit distance)', () => {
    const long = check(`cams:${'A'.repeat(100_000)}`)[0];
    expect(long).toMatchObject({ code: 'unknown-action' });
    expect(long?.help).toContain('lists its actions');
  });
});
