/**
 * `ramguard eval` exit codes, the contract scripts rely on (src/cli/exit-codes.ts):
 * 0 Allow, 1 ExplicitDeny or ImplicitDeny, 2 invalid input or usage, 3 Conditional.
 */
import { describe, expect, it } from 'vitest';
import { diagnosticLines, example, request, run, runJson, STACK_FRAME } from './run.js';

describe('eval exits with the code of its decision', () => {
  it('exits 0 on Allow', () => {
    // Given an identity policy allowing cams:*
    // When evaluating cams:UpdateInstance
    const r = run(['eval', '--policy', 'allow-cams.json', ...request()]);
    // Then the decision is Allow, exit 0, nothing on stderr
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ALLOW/);
    expect(r.stderr).toBe('');
  });

  it('exits 1 on ExplicitDeny', () => {
    // Given an Allow and a Deny on cams:DeleteInstance
    // When evaluating cams:DeleteInstance
    const r = run(['eval', '--policy', 'allow-cams.json', '--policy', 'deny-delete.json', ...request('cams:DeleteInstance')]);
    // Then the Deny wins: exit 1
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^DENY \(explicit\)/);
    expect(r.stderr).toBe('');
  });

  it('exits 1 on ImplicitDeny', () => {
    // Given only a Deny statement, which allows nothing
    // When evaluating an action it does not name
    const r = run(['eval', '--policy', 'deny-delete.json', ...request()]);
    // Then nothing allows it: exit 1
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^DENY \(implicit/);
  });

  it('exits 3 on Conditional', () => {
    // Given the bundled cams-operator policy, whose update Allow needs acs:SourceIp
    // When the request gives acs:SecureTransport but not acs:SourceIp
    const r = run(['eval', '--policy', example('cams-operator.json'), ...request(), '--context', 'acs:SecureTransport=true']);
    // Then the answer depends on the source IP: exit 3
    expect(r.status).toBe(3);
    expect(r.stdout).toMatch(/^CONDITIONAL/);
  });
});

describe('eval exits 2 on invalid input, with a diagnostic on stderr', () => {
  const evalWith = (policy: string, ...extra: string[]) => run(['eval', '--policy', policy, ...request(), ...extra]);

  it('reports a bad policy file as file:line:col: error[code]', () => {
    // Given a policy with the unknown operator `StringEqualz` on line 8
    const r = evalWith('unknown-operator.json');
    // Then exit 2, nothing evaluated on stdout, and the diagnostic points at the operator
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(diagnosticLines(r.stderr)).toEqual([
      'unknown-operator.json:8:22: error[unknown-operator]: unknown condition operator `StringEqualz` (at /Statement/0/Condition/StringEqualz)',
    ]);
  });

  it('reports a duplicate key where the second one is', () => {
    // Given a policy with `Version` twice (S11: never "last one wins")
    const r = evalWith('duplicate-key.json');
    // Then exit 2 with a duplicate-key error at line 3, column 3
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^duplicate-key\.json:3:3: error\[duplicate-key\]: /m);
  });

  it('reports a missing policy file by name', () => {
    // Given a path that does not exist
    const r = evalWith('no-such-policy.json');
    // Then exit 2 with an unreadable-file error naming it
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^no-such-policy\.json: error\[unreadable-file\]: cannot read `no-such-policy\.json`: no such file$/m);
  });

  it('reports a directory given as a policy file', () => {
    // Given a directory instead of a file
    const r = evalWith('.');
    // Then exit 2 with an unreadable-file error
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error[unreadable-file]');
    expect(r.stderr).toContain('it is a directory');
  });

  it('reports malformed JSON with a position', () => {
    // Given a JSON document cut off after `"Statement": [`
    const r = evalWith('malformed.json');
    // Then exit 2 with syntax errors located in the file
    expect(r.status).toBe(2);
    expect(diagnosticLines(r.stderr).length).toBeGreaterThan(0);
    for (const line of diagnosticLines(r.stderr)) expect(line).toMatch(/^malformed\.json:\d+:\d+: error\[syntax-error\]: /);
  });

  it('reports malformed YAML with a position', () => {
    // Given a YAML document with a mis-indented mapping on line 4
    const r = evalWith('malformed.yaml');
    // Then exit 2 with syntax errors, the first on line 4
    expect(r.status).toBe(2);
    const lines = diagnosticLines(r.stderr);
    expect(lines[0]).toMatch(/^malformed\.yaml:4:\d+: error\[syntax-error\]: /);
    for (const line of lines) expect(line).toMatch(/^malformed\.yaml:\d+:\d+: error\[syntax-error\]: /);
  });

  it('reports a missing --action', () => {
    // Given a policy and a resource but no action
    const r = run(['eval', '--policy', 'allow-cams.json', '--resource', 'acs:cams:r:1:instance/i']);
    // Then exit 2: the action is missing
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^<command line>: error\[invalid-argument\]: the action is missing$/m);
  });

  it('reports a missing --resource and a missing policy', () => {
    // Given an action alone
    const r = run(['eval', '--action', 'cams:UpdateInstance']);
    // Then exit 2 with both problems
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the resource is missing');
    expect(r.stderr).toContain('no policy was given');
  });

  it.each(['acs:SourceIp', '=10.1.2.3'])('reports `--context %s`, which is not KEY=VALUE', (flag) => {
    // Given a --context flag without a key before `=`
    const r = evalWith('allow-cams.json', '--context', flag);
    // Then exit 2 with an invalid-argument error quoting the flag
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`error[invalid-argument]: \`--context ${flag}\` is not KEY=VALUE`);
  });

  it.each([
    ['acs:SourceIp=not-an-ip', 'not-an-ip'],
    ['acs:CurrentTime=yesterday', 'yesterday'],
    ['acs:SecureTransport=maybe', 'maybe'],
  ])('reports a request value of the wrong type (C6, C7): --context %s', (flag, value) => {
    // Given a typed common key with a value that cannot be read as its type
    const r = evalWith(example('cams-operator.json'), '--context', flag);
    // Then exit 2 with an invalid-request-value diagnostic quoting the value, and no verdict at all
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('error[invalid-request-value]');
    expect(r.stderr).toContain(`\`${value}\``);
  });

  it('prints the failure envelope, not a decision, for an invalid context value with --format json', () => {
    // Given `acs:CurrentTime=yesterday` (it printed CONDITIONAL and exited 2)
    const r = runJson(['eval', '--policy', example('cams-operator.json'), ...request(), '--context', 'acs:CurrentTime=yesterday']);
    // Then exit 2 and `{ok: false, diagnostics}` only
    expect(r.status).toBe(2);
    expect(Object.keys(r.json)).toEqual(['ok', 'diagnostics']);
    expect(r.json.diagnostics.map((d: { code: string }) => d.code)).toEqual(['invalid-request-value']);
  });

  it('reports standard input used twice', () => {
    // Given `--policy -` twice
    const r = run(['eval', '--policy', '-', '--policy', '-', ...request()], { input: '{}' });
    // Then exit 2: stdin can be read only once
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('standard input can be read only once');
  });

  it('reports a YAML alias bomb as a diagnostic on the file, not an internal error', () => {
    // Given a "billion laughs" YAML document
    const r = evalWith('alias-bomb.yaml');
    // Then exit 2 with an ordinary diagnostic naming the file
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toMatch(/^alias-bomb\.yaml(:\d+:\d+)?: error\[[a-z-]+\]: /m);
  });
});

