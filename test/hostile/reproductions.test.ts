/**
 * The reproductions of issue 12, §1, as named tests — items 1 to 5, what ramguard reads (items 6,
 * 7, 9 and 12, what it writes and prints: reproductions-output.test.ts). Each is the attack as the
 * issue describes it, and what must come of it: a clear diagnostic, the documented exit code,
 * nothing read, written, run or printed that should not be. In-process runs (harness.ts) unless
 * only the real process can show it (an abort, a blocking open), then the built binary.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { describeRun, runBinary } from './binary.js';
import { BOUNDS, createSuiteDir, firstLineOf, OUTSIDE_SECRET, runInProcess, type Stdin, type SuiteDir } from './harness.js';
import { EVAL_REQUEST, expectClean, printed } from './clean.js';
import { GOOD_POLICY_TEXT } from './policy-structure.js';
import { BASE_SCENARIO } from './scenario-families.js';

let dir: SuiteDir;
const run = (argv: string[], stdin?: Stdin, cwd = dir.tree) => runInProcess(argv, cwd, stdin);

beforeAll(() => {
  dir = createSuiteDir('reproductions');
  writeFileSync(join(dir.tree, 'p.json'), GOOD_POLICY_TEXT);
});
afterAll(() => dir?.remove());

describe('item 1: git option injection', () => {
  let repo: string;
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.com', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' });
  beforeAll(() => {
    repo = join(dir.tree, 'repo');
    mkdirSync(repo);
    writeFileSync(join(repo, 'p.json'), GOOD_POLICY_TEXT);
    git('init', '-q');
    git('add', 'p.json');
    git('commit', '-q', '-m', 'p');
  });
  const filesOf = () => readdirSync(repo).sort();

  it('a revision is read from git (the path the attack takes works for real input)', async () => {
    const r = await run(['check', 'no-new-access', '--base', 'HEAD:p.json', '--candidate', 'p.json'], undefined, repo);
    expect(r.exit, firstLineOf(r)).toBe(0);
  });

  it.each([
    ['check --base=--output=pwned.txt:x', ['check', 'no-new-access', '--base=--output=pwned.txt:x', '--candidate', 'p.json'], 'pwned.txt:x'],
    ['diff -- --output=y:z p.json', ['diff', '--', '--output=y:z', 'p.json'], 'y:z'],
    ['check --candidate=--output=cand.txt:x', ['check', 'no-new-access', '--base', 'p.json', '--candidate=--output=cand.txt:x'], 'cand.txt:x'],
    ['check access-not-granted --policy=--output=ang.txt:x', ['check', 'access-not-granted', '--policy=--output=ang.txt:x', '--action', 'cams:*'], 'ang.txt:x'],
  ])('%s exits 2 and writes no file', async (_, argv, written) => {
    const before = filesOf();
    const r = await run(argv, undefined, repo);
    expect(r.exit, firstLineOf(r)).toBe(2);
    expectClean(r);
    expect(existsSync(join(repo, written))).toBe(false);
    expect(filesOf()).toEqual(before);
  });
});

describe('item 2: file references stay inside the tree', () => {
  const scenarioWith = (file: string) => stringify({ ...BASE_SCENARIO, policies: { identity: [{ name: 'p', file }] } });
  beforeAll(() => {
    writeFileSync(join(dir.outside, 'ok.json'), GOOD_POLICY_TEXT);
    mkdirSync(join(dir.tree, 'refs'));
    symlinkSync('../../outside/passwd', join(dir.tree, 'refs', 'link.json'));
    for (const [name, file] of [['up', '../../outside/passwd'], ['etc', '/etc/passwd'], ['link', 'link.json'], ['ok', '../../outside/ok.json'], ['fifo', '../../outside/fifo']]) {
      writeFileSync(join(dir.tree, 'refs', `${name}.scenario.yaml`), scenarioWith(file!));
    }
  });

  it.each(['up', 'etc', 'link', 'ok'])('a reference outside (%s) is path-outside-tree, exit 2, its content never printed', async (name) => {
    const r = await run(['eval', '--scenario', `refs/${name}.scenario.yaml`]);
    expect(r.exit).toBe(2);
    expect(r.err).toContain('path-outside-tree');
    expect(printed(r)).not.toContain(OUTSIDE_SECRET);
    expect(printed(r)).not.toContain('root:x:0:0');
    expectClean(r);
  });

  it('nothing is opened: a reference to a FIFO outside answers at once (opening it would block)', () => {
    const made = spawnSync('mkfifo', [join(dir.outside, 'fifo')]);
    if (made.status !== 0) return; // no mkfifo: the other references show the same rule
    const r = runBinary(['eval', '--scenario', 'refs/fifo.scenario.yaml'], dir.tree, { timeoutMs: 10_000 });
    expect(r.signal, describeRun(r)).toBeNull();
    expect(r.status, describeRun(r)).toBe(2);
    expect(r.stderr).toContain('path-outside-tree');
  });

  it('--allow-path DIR widens the tree: the same reference is read', async () => {
    const r = await run(['eval', '--scenario', 'refs/ok.scenario.yaml', '--allow-path', dir.outside]);
    expect(r.err).not.toContain('path-outside-tree');
    expect([0, 1, 3]).toContain(r.exit);
  });

  it('a snapshot reference outside is path-outside-tree too', async () => {
    const snapshot = stringify({ accountId: '1234567890123456', policies: [{ name: 'x', defaultVersion: 'v1', versions: [{ id: 'v1', file: '/etc/passwd' }] }], users: [{ name: 'alice', attachments: [{ policy: 'x', type: 'Custom' }] }] });
    writeFileSync(join(dir.tree, 'refs', 'outside.snapshot.yaml'), snapshot);
    for (const argv of [['eval', '--snapshot', 'refs/outside.snapshot.yaml', '--principal', 'user/alice', ...EVAL_REQUEST], ['audit', 'who-can', '--snapshot', 'refs/outside.snapshot.yaml', '--action', 'cams:UpdateInstance']]) {
      const r = await run(argv);
      expect(r.exit, firstLineOf(r)).toBe(2);
      expect(r.err).toContain('path-outside-tree');
      expect(printed(r)).not.toContain('root:x:0:0');
    }
  });
});

describe('item 3: every read is bounded', () => {
  it.each([
    ['validate /dev/zero', ['validate', '/dev/zero'], undefined],
    ['validate - < /dev/zero', ['validate', '-'], 'endless'],
    ['eval --policy - < /dev/zero', ['eval', '--policy', '-', ...EVAL_REQUEST], 'endless'],
    ['lint - < /dev/zero', ['lint', '-'], 'endless'],
  ] as const)('%s exits 2 in about a second (in-process)', async (_, argv, stdin) => {
    const r = await run([...argv], stdin);
    expect(r.exit, firstLineOf(r)).toBe(2);
    expect(r.cpuMs).toBeLessThan(1_500);
    expect(Math.max(...r.stdinRequests, 0)).toBeLessThanOrEqual(1_000_000);
    expectClean(r);
  });

  it.each([
    ['validate /dev/zero', ['validate', '/dev/zero'], undefined],
    ['validate - < /dev/zero', ['validate', '-'], { path: '/dev/zero' }],
  ] as const)('%s exits 2 as a real process, quickly', (_, argv, stdin) => {
    const r = runBinary([...argv], dir.tree, { stdin, timeoutMs: 10_000 });
    expect(r.status, describeRun(r)).toBe(2);
    expect(r.ms, describeRun(r)).toBeLessThan(5_000);
    expect(r.stderr).not.toContain('bad_alloc');
  });
});

describe('item 4: amplification inside the limits', () => {
  const list = '[' + Array(50_000).fill('x').join(', ') + ']';
  const inputs: Record<string, string> = {
    'aliases.yaml': `Version: "1"\nStatement:\n  - Effect: Allow\n    Action: &l ${list}\n    Resource: [${Array(10).fill('*l').join(', ')}]\n`,
    'dup-5000.json': `{"Version": "1", "Statement": [{${Array(5_000).fill('"Sid": "a"').join(', ')}, "Effect": "Allow", "Action": "cams:*", "Resource": "*"}]}`,
    'dup-20000.json': `{"Version": "1", "Statement": [{${Array(20_000).fill('"Sid": "a"').join(', ')}, "Effect": "Allow", "Action": "cams:*", "Resource": "*"}]}`,
    'actions-190000.json': `{"Version": "1", "Statement": [{"Effect": "Allow", "Action": [${Array(190_000).fill('"a"').join(',')}], "Resource": "*"}]}`,
    'deep-10000.json': '['.repeat(10_000) + ']'.repeat(10_000),
    'wide-line.json': `{"Version": "1", "Statement": [{"Sid": "${'s'.repeat(900_000)}", "Effect": "Allow", "Action": "cams:UpdateInstanse", "Resource": "*"}]}`,
  };
  beforeAll(() => {
    for (const [name, text] of Object.entries(inputs)) writeFileSync(join(dir.tree, name), text);
  });

  // (validate, lint SARIF and check get the same kinds of input in the policies suite)
  it.each(Object.keys(inputs))('%s: lint and eval answer with a diagnostic, bounded in time, memory and output', async (name) => {
    for (const argv of [['lint', name], ['eval', '--policy', name, ...EVAL_REQUEST]]) {
      const r = await run(argv);
      const what = `${argv.join(' ')}: exit ${r.exit}: ${firstLineOf(r)}`;
      expect(argv[0] === 'lint' ? [1, 2] : [2], what).toContain(r.exit);
      expectClean(r);
      // The heavy bound: parsing 650 KB of YAML alone costs the yaml library 0.6 s (the issue measured 10 s and 570 MB).
      expect(r.cpuMs, what).toBeLessThan(BOUNDS.heavyCpuMs);
      expect(r.memoryMb, what).toBeLessThan(BOUNDS.memoryMb);
      // Diagnostics are capped per file and code frames cut: no report of megabytes.
      expect(r.printed, what).toBeLessThan(256 * 1024);
    }
  });
});

describe('item 5: deep YAML never aborts V8', () => {
  it.each([
    ['lint', 1_000],
    ['validate', 1_000],
    ['lint', 10_000],
  ] as const)('%s on `- ` × %i + `x` exits 1 or 2 without FATAL ERROR (real process)', (command, depth) => {
    writeFileSync(join(dir.tree, `s-${depth}.yaml`), '- '.repeat(depth) + 'x\n');
    const r = runBinary([command, `s-${depth}.yaml`], dir.tree);
    expect(r.signal, describeRun(r)).toBeNull();
    expect(r.status, describeRun(r)).not.toBe(134);
    expect(command === 'lint' ? [1, 2] : [2], describeRun(r)).toContain(r.status);
    expect(r.stderr + r.stdout).not.toContain('FATAL');
  });
});

