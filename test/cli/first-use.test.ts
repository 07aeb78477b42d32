/** Small things a new user tripped on (issue 14 §6): a missing endpoint scheme, a process substitution's name, `check --kind` help. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, request, run } from './run.js';

describe('first use', () => {
  it('--endpoint without a scheme says the scheme is missing, and nothing is sent', () => {
    // Given the emulator's address without `http://`
    const r = run(['update-instance', '--endpoint', '127.0.0.1:8787', '--instance-id', 'i', '--instance-name', 'n', '--region', 'ap-southeast-1', '--account-id', '1', '--policy', 'allow-cams.json']);
    // Then exit 2 with a usage error naming both schemes (before: a raw OpenSSL `wrong version number`)
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error[invalid-argument]: --endpoint: `127.0.0.1:8787` has no scheme: write `http://127.0.0.1:8787` (a local emulator) or `https://127.0.0.1:8787`');
    expect(r.stderr).not.toContain('EPROTO');
  });

  it('a policy read from a process substitution is named by its path, not `63`', () => {
    // Given `--policy <(cat allow-cams.json)` in bash
    const child = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" eval --policy <(cat allow-cams.json) ${request().join(' ')}`], { cwd: FIXTURES, encoding: 'utf8' });
    // Then the deciding statement names `/dev/fd/N`
    expect(child.status).toBe(0);
    expect(child.stdout).toMatch(/allowed by identity policy `\/dev\/fd\/\d+` statement 0/);
  });

  it('`check --kind` help lists the kinds, no internal id', () => {
    const r = run(['check', 'no-new-access', '--help']);
    expect(r.stdout.replace(/\s+/g, ' ')).toContain('(choices: "identity", "trust", "control", "session", default: "identity")');
    expect(r.stdout).not.toMatch(/\b[A-Z]\d+\b/);
  });
});
