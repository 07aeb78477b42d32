/**
 * Bad input: every diagnostic code of policy parsing and validation, with the position it must
 * point at. Each row is one document (given as lines, so positions are easy to read) and the
 * code, line and column the first diagnostic must carry.
 */
import { describe, expect, it } from 'vitest';
import { parsePolicy, type PolicyKind } from '../../src/index.js';

interface Row {
  code: string;
  kind?: PolicyKind;
  lines: string[];
  line: number;
  /** The column, or the text the diagnostic's range must start at on that line. */
  column: number | string;
  path: string;
  message?: RegExp;
}

const stmt = (inner: string) => ['{', '  "Version": "1",', '  "Statement": [', `    ${inner}`, '  ]', '}'];

const ROWS: Row[] = [
  { code: 'syntax-error', lines: ['{', '  "Version": "1",', '  "Statement": [ }', '}'], line: 3, column: 18, path: '' },
  { code: 'duplicate-key', lines: ['{', '  "Version": "1",', '  "Version": "1",', '  "Statement": []', '}'], line: 3, column: 3, path: '' },
  { code: 'missing-element', lines: ['{', '  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]', '}'], line: 1, column: 1, path: '', message: /missing `Version`/ },
  { code: 'unknown-element', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Resources": "x"}'), line: 4, column: '"Resources"', path: '/Statement/0/Resources' },
  { code: 'unsupported-element', lines: stmt('{"Effect": "Allow", "Action": "*", "NotResource": "x", "Resource": "*"}'), line: 4, column: '"NotResource"', path: '/Statement/0/NotResource', message: /not supported by RAM/ },
  { code: 'element-not-allowed', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Principal": {"RAM": "x"}}'), line: 4, column: '"Principal"', path: '/Statement/0/Principal' },
  { code: 'element-not-allowed', kind: 'trust', lines: stmt('{"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": "*", "Principal": {"RAM": "x"}}'), line: 4, column: '"Resource"', path: '/Statement/0/Resource' },
  { code: 'wrong-type', lines: stmt('{"Effect": "Allow", "Action": 7, "Resource": "*"}'), line: 4, column: '7', path: '/Statement/0/Action', message: /must be a string or an array, not a number/ },
  { code: 'invalid-version', lines: ['{', '  "Version": "2012-10-17",', '  "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]', '}'], line: 2, column: 14, path: '/Version' },
  { code: 'invalid-effect', lines: stmt('{"Effect": "allow", "Action": "*", "Resource": "*"}'), line: 4, column: '"allow"', path: '/Statement/0/Effect', message: /not `allow`/ },
  { code: 'empty-array', lines: ['{', '  "Version": "1",', '  "Statement": []', '}'], line: 3, column: 16, path: '/Statement' },
  { code: 'empty-element', kind: 'trust', lines: stmt('{"Effect": "Allow", "Action": "sts:AssumeRole", "Principal": {}}'), line: 4, column: '{}', path: '/Statement/0/Principal' },
  { code: 'action-and-notaction', lines: stmt('{"Effect": "Allow", "Action": "*", "NotAction": "ram:*", "Resource": "*"}'), line: 4, column: '"NotAction"', path: '/Statement/0/NotAction' },
  { code: 'missing-element', lines: stmt('{"Effect": "Allow", "Resource": "*"}'), line: 4, column: '{', path: '/Statement/0', message: /missing `Action`/ },
  { code: 'invalid-action-format', lines: stmt('{"Effect": "Allow", "Action": ["cams:Get*", "UpdateInstance"], "Resource": "*"}'), line: 4, column: '"UpdateInstance"', path: '/Statement/0/Action/1' },
  { code: 'trust-action', kind: 'trust', lines: stmt('{"Effect": "Allow", "Action": "sts:*", "Principal": {"RAM": "acs:ram::1:root"}}'), line: 4, column: '"sts:*"', path: '/Statement/0/Action' },
  { code: 'unsupported-policy-variable', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "acs:oss:*:*:bucket/${acs:PrincipalName}"}'), line: 4, column: '"acs:oss', path: '/Statement/0/Resource' },
  { code: 'unsupported-operator', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEqualsIfExists": {"acs:SourceVpc": "vpc-1"}}}'), line: 4, column: '"StringEqualsIfExists"', path: '/Statement/0/Condition/StringEqualsIfExists', message: /`IfExists` suffix is not supported by RAM/ },
  { code: 'unsupported-operator', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Null": {"acs:SourceVpc": "true"}}}'), line: 4, column: '"Null"', path: '/Statement/0/Condition/Null', message: /`Null` operator/ },
  { code: 'unsupported-operator', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"ForAnyValue:StringEquals": {"acs:x": "a"}}}'), line: 4, column: '"ForAnyValue', path: '/Statement/0/Condition/ForAnyValue:StringEquals', message: /set operator qualifiers/ },
  { code: 'unknown-operator', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"stringequals": {"acs:x": "a"}}}'), line: 4, column: '"stringequals"', path: '/Statement/0/Condition/stringequals' },
  { code: 'invalid-condition-key', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"SourceIp": "a"}}}'), line: 4, column: '"SourceIp"', path: '/Statement/0/Condition/StringEquals/SourceIp' },
  { code: 'unsupported-policy-variable', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {"acs:x": "${acs:y}"}}}'), line: 4, column: '"${acs:y}"', path: '/Statement/0/Condition/StringEquals/acs:x' },
  { code: 'bool-multiple-values', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"acs:MFAPresent": ["true", "false"]}}}'), line: 4, column: '["true"', path: '/Statement/0/Condition/Bool/acs:MFAPresent' },
  { code: 'condition-value-type', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"Bool": {"acs:MFAPresent": true}}}'), line: 4, column: 'true}', path: '/Statement/0/Condition/Bool/acs:MFAPresent', message: /must be strings, not `true`/ },
  { code: 'invalid-condition-value', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "10.0.0.300"]}}}'), line: 4, column: '"10.0.0.300"', path: '/Statement/0/Condition/IpAddress/acs:SourceIp/1', message: /`10.0.0.300` is not an IP address or CIDR block/ },
  { code: 'invalid-condition-value', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"DateLessThan": {"acs:CurrentTime": "2026-01-01"}}}'), line: 4, column: '"2026-01-01"', path: '/Statement/0/Condition/DateLessThan/acs:CurrentTime' },
  { code: 'invalid-condition-value', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"NumericLessThan": {"acs:x": "1e3"}}}'), line: 4, column: '"1e3"', path: '/Statement/0/Condition/NumericLessThan/acs:x' },
  { code: 'empty-element', lines: stmt('{"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringEquals": {}}}'), line: 4, column: '"StringEquals"', path: '/Statement/0/Condition/StringEquals' },
];

