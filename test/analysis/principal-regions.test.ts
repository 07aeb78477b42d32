/**
 * The principal dimension of the trust analysis (src/analysis/principal-regions.ts), called
 * directly: the caller an ARN stands for, and the regions a list of `Principal.RAM` entries cuts
 * the ARNs into under M7 — an account root standing for the whole account, a role for its
 * sessions — each with the most readable ARN (the fallback, the entry filled in, a user or a
 * session of the account it names) (issue 17).
 */
import { describe, expect, it } from 'vitest';
import { principalOfArn, principalRegions } from '../../src/analysis/principal-regions.js';
import { AnalysisLimitError } from '../../src/analysis/string-regions.js';
import { operatorSpec } from '../../src/conditions/operators.js';

const FALLBACK = 'acs:ram::999:user/fallback';
const regions = (entries: string[]) => principalRegions(entries, [], FALLBACK).map((r) => `${r.signature.map(Number).join('')} ${r.value}`).sort();

describe('principalOfArn', () => {
  it('reads an account root, a role session, and anything else as a RAM user', () => {
    expect(principalOfArn('acs:ram::1:root')).toEqual({ type: 'Root', arn: 'acs:ram::1:root' });
    expect(principalOfArn('acs:sts::1:assumed-role/deployer/s')).toEqual({ type: 'AssumedRole', arn: 'acs:sts::1:assumed-role/deployer/s' });
    expect(principalOfArn('acs:ram::1:user/alice')).toEqual({ type: 'RamUser', arn: 'acs:ram::1:user/alice' });
    for (const arn of ['acs:ram::1:rootx', 'xacs:ram::1:root', 'acs:ram::1:2:root', 'acs:ram:::root', 'xacs:sts::1:assumed-role/r/s']) expect(principalOfArn(arn).type).toBe('RamUser');
  });
});

describe('principal regions', () => {
  it('give an entry its own ARN, and the fallback to the callers it does not trust', () => {
    expect(regions(['acs:ram::1:user/a?c'])).toEqual([`0 ${FALLBACK}`, '1 acs:ram::1:user/axc']);
    expect(regions(['acs:ram::1:role/deployer'])).toEqual([`0 ${FALLBACK}`, '1 acs:ram::1:role/deployer']);
  });

  it('read an account root entry as every ARN of the account, not the others', () => {
    expect(regions(['acs:ram::1:root', 'acs:ram::1:user/alice'])).toEqual([`00 ${FALLBACK}`, '10 acs:ram::1:root', '11 acs:ram::1:user/alice']);
    // a user of the account, when the root's own ARN is taken by another region
    expect(regions(['acs:ram::1:root', 'acs:ram::1:r*'])).toEqual([`00 ${FALLBACK}`, '10 acs:ram::1:user/ramguard-witness', '11 acs:ram::1:root']);
    // `*` as the account trusts every caller: the fallback is in the one region
    expect(regions(['acs:ram::*:root'])).toEqual([`1 ${FALLBACK}`]);
    // a wildcard inside the account is literal (M7): only that account name
    expect(regions(['acs:ram::1*:root'])).toEqual([`0 ${FALLBACK}`, '1 acs:ram::1x:root']);
  });

  it("read a role entry as the role's sessions too", () => {
    expect(regions(['acs:ram::1:role/deployer', 'acs:ram::1:r*'])).toEqual([`00 ${FALLBACK}`, '01 acs:ram::1:rx', '10 acs:sts::1:assumed-role/deployer/ramguard-witness', '11 acs:ram::1:role/deployer']);
  });

  it('find by exploration the regions no readable guess reaches: another ARN of a root entry\'s account, another session of a role', () => {
    // Given entries that take the guesses (the root, the witness user and session, `acs:ram::1:r*`)
    expect(regions(['acs:ram::1:root', 'acs:ram::1:user/ramguard-witness', 'acs:ram::1:r*'])).toEqual([`000 ${FALLBACK}`, '100 acs:sts::1:', '101 acs:ram::1:root', '110 acs:ram::1:user/ramguard-witness']);
    expect(regions(['acs:ram::1:role/deployer', 'acs:sts::1:assumed-role/deployer/ramguard-witness', 'acs:ram::1:r*'])).toEqual([
      `000 ${FALLBACK}`, '001 acs:ram::1:rx', '100 acs:sts::1:assumed-role/deployer/', '101 acs:ram::1:role/deployer', '110 acs:sts::1:assumed-role/deployer/ramguard-witness',
    ]);
  });

  it('add a bit per string language tested on acs:PrincipalARN, true when one of its values matches', () => {
    const spec = operatorSpec('StringLike')!;
    const values = ['acs:ram::1:user/a*', 'acs:ram::1:user/*b'];
    const language = { spec, values, predicates: values.map((v) => spec.compileValue(v)!) };
    const found = principalRegions(['acs:ram::1:user/*'], [language], FALLBACK).map((r) => `${r.signature.map(Number).join('')} ${r.value}`).sort();
    expect(found).toEqual([`00 ${FALLBACK}`, '10 acs:ram::1:user/x', '11 acs:ram::1:user/a']);
  });

  it('stop at the state budget', () => {
    expect(() => principalRegions(['acs:ram::1:root', 'acs:ram::2:user/*', 'acs:ram::3:role/r'], [], FALLBACK, 2)).toThrow(AnalysisLimitError);
  });
});
