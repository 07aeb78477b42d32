/** End-to-end: `ramguard eval --requests FILE` — the table, JSON Lines, expectations, bad lines, limits. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_REQUESTS, parseRequests } from '../../src/cli/eval-requests.js';
import { ALLOW_EXAMPLES, example, INSTANCE, run } from './run.js';

const POLICIES = ['eval', '--policy', 'allow-cams.json', '--policy', 'deny-delete.json'];
const line = (o: object) => JSON.stringify(o);
const JSONL = [
  line({ action: 'cams:UpdateInstance', resource: INSTANCE, expect: 'allow' }),
  '',
  line({ action: 'cams:DeleteInstance', resource: INSTANCE, expect: 'explicit-deny' }),
  line({ action: 'cams:ListInstance', resource: '*' }),
].join('\n');

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ramguard-batch-'));
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}

describe('ramguard eval --requests', () => {
  it('prints a table with every decision and expectation, exit 0 when every expectation is met', () => {
    // Given three JSON Lines requests (a blank line between) on standard input
    const r = run([...POLICIES, '--requests', '-'], { input: JSONL });
    // Then a header, one row per request in order, and a summary
    expect(r.status).toBe(0);
    const rows = r.stdout.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^# +action +resource +decision +expect$/);
    expect(rows[1]).toMatch(/^1 +cams:UpdateInstance +acs:cams:\S+ +ALLOW +allow ✓$/);
    expect(rows[2]).toMatch(/^2 +cams:DeleteInstance +acs:cams:\S+ +DENY \(explicit\) +explicit-deny ✓$/);
    expect(rows[3]).toMatch(/^3 +cams:ListInstance +\* +ALLOW$/);
    expect(rows[4]).toBe('3 requests: 2 allow, 1 deny (explicit); 2 of 2 expectations met');
  });

  it('exits 1 when an expectation is not met, and marks it ✗', () => {
    const r = run([...POLICIES, '--requests', '-'], { input: line({ action: 'cams:DeleteInstance', resource: INSTANCE, expect: 'allow' }) });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/DENY \(explicit\) +allow ✗/);
    expect(r.stdout).toContain('0 of 1 expectations met');
  });

  it('--format json: one object a line with index, line, decision, the usual eval fields and the expectation', () => {
    const r = run([...POLICIES, '--requests', '-', '--format', 'json'], { input: JSONL });
    expect(r.status).toBe(0);
    const objects = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l));
    expect(objects.map((o) => [o.index, o.line, o.decision, o.met])).toEqual([[1, 1, 'Allow', true], [2, 3, 'ExplicitDeny', true], [3, 4, 'Allow', undefined]]);
    expect(objects[1]).toMatchObject({ decidingStatements: [{ policy: 'deny-delete.json', sid: 'NoDelete' }], request: { action: 'cams:DeleteInstance', resource: INSTANCE }, expect: 'explicit-deny' });
    expect(objects[0].statements).toHaveLength(2);
  });

  it('reads a YAML list, with principal, context, absent and the command line context as defaults', () => {
    // Given the bundled operator policy, the office IP on the command line, and one request that overrides it
    const requests = file('requests.yaml', [
      '- action: cams:UpdateInstance',
      '  resource: acs:cams:ap-southeast-1:1234567890123456:instance/prod-42',
      '  principal: { type: RamUser, arn: "acs:ram::1234567890123456:user/alice" }',
      '  expect: allow',
      '- action: cams:UpdateInstance',
      '  resource: acs:cams:ap-southeast-1:1234567890123456:instance/prod-42',
      '  context: { "acs:SourceIp": "198.51.100.1" }',
      '  expect: deny',
      '- action: cams:UpdateInstance',
      '  resource: acs:cams:ap-southeast-1:1234567890123456:instance/prod-42',
      '  absent: [acs:SourceIp]',
      '  expect: implicit-deny',
    ].join('\n'));
    const r = run(['eval', '--policy', example('cams-operator.json'), '--context', 'acs:SourceIp=203.0.113.7', '--context', 'acs:SecureTransport=true', '--requests', requests]);
    expect(r.stdout).toContain('3 of 3 expectations met');
    expect(r.status).toBe(0);
  });

  it('a scenario gives the policies and the caller', () => {
    const r = run(['eval', ...ALLOW_EXAMPLES, '--scenario', example('update-instance.scenario.yaml'), '--requests', '-', '--format', 'json'], { input: line({ action: 'cams:DeleteInstance', resource: INSTANCE }) });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).request.principal.type).toBeDefined();
  });

  it('a snapshot gives the caller, each resource its inventory facts, and sts:AssumeRole its role\'s trust policy', () => {
    // Given carol's QueryInstance on a tagged instance in rg-prod, and ci-bot assuming `deployer`
    const requests = [
      line({ action: 'cams:QueryInstance', resource: 'acs:cams:ap-southeast-1:1234567890123456:instance/prod-42', expect: 'allow' }),
      line({ action: 'sts:AssumeRole', resource: 'acs:ram::1234567890123456:role/deployer', expect: 'allow' }),
    ].join('\n');
    const carol = run(['eval', '--snapshot', example('account.snapshot.yaml'), ...ALLOW_EXAMPLES, '--principal', 'user/carol', '--requests', '-', '--format', 'json'], { input: requests.split('\n')[0] });
    const fact = JSON.parse(carol.stdout);
    expect([carol.status, fact.request.resourceGroup, fact.request.context['acs:ResourceTag/env']]).toEqual([0, 'rg-prod', 'prod']);
    const bot = run(['eval', '--snapshot', example('account.snapshot.yaml'), ...ALLOW_EXAMPLES, '--principal', 'user/ci-bot', '--requests', '-', '--format', 'json'], { input: requests.split('\n')[1] });
    const assumed = JSON.parse(bot.stdout);
    expect(bot.status).toBe(0);
    expect(assumed.decidingStatements.filter((d: { layer: string }) => d.layer !== 'control').map((d: { layer: string; policy: string }) => `${d.layer} ${d.policy}`)).toEqual(['identity assume-deployer', 'resource deployer']);
  });

  it('a bad line is a diagnostic at its line; no request is answered, exit 2', () => {
    // Given a valid request, one with a typo'd field and a bad expect, and one that is not JSON
    const input = [line({ action: 'cams:UpdateInstance', resource: INSTANCE }), line({ acton: 'x', resource: 'r', expect: 'yes' }), '{"action": '].join('\n');
    const r = run([...POLICIES, '--requests', '-'], { input });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const errors = r.stderr.split('\n').filter((l) => l.includes('error['));
    expect(errors.some((l) => l.startsWith('-:2:') && l.includes('error[invalid-element]: request 2: `acton` is not a request field'))).toBe(true);
    expect(errors.some((l) => l.startsWith('-:2:') && l.includes('error[invalid-value]: request 2: `expect` is not one of allow, deny, explicit-deny, implicit-deny, conditional'))).toBe(true);
    expect(errors.some((l) => l.startsWith('-:2:') && l.includes('request 2: `action` is missing'))).toBe(true);
    expect(errors.some((l) => l.startsWith('-:3:') && l.includes('error[syntax-error]: request 3:'))).toBe(true);
  });

  it('an invalid context value prints no table: diagnostics only, or the failure envelope in JSON', () => {
    const input = line({ action: 'cams:UpdateInstance', resource: INSTANCE, context: { 'acs:CurrentTime': 'yesterday' } });
    const text = run([...POLICIES, '--requests', '-'], { input });
    expect([text.status, text.stdout]).toEqual([2, '']);
    expect(text.stderr).toMatch(/^-:1:1: error\[invalid-request-value\]: request 1: `yesterday`/m);
    const json = run([...POLICIES, '--requests', '-', '--format', 'json'], { input });
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, diagnostics: [expect.objectContaining({ code: 'invalid-request-value', path: '/0/context/acs:CurrentTime' })] });
  });

  it('a typo\'d action is answered with a warning at its line; with --strict it is an error and nothing is answered', () => {
    const input = line({ action: 'cams:DeleteInstanse', resource: INSTANCE });
    const loose = run([...POLICIES, '--requests', '-'], { input });
    expect(loose.status).toBe(0);
    expect(loose.stdout).toMatch(/cams:DeleteInstanse +\S+ +ALLOW/);
    expect(loose.stderr).toMatch(/^-:1:1: warning\[unknown-action\]: request 1: .*\(at \/0\/action\)$/m);
    const strict = run([...POLICIES, '--requests', '-', '--strict'], { input });
    expect([strict.status, strict.stdout]).toEqual([2, '']);
    expect(strict.stderr).toMatch(/^-:1:1: error\[unknown-action\]: request 1: .*\(an error with --strict\)/m);
  });

  it('refuses --action, --resource and --expect beside --requests', () => {
    const r = run([...POLICIES, '--requests', '-', '--action', 'cams:UpdateInstance', '--expect', 'allow'], { input: JSONL });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('`--requests` takes the action and resource from each request');
    expect(r.stderr).toContain('`--requests` takes `expect` from each request');
  });

  it('a file that is neither JSON Lines nor a list is one diagnostic', () => {
    const r = run([...POLICIES, '--requests', '-'], { input: 'action: cams:UpdateInstance\n' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('error[invalid-value]: `-` is neither JSON Lines nor a list of requests');
  });
});

describe('the requests file, parsed', () => {
  it(`refuses more than ${MAX_REQUESTS} requests with too-many-requests, before checking them`, () => {
    const text = '{}\n'.repeat(MAX_REQUESTS + 1);
    const parsed = parseRequests(text, 'many.jsonl');
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(['too-many-requests']);
    expect(parsed.diagnostics[0]!.message).toBe(`\`many.jsonl\` holds ${MAX_REQUESTS + 1} requests, more than the ${MAX_REQUESTS} ramguard evaluates in one run`);
  });

  it('JSON Lines with a byte order mark and CRLF line ends are still JSON Lines', () => {
    const parsed = parseRequests('\uFEFF{"action": "a:B", "resource": "r"}\r\n{"action": "a:C", "resource": "r", "expect": "deny"}\r\n', 'r.jsonl');
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.requests.map((r) => [r.index, r.line, r.action, r.expect])).toEqual([[1, 1, 'a:B', undefined], [2, 2, 'a:C', 'deny']]);
  });

  it('a YAML request points at its line and field; prototype names are context keys like any other', () => {
    const parsed = parseRequests('- action: a:B\n  resource: r\n  context: { __proto__: x }\n- action: 1\n  resource: r\n', 'r.yaml');
    expect(parsed.diagnostics).toEqual([expect.objectContaining({ code: 'invalid-value', path: '/1/action', range: expect.objectContaining({ line: 4 }) })]);
    expect(Object.keys(parsed.requests[0]!.context!)).toEqual(['__proto__']);
  });
});

describe('a requests file full of mistakes', () => {
  it('prints at most 100 diagnostics for it, then the count of the rest (text and JSON)', () => {
    const bad = Array.from({ length: 20_000 }, () => line({ action: 1 })).join('\n');
    const text = run([...POLICIES, '--requests', '-'], { input: bad });
    expect(text.status).toBe(2);
    const lines = text.stderr.split('\n').filter((l) => /error\[/.test(l));
    expect(lines).toHaveLength(101);
    expect(lines.at(-1)).toContain('error[too-many-diagnostics]: … and 39900 more diagnostics');
    const json = run([...POLICIES, '--requests', '-', '--format', 'json'], { input: bad });
    const parsed = JSON.parse(json.stdout);
    expect([json.status, parsed.ok, parsed.diagnostics.length, parsed.diagnostics.at(-1).code]).toEqual([2, false, 101, 'too-many-diagnostics']);
  });
});
