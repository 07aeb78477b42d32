/**
 * The hygiene rules' pattern comparison and escalation-actions-on-broad-resources' probe skip the
 * matcher when the pattern's literal start rules a match out (issue 15, "Memory"): the answers
 * must be the matcher's own, which these copies of the code before the change give.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileWildcard, hasWildcard } from '../../src/match/wildcard.js';
import { coversAllOf } from '../../src/lint/rules/escalation-actions-on-broad-resources.js';
import { patternCovers } from '../../src/lint/rules/hygiene-support.js';

/** patternCovers before the change. */
function patternCoversBefore(a: string, b: string): boolean {
  if (a === '*' || a === b) return true;
  if (!hasWildcard(a)) return false;
  if (a.includes('\u0000') || a.includes('\u0001')) return false;
  if (a.includes('?') && b.includes('*')) return false;
  return compileWildcard(a).test(b.replaceAll('*', '\u0000').replaceAll('?', '\u0001'));
}

/** coversAllOf before the change. */
function coversAllOfBefore(resource: string, type: 'user' | 'role' | 'group' | 'policy'): boolean {
  const matcher = compileWildcard(resource);
  const account = resource.split(':')[3];
  const accounts = account !== undefined && !/[*?]/.test(account) && resource.split(':').length >= 5 ? [account] : ['\u0000', '\u0000'.repeat(16)];
  const names = ['\u0000', '\u0000'.repeat(64)];
  return accounts.every((a) => names.every((n) => matcher.test(`acs:ram::${a}:${type}/${n}`)));
}

// Patterns over a few characters, so that leads, wildcards and matches meet often.
const pattern = fc.array(fc.constantFrom('a', 'b', ':', '*', '?'), { maxLength: 7 }).map((cs) => cs.join(''));
const PIECES = ['acs', ':', 'ram', 'ecs', '', '*', '?', '123', 'user/', 'role/', 'u', 'r*', 'acs:ram::', 'acs:ram:*:*:'];
const resource = fc.array(fc.constantFrom(...PIECES), { maxLength: 8 }).map((ps) => ps.join(''));

describe('fast paths give the matcher answers', () => {
  it('patternCovers', () => {
    fc.assert(
      fc.property(pattern, pattern, (a, b) => {
        expect(patternCovers(a, b)).toBe(patternCoversBefore(a, b));
      }),
      { numRuns: 5_000, seed: 15 },
    );
  });

  it.each([
    ['cams:get*', 'cams:getinstance', true],
    ['cams:get*', 'ecs:get*', false],
    ['c?ms:*', 'cams:get', true],
    ['c?ms:*', 'cams:*', false],
    ['cams:*', 'cams:Get?', true],
  ])('patternCovers(%s, %s) is %s', (a, b, expected) => {
    expect(patternCovers(a, b)).toBe(expected);
    expect(patternCoversBefore(a, b)).toBe(expected);
  });

  it('coversAllOf', () => {
    fc.assert(
      fc.property(resource, fc.constantFrom('user' as const, 'role' as const, 'group' as const, 'policy' as const), (r, type) => {
        expect(coversAllOf(r, type)).toBe(coversAllOfBefore(r, type));
      }),
      { numRuns: 5_000, seed: 15 },
    );
  });

  it.each([
    ['*', true],
    ['acs:ram:*:*:*', true],
    ['acs:ram::123:user/*', true],
    ['acs:ram::123:user/alice', false],
    ['acs:ecs:*:*:*', false],
    ['acs:*', true],
  ])('coversAllOf(%s, user) is %s', (r, expected) => {
    expect(coversAllOf(r, 'user')).toBe(expected);
  });
});
