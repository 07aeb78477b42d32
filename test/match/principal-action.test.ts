/**
 * Trust principals (M7) and action services (M2), entry by entry: an account's `root` trusts the
 * account (`*` any account), nothing that only starts like a root entry does, a role entry trusts
 * the role's sessions, and the service of a pattern is known only when no wildcard can change it.
 */
import { describe, expect, it } from 'vitest';
import { compileActionPatterns, lowerCaseAction, serviceOfAction, serviceOfPattern } from '../../src/match/action.js';
import { accountOfArn, compilePrincipal } from '../../src/match/principal.js';

const matched = (entries: string[], arn: string | undefined) => compilePrincipal({ RAM: entries })({ arn });

describe('trust principals (M7)', () => {
  it('reads `acs:ram::*:root` as every account', () => {
    // Given the root entry of any account; Then callers of every account match it, by that entry
    for (const arn of ['acs:ram::1:user/alice', 'acs:ram::2:role/r', 'acs:sts::3:assumed-role/r/s', 'acs:ram::4:root']) {
      expect(matched(['acs:ram::*:root'], arn)).toBe('acs:ram::*:root');
    }
  });

  it("reads `acs:ram::1:root` as account 1's identities only", () => {
    expect(matched(['acs:ram::1:root'], 'acs:ram::1:user/alice')).toBe('acs:ram::1:root');
    expect(matched(['acs:ram::1:root'], 'acs:sts::1:assumed-role/r/s')).toBe('acs:ram::1:root');
    expect(matched(['acs:ram::1:root'], 'acs:ram::12:user/alice')).toBeUndefined();
    expect(matched(['acs:ram::1:root'], 'acs:ram::2:user/alice')).toBeUndefined();
  });

  it.each(['acs:ram::1:rootless', 'acs:ram::1:root/x', 'xacs:ram::1:root', 'acs:ram::1:2:root', 'acs:ram:::root'])(
    'does not read %s as an account root',
    (entry) => {
      // Given an entry that only looks like a root entry; Then it matches no identity but its own ARN
      expect(matched([entry], 'acs:ram::1:user/alice')).toBeUndefined();
      expect(matched([entry], 'acs:ram::2:user/alice')).toBeUndefined();
      expect(matched([entry], entry)).toBe(entry);
    },
  );

  it("reads a role entry as the role and its sessions, and nothing else of the account", () => {
    const entry = 'acs:ram::1:role/deployer';
    expect(matched([entry], 'acs:ram::1:role/deployer')).toBe(entry);
    expect(matched([entry], 'acs:sts::1:assumed-role/deployer/ci-42')).toBe(entry);
    expect(matched([entry], 'acs:sts::1:assumed-role/deployer2/ci-42')).toBeUndefined();
    expect(matched([entry], 'acs:sts::2:assumed-role/deployer/ci-42')).toBeUndefined();
    expect(matched([entry], 'acs:ram::1:user/deployer')).toBeUndefined();
    expect(matched(['xacs:ram::1:role/deployer'], 'acs:sts::1:assumed-role/deployer/s')).toBeUndefined();
    expect(matched(['acs:ram::1:role/'], 'acs:sts::1:assumed-role//s')).toBeUndefined();
  });

  it('returns the first entry that matches, and nothing for a caller without an ARN', () => {
    expect(matched(['acs:ram::2:root', 'acs:ram::1:user/*', 'acs:ram::1:root'], 'acs:ram::1:user/alice')).toBe('acs:ram::1:user/*');
    expect(matched(['acs:ram::*:root'], undefined)).toBeUndefined();
    expect(matched([], 'acs:ram::1:user/alice')).toBeUndefined();
  });

  it('finds the account of RAM and STS ARNs only', () => {
    expect(accountOfArn('acs:ram::1:user/alice')).toBe('1');
    expect(accountOfArn('acs:sts::22:assumed-role/r/s')).toBe('22');
    // The region field is read whatever it holds (RAM and STS ARNs leave it empty)
    expect(accountOfArn('acs:sts:cn-shanghai:5:assumed-role/r/s')).toBe('5');
    expect(accountOfArn('acs:ecs:cn-hangzhou:3:instance/i')).toBeUndefined();
    expect(accountOfArn('xacs:ram::1:user/alice')).toBeUndefined();
    expect(accountOfArn('acs:ram::1')).toBeUndefined();
    expect(accountOfArn('acs:ram:::user/alice')).toBeUndefined();
  });
});

describe('action services (M2)', () => {
  it('knows the service of a pattern only when no wildcard is in it', () => {
    expect(serviceOfPattern('cams:Get*')).toBe('cams');
    expect(serviceOfPattern('CAMS:Get*')).toBe('cams');
    expect(serviceOfPattern('*')).toBeUndefined();
    expect(serviceOfPattern('c*:Get')).toBeUndefined();
    expect(serviceOfPattern('ca?s:Get')).toBeUndefined();
    expect(serviceOfPattern('cams')).toBeUndefined();
    expect(serviceOfPattern(':Get')).toBe('');
    expect(serviceOfPattern('cams:a:b')).toBe('cams');
  });

  it("gives a concrete action's service, lower-cased, or '' without a colon", () => {
    expect(serviceOfAction('CAMS:UpdateInstance')).toBe('cams');
    expect(serviceOfAction('UpdateInstance')).toBe('');
    expect(serviceOfAction(':x')).toBe('');
    expect(serviceOfAction('a:b:c')).toBe('a');
  });

  it('matches action patterns case-insensitively on both sides', () => {
    const [matcher] = compileActionPatterns(['CAMS:Update*']);
    expect(matcher!.test(lowerCaseAction('cams:UPDATEINSTANCE'))).toBe(true);
    expect(matcher!.test(lowerCaseAction('cams:DeleteInstance'))).toBe(false);
    expect(matcher!.pattern).toBe('cams:update*');
  });
});
