/** Lint keeps going: one statement's grammar error hides nothing else; findings sorted, one per problem. */
import { describe, expect, it } from 'vitest';
import { lintDocument } from './helpers.js';

const codes = (document: unknown, kind?: 'trust') => lintDocument(document, kind).map((f) => [f.code, f.path]);

describe('semantic rules on the valid statements of an invalid policy', () => {
  it('an Effect in the wrong case hides neither a typo nor assume-role-on-star in the other statements', () => {
    // Given a policy whose first statement is invalid and whose others have findings
    const policy = {
      Version: '1',
      Statement: [
        { Effect: 'allow', Action: 'cams:QueryInstance', Resource: '*' },
        { Effect: 'Allow', Action: 'cams:QueryInstanse', Resource: '*' },
        { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' },
      ],
    };
    // When it is linted; Then every statement's findings are reported, each at its own statement
    expect(codes(policy)).toEqual([
      ['invalid-effect', '/Statement/0/Effect'],
      ['unknown-action', '/Statement/1/Action'],
      ['assume-role-on-star', '/Statement/2/Action'],
    ]);
  });

  it('the invalid statement itself gets no semantic finding', () => {
    // Given an invalid statement that would also be allow-star-on-star
    const policy = { Version: '1', Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] };
    // Then only its grammar error is reported
    expect(codes(policy)).toEqual([['invalid-effect', '/Statement/0/Effect']]);
  });

  it('statement-level names and cross-statement rules keep the statements’ own numbers', () => {
    // Given a broken statement 0 and a Deny in statement 2 that overrides the Allow in statement 1
    const policy = {
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: 'cams:QueryInstance' },
        { Effect: 'Allow', Action: 'cams:QueryInstance', Resource: '*' },
        { Effect: 'Deny', Action: 'cams:*', Resource: '*' },
      ],
    };
    const findings = lintDocument(policy);
    const dead = findings.find((f) => f.code === 'dead-allow');
    // Then the finding points at statement 1 and names statement 2
    expect(dead?.path).toBe('/Statement/1');
    expect(dead?.message).toContain('statement 2');
  });

  it('an invalid Version does not stop the statements from being linted', () => {
    const policy = { Version: '2', Statement: [{ Effect: 'Allow', Action: 'cams:QueryInstanse', Resource: '*' }] };
    expect(codes(policy)).toEqual([
      ['invalid-version', '/Version'],
      ['unknown-action', '/Statement/0/Action'],
    ]);
  });

  it('a broken Statement element leaves nothing to lint', () => {
    expect(codes({ Version: '1', Statement: 'x' }).map(([c]) => c)).toEqual(['wrong-type']);
  });
});

describe('findings in file order, one per problem', () => {
  it('sorts findings of different rules by line', () => {
    // Given findings of a security rule (registered early) after a hygiene one (registered late)
    const policy = {
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['cams:QueryInstance', 'cams:QueryInstance'], Resource: 'acs:cams:*:1234567890123456:instance/*' },
        { Effect: 'Allow', Action: '*', Resource: '*' },
      ],
    };
    const lines = lintDocument(policy).map((f) => f.range!.line);
    // Then their lines never go back
    expect(lines.length).toBeGreaterThan(1);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it('`"Version": 1` is reported once, as invalid-version', () => {
    expect(codes({ Version: 1, Statement: [{ Effect: 'Allow', Action: 'cams:QueryInstance', Resource: '*' }] })).toEqual([['invalid-version', '/Version']]);
  });

  it('a trust statement with Action and NotAction is reported once, as action-and-notaction', () => {
    const policy = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', NotAction: 'ecs:*', Principal: { RAM: 'acs:ram::1234567890123456:root' } }] };
    expect(codes(policy, 'trust')).toEqual([['action-and-notaction', '/Statement/0/NotAction']]);
  });
});
