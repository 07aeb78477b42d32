/**
 * A role entry stands for the role's sessions (M7, src/analysis/principal-regions.ts): their
 * region is found even when only another entry's glob reaches session ARNs, and the role's own
 * name never appears in that glob (issue 17: every earlier case reached the sessions through the
 * role's own ARN).
 */
import { describe, expect, it } from 'vitest';
import { principalRegions } from '../../src/analysis/principal-regions.js';

const FALLBACK = 'acs:ram::999:user/fallback';

describe('principal regions of a role entry', () => {
  it('include a session of the role that another entry also matches', () => {
    // Given the role deployer and every session named s1 of any role of account 1
    const regions = principalRegions(['acs:ram::1:role/deployer', 'acs:sts::1:assumed-role/*/s1'], [], FALLBACK).map((r) => `${r.signature.map(Number).join('')} ${r.value}`);
    // Then deployer's session s1 is a region of its own: trusted by both entries
    expect(regions.sort()).toEqual([`00 ${FALLBACK}`, '01 acs:sts::1:assumed-role/x/s1', '10 acs:ram::1:role/deployer', '11 acs:sts::1:assumed-role/deployer/s1']);
  });
});
