/**
 * The reproductions of issue 12, §1, items 6, 7, 9 and 12 — what ramguard keys, writes and prints
 * (items 1 to 5: reproductions.test.ts): keys named after Object.prototype members, `--output`
 * that must never replace an input or leave a part, terminal escapes from a policy, and typos in
 * an action that must not decide silently.
 */
import { linkSync, mkdirSync, readdirSync, readFileSync, existsSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { describeRun, runBinary } from './binary.js';
import { RESOURCE } from './commands.js';
import { createSuiteDir, firstLineOf, runInProcess, type SuiteDir } from './harness.js';
import { RAW_CONTROL, TERMINAL_PAYLOADS } from './inputs.js';
import { EVAL_REQUEST, expectClean, printed } from './clean.js';
import { GOOD_POLICY_TEXT } from './policy-structure.js';
import { BASE_SCENARIO } from './scenario-families.js';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../policies/examples');
let dir: SuiteDir;
const run = (argv: string[]) => runInProcess(argv, dir.tree);

beforeAll(() => {
  dir = createSuiteDir('reproductions-output');
  writeFileSync(join(dir.tree, 'p.json'), GOOD_POLICY_TEXT);
});
afterAll(() => dir?.remove());

describe('item 6: keys named after Object.prototype members, a self-referencing alias, unwritable --output', () => {
  beforeAll(() => {
    mkdirSync(join(dir.tree, 'snap'));
    for (const name of ['account.snapshot.yaml', 'cams-operator.json', 'control-no-deletes-in-prod.control.json', 'deny-without-mfa-on-delete.yaml']) {
      writeFileSync(join(dir.tree, 'snap', name), readFileSync(join(EXAMPLES, name)));
    }
    writeFileSync(join(dir.tree, 'loop.yaml'), 'a: &a [*a]\nVersion: "1"\nStatement: *a\n');
  });
  const PREFLIGHT = ['preflight', 'update-instance', '--region', 'ap-southeast-1', '--account-id', '1234567890123456', '--instance-id', 'i-1', '--instance-name', 'n', '--policy', 'p.json'];
  const WHO_CAN = ['audit', 'who-can', '--snapshot', 'snap/account.snapshot.yaml', '--action', 'cams:UpdateInstance'];

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'prototype'])('--context %s=x is an ordinary key for eval, preflight and audit who-can', async (key) => {
    for (const argv of [['eval', '--policy', 'p.json', ...EVAL_REQUEST], PREFLIGHT, WHO_CAN]) {
      for (const flag of [['--context', `${key}=x`], ['--context', `acs:${key}=x`]]) {
        const r = await run([...argv, ...flag]);
        expectClean(r);
        expect([0, 1, 3], `${[...argv, ...flag].join(' ')}: ${firstLineOf(r)}`).toContain(r.exit);
      }
    }
  });

  it.each(['__proto__', 'constructor'])('a scenario context key `%s` is an ordinary key', async (key) => {
    const scenario = stringify(BASE_SCENARIO).replace('  context:\n', `  context:\n    ${key}: x\n    acs:${key}: [a, b]\n`);
    writeFileSync(join(dir.tree, `ctx-${key}.scenario.yaml`), scenario.replaceAll('file: ', 'file: snap/'));
    const r = await run(['eval', '--scenario', `ctx-${key}.scenario.yaml`]);
    expectClean(r);
    expect([0, 1, 3], firstLineOf(r)).toContain(r.exit);
  });

  it('`a: &a [*a]` is invalid input, for validate, lint and eval', async () => {
    for (const [argv, exits] of [[['validate', 'loop.yaml'], [2]], [['lint', 'loop.yaml'], [1, 2]], [['eval', '--policy', 'loop.yaml', ...EVAL_REQUEST], [2]]] as const) {
      const r = await run([...argv]);
      expectClean(r);
      expect(exits, firstLineOf(r)).toContain(r.exit);
    }
  });

  it('lint --output into a missing directory exits 2 and creates nothing', async () => {
    const r = await run(['lint', 'p.json', '--format', 'sarif', '--output', 'missing/dir/report.sarif']);
    expect(r.exit).toBe(2);
    expect(r.err).toContain('unwritable-file');
    expectClean(r);
    expect(existsSync(join(dir.tree, 'missing'))).toBe(false);
  });

  it('lint --output onto a directory exits 2 and leaves the directory as it was (no temporary file)', async () => {
    mkdirSync(join(dir.tree, 'out-dir'));
    const r = await run(['lint', 'p.json', '--output', 'out-dir']);
    expect(r.exit).toBe(2);
    expect(r.err).toContain('unwritable-file');
    expectClean(r);
    expect(readdirSync(join(dir.tree, 'out-dir'))).toEqual([]);
    expect(readdirSync(dir.tree).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('item 7: --output never replaces an input', () => {
  beforeAll(() => {
    mkdirSync(join(dir.tree, 'out'));
    writeFileSync(join(dir.tree, 'out', 'p.json'), GOOD_POLICY_TEXT);
    symlinkSync('p.json', join(dir.tree, 'out', 'link.json'));
    linkSync(join(dir.tree, 'out', 'p.json'), join(dir.tree, 'out', 'hard.json'));
  });

  it.each([
    ['the same name', ['lint', 'out/p.json', '--output', 'out/p.json']],
    ['another spelling', ['lint', './out/p.json', '--output', 'out/../out/p.json']],
    ['a symlink to it', ['lint', 'out/p.json', '--output', 'out/link.json']],
    ['a hard link to it', ['lint', 'out/p.json', '--output', 'out/hard.json']],
    ['a file of a walked directory', ['lint', 'out', '--format', 'sarif', '--output', 'out/p.json']],
  ])('lint onto %s exits 2 and the policy is unchanged', async (_, argv) => {
    const r = await run(argv);
    expect(r.exit, firstLineOf(r)).toBe(2);
    expect(r.err).toContain('unwritable-file');
    expect(readFileSync(join(dir.tree, 'out', 'p.json'), 'utf8')).toBe(GOOD_POLICY_TEXT);
  });

  it('a previous report survives a run that fails, and a good run replaces it whole', async () => {
    writeFileSync(join(dir.tree, 'out', 'report.sarif'), 'previous report');
    const failed = await run(['lint', 'out/p.json', '--config', 'no-such-config.yaml', '--format', 'sarif', '--output', 'out/report.sarif']);
    expect(failed.exit).toBe(2);
    expect(readFileSync(join(dir.tree, 'out', 'report.sarif'), 'utf8')).toBe('previous report');
    const good = await run(['lint', 'out/p.json', '--format', 'sarif', '--output', 'out/report.sarif']);
    expect(good.exit, firstLineOf(good)).toBe(0);
    expect(JSON.parse(readFileSync(join(dir.tree, 'out', 'report.sarif'), 'utf8')).version).toBe('2.1.0');
  });
});

describe('item 9: terminal escapes from a policy are escaped in every output (real process)', () => {
  const osc = TERMINAL_PAYLOADS.osc;
  beforeAll(() => {
    const statement = (extra: object) => JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:*', Resource: '*', ...extra }] });
    writeFileSync(join(dir.tree, 'esc-sid.json'), statement({ Sid: `${osc}${TERMINAL_PAYLOADS.bidi}` }));
    writeFileSync(join(dir.tree, 'esc-effect.json'), statement({ Effect: osc }));
  });

  it.each([
    ['eval prints the Sid', ['eval', '--policy', 'esc-sid.json', ...EVAL_REQUEST]],
    ['eval --format json', ['eval', '--policy', 'esc-sid.json', ...EVAL_REQUEST, '--format', 'json']],
    ['validate echoes the Effect', ['validate', 'esc-effect.json']],
    ['lint echoes the Effect', ['lint', 'esc-effect.json']],
    ['lint --verbose', ['lint', 'esc-sid.json', '--verbose', '--fail-on', 'suggestion']],
  ])('%s: no ESC, BEL or bidi control reaches the terminal; the value is shown escaped', (_, argv) => {
    const r = runBinary(argv, dir.tree);
    const out = r.stdout + r.stderr;
    expect(RAW_CONTROL.test(out), describeRun(r)).toBe(false);
    expect(out).not.toContain('\u001b');
    expect(out, describeRun(r)).toMatch(/\\u001b|\\\\u001b/);
  });
});

describe('item 12: typos in an action do not decide silently', () => {
  beforeAll(() => {
    const policy = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:*', Resource: '*' }, { Effect: 'Deny', Action: 'cams:DeleteInstance', Resource: '*' }] };
    writeFileSync(join(dir.tree, 'typo.json'), JSON.stringify(policy));
  });
  const evalAction = (action: string, ...more: string[]) => run(['eval', '--policy', 'typo.json', '--action', action, '--resource', RESOURCE, ...more]);

  it('the real action is denied (the policy works)', async () => {
    expect((await evalAction('cams:DeleteInstance')).exit).toBe(1);
  });

  it('cams:DeleteInstanse warns unknown-action with did-you-mean cams:DeleteInstance', async () => {
    const r = await evalAction('cams:DeleteInstanse');
    expect([0, 1, 3]).toContain(r.exit);
    expect(printed(r)).toContain('unknown-action');
    expect(printed(r)).toContain('cams:DeleteInstance`');
    expectClean(r);
  });

  it('--strict turns the warning into exit 2', async () => {
    const r = await evalAction('cams:DeleteInstanse', '--strict');
    expect(r.exit).toBe(2);
    expect(printed(r)).toContain('unknown-action');
  });

  it.each([
    ['a long s (U+017F)', 'cams:DeleteIn\u017ftance'],
    ['a zero-width space', 'cams:Delete\u200bInstance'],
    ['a Cyrillic e', 'cams:D\u0435leteInstance'],
  ])('an action with %s is an error invalid-action, exit 2', async (_, action) => {
    const r = await evalAction(action);
    expect(r.exit).toBe(2);
    expect(r.err).toContain('invalid-action');
    expectClean(r);
  });
});