describe('policy validation diagnostics', () => {
  for (const row of ROWS) {
    it(`${row.code} at line ${row.line} (${row.path || 'document'})`, () => {
      // Given a document with exactly this problem; When it is parsed
      const { policy, diagnostics } = parsePolicy(row.lines.join('\n'), { kind: row.kind ?? 'identity', file: 'p.json' });
      // Then no policy comes out, and the diagnostic names the code, the place and the file
      expect(policy).toBeUndefined();
      const d = diagnostics.find((x) => x.code === row.code && x.path === row.path) ?? diagnostics[0];
      const column = typeof row.column === 'number' ? row.column : row.lines[row.line - 1]!.indexOf(row.column) + 1;
      expect(column).toBeGreaterThan(0);
      expect({ code: d?.code, path: d?.path, line: d?.range?.line, column: d?.range?.column, file: d?.file }).toEqual({
        code: row.code,
        path: row.path,
        line: row.line,
        column,
        file: 'p.json',
      });
      if (row.message) expect(d?.message).toMatch(row.message);
      expect(d?.message).not.toMatch(/must NOT|must match|\.$/); // never raw ajv output, no final period
    });
  }

  it('reports every problem of a document in one pass', () => {
    const text = stmt('{"Effect": "Maybe", "Action": "cams", "NotResource": "*", "Condition": {"Null": {"a:b": "true"}}}').join('\n');
    const codes = parsePolicy(text, { kind: 'identity' }).diagnostics.map((d) => d.code).sort();
    expect(codes).toEqual(['invalid-action-format', 'invalid-effect', 'missing-element', 'unsupported-element', 'unsupported-operator']);
  });

  it('refuses a policy over its kind limit, counting compact JSON (S10)', () => {
    const actions = Array.from({ length: 140 }, (_, i) => `cams:Action${i}`);
    const doc = { Version: '1', Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] };
    const size = JSON.stringify(doc).length;
    expect(size).toBeGreaterThan(2048);
    expect(size).toBeLessThan(4096);
    const spaced = JSON.stringify(doc, null, 8); // formatting does not count
    expect(parsePolicy(spaced, { kind: 'identity' }).diagnostics).toEqual([]);
    expect(parsePolicy(spaced, { kind: 'control' }).diagnostics).toEqual([]);
    const session = parsePolicy(spaced, { kind: 'session' }).diagnostics;
    expect(session.map((d) => d.code)).toEqual(['policy-too-large']);
    expect(session[0]!.message).toContain(`${size} characters, more than the 2048`);
  });

  it('refuses input over a million characters before parsing it', () => {
    const d = parsePolicy(' '.repeat(1_000_001), { kind: 'identity' }).diagnostics;
    expect(d.map((x) => x.code)).toEqual(['input-too-large']);
  });

  it('refuses a YAML alias bomb as a diagnostic, not a crash', () => {
    // About 220,000 characters from a few hundred: past the 100,000 aliases may add, at the fourth alias of `e`.
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]', 'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]'].join('\n');
    const d = parsePolicy(bomb, { kind: 'identity', file: 'bomb.yaml' }).diagnostics;
    expect(d.map((x) => [x.code, x.file, x.range?.line, x.range?.column])).toEqual([['too-many-aliases', 'bomb.yaml', 5, 17]]);
  });

  it('gives JSON its own syntax message and position', () => {
    const [d] = parsePolicy('{"Version": "1",, }', { kind: 'identity' }).diagnostics;
    expect([d?.code, d?.message, d?.range?.line, d?.range?.column]).toEqual(['syntax-error', 'invalid JSON: property name expected', 1, 17]);
  });

  it('reads YAML with positions like JSON', () => {
    const yaml = ['Version: "1"', 'Statement:', '  - Effect: Allow', '    Action: cams:UpdateInstance', '    Resource: "*"', '    Condition:', '      NumericLessThan:', '        acs:x: ten'].join('\n');
    const [d] = parsePolicy(yaml, { kind: 'identity', file: 'p.yaml' }).diagnostics;
    expect([d?.code, d?.range?.line, d?.range?.column]).toEqual(['invalid-condition-value', 8, 16]);
  });

  it('accepts a valid policy of each kind and normalises strings to arrays', () => {
    const identity = parsePolicy('{"Version":"1","Statement":{"Effect":"Allow","Action":"cams:*","Resource":"*"}}', { kind: 'identity' });
    expect(identity.diagnostics.map((d) => d.code)).toEqual(['wrong-type']); // Statement must be an array
    const ok = parsePolicy('{"Version":"1","Statement":[{"Sid":"s","Effect":"Allow","Action":"cams:*","Resource":"*","Condition":{"Bool":{"acs:SecureTransport":"true"}}}]}', { kind: 'identity' });
    expect(ok.policy?.statements[0]).toMatchObject({ sid: 's', actions: ['cams:*'], resources: ['*'], conditions: [{ operator: 'Bool', key: 'acs:SecureTransport', values: ['true'] }] });
    const trust = parsePolicy('{"Version":"1","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"RAM":"acs:ram::1:root","Service":["ecs.aliyuncs.com"]}}]}', { kind: 'trust' });
    expect(trust.policy?.statements[0]?.principal).toEqual({ RAM: ['acs:ram::1:root'], Service: ['ecs.aliyuncs.com'], Federated: [] });
  });
});
