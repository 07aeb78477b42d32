/**
 * The RamguardError of each kind of misuse named in issue 12 (item 13): its code, the argument it
 * names, and — for a step skipped — what to call first. Codes are the contract; messages are
 * checked only for the advice they must carry.
 */
import { describe, expect, it } from 'vitest';
import type { PolicyDocument } from '../../src/index.js';
import { library as root } from './entries.js';
import * as client from '../../src/client/index.js';
import * as emulator from '../../src/emulator/index.js';
import { RamguardError, type RamguardErrorCode } from '../../src/index.js';
import { MAX_ARGUMENT_DEPTH } from '../../src/entries/internals.js';
import { compiled, POLICY_TEXT, policySet, RAW_DOCUMENT, request, snapshot } from './fixtures.js';

/** The RamguardError `call` throws (failing the test when it throws anything else or nothing). */
function thrown(call: () => unknown): RamguardError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(RamguardError);
    return error as RamguardError;
  }
  throw new Error('expected a RamguardError, but the call returned');
}

function expectMisuse(call: () => unknown, code: RamguardErrorCode, argument: string): RamguardError {
  const error = thrown(call);
  expect({ code: error.code, argument: error.argument }).toEqual({ code, argument });
  return error;
}

const bad = <T>(value: unknown) => value as T;

describe('the misuse the issue names', () => {
  it('parsePolicy(123): the text is not a string', () => {
    const error = expectMisuse(() => root.parsePolicy(bad(123), { kind: 'identity' }), 'invalid-argument', 'text');
    expect(error.message).toBe('`parsePolicy`: `text` must be a string, not `123`');
  });

  it("parsePolicy(text, { kind: 'bogus' }) is refused, naming the kinds", () => {
    const error = expectMisuse(() => root.parsePolicy(POLICY_TEXT, { kind: bad('bogus') }), 'unknown-kind', 'options.kind');
    for (const kind of root.POLICY_KINDS) expect(error.message).toContain(`\`${kind}\``);
  });

  it('compilePolicySet(null) and evaluate(null, null)', () => {
    expectMisuse(() => root.compilePolicySet(bad(null)), 'invalid-argument', 'set');
    expectMisuse(() => root.evaluate(bad(null), bad(null)), 'invalid-argument', 'compiled');
  });

  it('validatePolicy(cyclic) names where the cycle closes', () => {
    // Given a document whose statement refers back to the document
    const document: Record<string, unknown> = { Version: '1', Statement: [] };
    (document['Statement'] as unknown[]).push({ Effect: 'Allow', Action: 'cams:*', Resource: '*', Back: document });
    // Then the error is cyclic-value, at the field that closes the cycle
    const error = expectMisuse(() => root.validatePolicy(document, { kind: 'identity' }), 'cyclic-value', 'value.Statement[0].Back');
    expect(error.message).toContain('refers back to `value`');
  });

  it('a raw JSON document given to compilePolicySet says to call parsePolicy first', () => {
    const error = expectMisuse(() => root.compilePolicySet(bad(RAW_DOCUMENT)), 'raw-document', 'set');
    expect(error.message).toContain('`parsePolicy`');
    expect(error.message).toContain('emptyPolicySet()');
  });

  it('a raw document inside a PolicySet is found where it is', () => {
    const set = { ...root.emptyPolicySet(), control: [[{ name: 'scp', document: bad<PolicyDocument>(RAW_DOCUMENT) }]] };
    expectMisuse(() => root.compilePolicySet(set), 'raw-document', 'set.control[0][0].document');
  });
});

describe('a step skipped says which step', () => {
  it('evaluate given a PolicySet: compile it first', () => {
    const error = expectMisuse(() => root.evaluate(bad(policySet()), request()), 'not-compiled', 'compiled');
    expect(error.message).toContain('`compilePolicySet`');
  });

  it('whoCan given a raw snapshot: parse it first', () => {
    const raw = { accountId: '1234567890123456', roles: [{ name: 'r', trustPolicy: { file: 'trust.json' } }] };
    const error = expectMisuse(() => root.whoCan(bad(raw), { action: 'cams:UpdateInstance' }), 'raw-document', 'snapshot');
    expect(error.message).toContain('`parseSnapshot`');
  });

  it('whoCan given a snapshot whose references do not hold: the first broken one, and parseSnapshot', () => {
    // Given the example snapshot without its groups, which its users are members of
    const broken = { ...snapshot(), groups: [] };
    const error = expectMisuse(() => root.whoCan(broken, { action: 'cams:UpdateInstance' }), 'invalid-argument', 'snapshot.users[0].groups[0]');
    expect(error.message).toContain('`parseSnapshot`');
  });

  it('whoCan and principalCan take grants per `resource` or per `class`, nothing else', () => {
    const error = expectMisuse(() => root.whoCan(snapshot(), { action: 'cams:UpdateInstance', grantsPer: bad('instance') }), 'unknown-kind', 'input.grantsPer');
    expect(error.message).toContain('`class`');
    expectMisuse(() => root.principalCan(snapshot(), { principal: 'user/alice', grantsPer: bad(1) }), 'invalid-argument', 'input.grantsPer');
    expect(root.whoCan(snapshot(), { action: 'cams:UpdateInstance', grantsPer: 'class', escalation: false }).result?.principals[0]?.classGrants).toBeDefined();
  });

  it('startCamsEmulator given a configuration as written: parse it first, and it rejects', async () => {
    const written = { accountId: '1', region: 'cn-hangzhou', accessKeys: [] };
    const started = emulator.startCamsEmulator(bad(written));
    await expect(started).rejects.toBeInstanceOf(RamguardError);
    await expect(started).rejects.toMatchObject({ code: 'raw-document', message: expect.stringContaining('`parseEmulatorConfig`') });
  });
});

