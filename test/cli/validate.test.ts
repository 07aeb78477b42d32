/**
 * `ramguard validate FILES...`: check policies against RAM's grammar for one policy kind.
 * Exit 0 when every file is valid, 2 when any has an error; text diagnostics on stderr as
 * `file:line:col: error[code]: message`, or one JSON document with `--format json`.
 */
import { describe, expect, it } from 'vitest';
import { diagnosticLines, example, run, runJson } from './run.js';

describe('validate: valid files', () => {
  it('exits 0 and says how many policies are valid', () => {
    // Given the two bundled identity policies, JSON and YAML
    const r = run(['validate', example('cams-operator.json'), example('deny-without-mfa-on-delete.yaml')]);
    // Then exit 0, a one-line summary, nothing on stderr
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('2 identity policies are valid\n');
    expect(r.stderr).toBe('');
  });

  it('--kind control validates a control policy', () => {
    const r = run(['validate', '--kind', 'control', example('control-no-deletes-in-prod.control.json')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('1 control policy is valid\n');
  });

  it('--kind trust validates a role trust policy', () => {
    // Given a trust policy with Principal and sts:AssumeRole and no Resource (S12)
    const r = run(['validate', '--kind', 'trust', 'trust-account.json']);
    // Then it is valid as a trust policy
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('1 trust policy is valid\n');
  });

  it('reads a policy from stdin with `-`', () => {
    const r = run(['validate', '-'], { input: 'Version: "1"\nStatement:\n  - Effect: Allow\n    Action: cams:*\n    Resource: "*"\n' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('1 identity policy is valid\n');
  });
});

describe('validate: invalid files', () => {
  it('exits 2 with one file:line:col: error[code] line per problem, for each file', () => {
    // Given a valid policy, a duplicate key, an unknown operator and a missing file
    const r = run(['validate', 'allow-cams.json', 'duplicate-key.json', 'unknown-operator.json', 'missing.json']);
    // Then exit 2, nothing on stdout, and each problem on stderr in file order
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = diagnosticLines(r.stderr);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^duplicate-key\.json:3:3: error\[duplicate-key\]: /);
    expect(lines[1]).toMatch(/^unknown-operator\.json:8:22: error\[unknown-operator\]: unknown condition operator `StringEqualz`/);
    // (a file that cannot be read has no position)
    expect(lines[2]).toBe('missing.json: error[unreadable-file]: cannot read `missing.json`: no such file');
    // And the valid file gets no diagnostic
    expect(r.stderr).not.toContain('allow-cams.json');
  });

  it('each diagnostic may be followed by a `help:` line, and nothing else', () => {
    const r = run(['validate', 'duplicate-key.json', 'unknown-operator.json', 'malformed.json', 'malformed.yaml']);
    expect(r.status).toBe(2);
    const lines = r.stderr.trimEnd().split('\n');
    for (const line of lines) expect(line).toMatch(/^(\S+:\d+:\d+: error\[[a-z-]+\]: .+|  help: .+)$/);
    expect(diagnosticLines(r.stderr).map((l) => l.split(':')[0])).toEqual(expect.arrayContaining(['duplicate-key.json', 'unknown-operator.json', 'malformed.json', 'malformed.yaml']));
  });

  it('malformed JSON and YAML are syntax errors with positions', () => {
    const r = run(['validate', 'malformed.json', 'malformed.yaml']);
    expect(r.status).toBe(2);
    for (const line of diagnosticLines(r.stderr)) expect(line).toMatch(/^malformed\.(json|yaml):\d+:\d+: error\[syntax-error\]: /);
  });

  it('--kind trust rejects an identity policy: no Principal, not sts:AssumeRole, has Resource (S12)', () => {
    // Given an identity policy validated as a trust policy
    const r = run(['validate', '--kind', 'trust', 'allow-cams.json']);
    // Then exit 2 with the three trust-policy errors
    expect(r.status).toBe(2);
    const codes = diagnosticLines(r.stderr).map((l) => /error\[([a-z-]+)\]/.exec(l)?.[1]);
    expect(codes.sort()).toEqual(['element-not-allowed', 'missing-element', 'trust-action']);
    for (const line of diagnosticLines(r.stderr)) expect(line).toMatch(/^allow-cams\.json:\d+:\d+: error\[/);
  });

  it('a trust policy is not a valid identity policy (the default kind)', () => {
    const r = run(['validate', 'trust-account.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^trust-account\.json:\d+:\d+: error\[missing-element\]: .*`Resource`/m);
    expect(r.stderr).toMatch(/^trust-account\.json:\d+:\d+: error\[element-not-allowed\]: `Principal`/m);
  });

  it('a bad policy on stdin is reported as `-`', () => {
    const r = run(['validate', '-'], { input: '{"Version": "1", "Statement": [{"Effect": "Permit", "Action": "cams:*", "Resource": "*"}]}' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^-:1:\d+: error\[invalid-effect\]: /m);
  });

  it('an element named `constructor` is an unknown element with a sensible help text', () => {
    const r = run(['validate', 'prototype-key.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^prototype-key\.json:3:\d+: error\[unknown-element\]: /m);
    expect(r.stderr).not.toContain('[native code]');
  });

  it('a YAML alias bomb is a diagnostic on the file, not an internal error', () => {
    const r = run(['validate', 'alias-bomb.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toMatch(/^alias-bomb\.yaml(:\d+:\d+)?: error\[[a-z-]+\]: /m);
  });
});

describe('validate --format json', () => {
  it('valid: {valid: true, diagnostics: []}, exit 0', () => {
    const { status, json, stderr } = runJson(['validate', example('cams-operator.json')]);
    expect(status).toBe(0);
    expect(stderr).toBe('');
    expect(json).toEqual({ valid: true, diagnostics: [] });
  });

  it('invalid: {valid: false, diagnostics} with code, file, range and JSON Pointer, exit 2', () => {
    // Given two invalid files
    const { status, json, stderr } = runJson(['validate', 'unknown-operator.json', 'duplicate-key.json']);
    // Then one JSON document on stdout lists both diagnostics; stderr stays empty
    expect(status).toBe(2);
    expect(stderr).toBe('');
    expect(json.valid).toBe(false);
    expect(json.diagnostics).toEqual([
      expect.objectContaining({
        code: 'unknown-operator',
        severity: 'error',
        file: 'unknown-operator.json',
        path: '/Statement/0/Condition/StringEqualz',
        range: { line: 8, column: 22, endLine: 8, endColumn: 36 },
      }),
      expect.objectContaining({ code: 'duplicate-key', file: 'duplicate-key.json', range: expect.objectContaining({ line: 3, column: 3 }) }),
    ]);
  });

  it('--kind trust with --format json', () => {
    const ok = runJson(['validate', '--kind', 'trust', 'trust-account.json']);
    const bad = runJson(['validate', '--kind', 'trust', 'allow-cams.json']);
    expect(ok.status).toBe(0);
    expect(ok.json).toEqual({ valid: true, diagnostics: [] });
    expect(bad.status).toBe(2);
    expect(bad.json.valid).toBe(false);
    expect(bad.json.diagnostics.map((d: { code: string }) => d.code)).toContain('trust-action');
  });
});

describe('validate usage errors', () => {
  it.each([
    ['no file', ['validate'], "missing required argument 'files'"],
    ['a bad --kind', ['validate', '--kind', 'admin', 'allow-cams.json'], "argument 'admin' is invalid"],
    ['a bad --format', ['validate', '--format', 'sarif', 'allow-cams.json'], "argument 'sarif' is invalid"],
    ['an unknown option', ['validate', '--strict', 'allow-cams.json'], "unknown option '--strict'"],
  ])('%s exits 2 with commander’s error on stderr', (_name, args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});
