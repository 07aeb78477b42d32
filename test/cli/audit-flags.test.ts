import { describe, expect, it } from 'vitest';
import { AUDIT_V8_FLAGS, setAuditFlags, wantsAuditFlags } from '../../src/cli/audit-flags.js';

describe('the V8 flags of an audit (issue 13)', () => {
  it('are set for `ramguard audit …` alone', () => {
    expect(wantsAuditFlags(['audit', 'who-can', '--snapshot', 's.json'])).toBe(true);
    expect(wantsAuditFlags(['audit', 'principal-can'])).toBe(true);
    expect(wantsAuditFlags(['audit'])).toBe(true);
    for (const args of [[], ['lint', 'audit'], ['eval', '--policy', 'audit'], ['--audit'], ['auditx'], ['collect']]) expect(wantsAuditFlags(args)).toBe(false);
  });

  it('turn off TurboFan inlining and raise the interrupt budget, and nothing else', () => {
    const set: string[] = [];
    setAuditFlags((flag) => set.push(flag));
    expect(set).toEqual(['--no-turbo-inlining', '--interrupt-budget=200000']);
    expect(AUDIT_V8_FLAGS).toEqual(set);
  });
});