describe('data arguments are bounded walks', () => {
  it(`nesting deeper than ${MAX_ARGUMENT_DEPTH} is too-deep, with a short path`, () => {
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_ARGUMENT_DEPTH + 5; i++) deep = [deep];
    const error = thrown(() => root.validatePolicy({ Version: '1', Statement: deep }, { kind: 'identity' }));
    expect(error.code).toBe('too-deep');
    expect(error.message.length).toBeLessThan(300);
  });

  it(`nesting of exactly ${MAX_ARGUMENT_DEPTH} levels is data, and gets diagnostics`, () => {
    let deep: unknown = 'x';
    for (let i = 0; i < MAX_ARGUMENT_DEPTH - 2; i++) deep = [deep];
    const result = root.validatePolicy({ Version: '1', Statement: deep }, { kind: 'identity' });
    expect(result.policy).toBeUndefined();
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it('a value shared by two parents is not a cycle', () => {
    const statement = { Effect: 'Allow', Action: 'cams:*', Resource: '*' };
    expect(root.validatePolicy({ Version: '1', Statement: [statement, statement] }, { kind: 'identity' }).policy?.statements).toHaveLength(2);
  });

  it('a bigint inside data is refused where it is', () => {
    expectMisuse(() => root.policySize({ Version: '1', Statement: [{ Effect: 'Allow', Action: 10n }] }), 'invalid-argument', 'document.Statement[0].Action');
  });
});

describe('user keys are data, whatever their names', () => {
  it('context keys `__proto__`, `constructor` and `toString` pass the guard and reach the evaluator', () => {
    // Given a context parsed from JSON, with an own `__proto__` key
    const context = JSON.parse('{"__proto__": "x", "constructor": "y", "toString": ["z"], "acs:SourceIp": "203.0.113.7", "acs:SecureTransport": "true"}') as Record<string, string | string[]>;
    // When the request is prepared and evaluated through the guarded entry
    const prepared = root.prepareRequest({ ...request(), context });
    // Then every key is kept as data and the evaluation answers
    expect([...prepared.context.keys()]).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'tostring']));
    expect(root.evaluate(compiled(), prepared, { trace: false }).decision).toBe('Allow');
  });
});

describe('callbacks are checked when they answer', () => {
  it('a readFile that answers a string is named in the error', () => {
    const scenario = 'request: { principal: { type: RamUser }, action: cams:GetInstance, resource: "*" }\npolicies: { identity: [{ name: ops, file: ops.json }] }';
    expectMisuse(() => root.parseScenario(scenario, { readFile: bad(() => 'ops') }), 'invalid-argument', 'options.readFile()');
  });

  it('what a callback itself throws goes through unchanged', () => {
    const mine = new Error('my reader failed');
    const scenario = 'request: { principal: { type: RamUser }, action: cams:GetInstance, resource: "*" }\npolicies: { identity: [{ name: ops, file: ops.json }] }';
    expect(() =>
      root.parseScenario(scenario, {
        readFile: () => {
          throw mine;
        },
      }),
    ).toThrow(mine);
  });
});

describe('async functions reject, never throw', () => {
  it.each([
    ['callCams', () => client.callCams(bad(null), {}, bad(null))],
    ['callRpc', () => client.callRpc(bad(undefined), bad(undefined))],
    ['auditRenderer', () => root.auditRenderer(bad(42))],
    ['startAccountEmulator', () => emulator.startAccountEmulator(bad({}))],
    ['updateInstance', () => new client.GuardedCamsClient({ region: 'cn-hangzhou', accountId: '1', policies: policySet(), principal: { type: 'RamUser' }, credential: { getCredential: async () => ({}) } }).updateInstance(bad(null))],
    ['a client call', () => client.createRpcClient({ endpoint: { protocol: 'http', host: '127.0.0.1:9' }, regionId: 'x', credential: { getCredential: async () => ({}) }, timeoutMs: 10, retry: client.DEFAULT_RETRY }).call(bad(null))],
  ])('%s', async (_, call) => {
    let result: Promise<unknown> | undefined;
    expect(() => (result = call())).not.toThrow();
    await expect(result).rejects.toMatchObject({ name: 'RamguardError', code: 'invalid-argument' });
  });
});

describe('RamguardError', () => {
  it('is an Error with a name, a code and the argument', () => {
    const error = thrown(() => root.evaluate(compiled(), { ...request(), principal: { type: bad('Admin') } }));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RamguardError');
    expect(error.code).toBe('unknown-kind');
    expect(error.argument).toBe('input.principal.type');
  });

  it('keeps control characters of user keys out of its message', () => {
    const error = thrown(() => root.evaluate(compiled(), { ...request(), context: { 'k\u001b]0;x\u0007': bad(1) } }));
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
    expect(error.message).toContain('\\u001b');
  });
});

describe('a set compilePolicySet built is not checked again by evaluate', () => {
  it('evaluates it as compiled, and still checks a copy whose statement count was changed', () => {
    const set = root.compilePolicySet(policySet());
    expect(root.evaluate(set, request()).decision).toBe(root.evaluate(root.compilePolicySet(policySet()), request()).decision);
    // A copy is not what compilePolicySet returned: it is checked in full, as any hand-made set.
    expectMisuse(() => root.evaluate({ ...set, statementCount: set.statementCount + 1 }, request()), 'invalid-argument', 'compiled.statementCount');
  });
});