describe('eval exits 2 on usage errors', () => {
  it.each([
    ['an unknown option', ['--bogus'], "unknown option '--bogus'"],
    ['a bad --format choice', ['--format', 'xml'], "argument 'xml' is invalid"],
    ['a bad --expect choice', ['--expect', 'maybe'], "argument 'maybe' is invalid"],
    ['a bad --principal-type choice', ['--principal-type', 'Admin'], "argument 'Admin' is invalid"],
    ['an option without its value', ['--action'], "option '--action <service:action>' argument missing"],
  ])('%s', (_name, extra, message) => {
    // Given a valid request plus one bad flag
    const r = run(['eval', '--policy', 'allow-cams.json', ...request(), ...extra]);
    // Then commander's error goes to stderr, nothing to stdout, exit 2
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: /);
    expect(r.stderr).toContain(message);
  });

  it('exits 2 on an unknown command', () => {
    const r = run(['evaluate']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command 'evaluate'");
  });

  it('exits 0 on --help and --version', () => {
    // When asking for help or the version
    const help = run(['eval', '--help']);
    const version = run(['--version']);
    // Then both succeed
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--expect <decision>');
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe('0.1.0');
  });
});

describe('eval --expect', () => {
  const allow = ['--policy', 'allow-cams.json', ...request()];
  const explicitDeny = ['--policy', 'allow-cams.json', '--policy', 'deny-delete.json', ...request('cams:DeleteInstance')];
  const implicitDeny = ['--policy', 'deny-delete.json', ...request()];
  const conditional = ['--policy', example('cams-operator.json'), ...request(), '--context', 'acs:SecureTransport=true'];
  const cases: [string, string[], Record<string, number>][] = [
    ['Allow', allow, { allow: 0, deny: 1, 'explicit-deny': 1, 'implicit-deny': 1, conditional: 1 }],
    ['ExplicitDeny', explicitDeny, { allow: 1, deny: 0, 'explicit-deny': 0, 'implicit-deny': 1, conditional: 1 }],
    ['ImplicitDeny', implicitDeny, { allow: 1, deny: 0, 'explicit-deny': 1, 'implicit-deny': 0, conditional: 1 }],
    ['Conditional', conditional, { allow: 1, deny: 1, 'explicit-deny': 1, 'implicit-deny': 1, conditional: 0 }],
  ];
  for (const [decision, args, codes] of cases) {
    it(`exits 0 when ${decision} meets the expectation and 1 when it does not`, () => {
      for (const [expectation, code] of Object.entries(codes)) {
        // Given a request whose decision is `decision`
        // When run with --expect `expectation`
        const r = run(['eval', ...args, '--expect', expectation]);
        // Then exit 0 on a match, 1 otherwise; the report is still printed
        expect(r.status, `${decision} --expect ${expectation}`).toBe(code);
        expect(r.stdout.length).toBeGreaterThan(0);
      }
    });
  }

  it('still exits 2 on invalid input', () => {
    // Given a bad policy and --expect deny
    const bad = run(['eval', '--policy', 'unknown-operator.json', ...request(), '--expect', 'deny']);
    // And a request value that cannot be read, with --expect conditional (its decision meanwhile)
    const badValue = run(['eval', ...conditional, '--context', 'acs:SourceIp=not-an-ip', '--expect', 'conditional']);
    // Then invalid input wins over the expectation
    expect(bad.status).toBe(2);
    expect(badValue.status).toBe(2);
  });

  it('never prints a stack trace, whatever the input', () => {
    // Given every kind of bad invocation at once
    const invocations = [['eval'], ['eval', '--policy', 'malformed.yaml', ...request()], ['validate'], ['eval', '--scenario', 'nope.yaml'], []];
    for (const args of invocations) {
      const r = run(args);
      // Then each exits 2 and none prints a stack frame
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).not.toContain(STACK_FRAME);
    }
  });
});
