/**
 * A lint's report kept in an unnamed file (src/cli/kit/spooled-parts.ts; issue 15, "Memory",
 * round 5): it prints byte for byte what the report kept whole prints, in every format, leaves no
 * file behind, and is kept deflated where no file can be made or written.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printable } from '../../src/cli/kit/io.js';
import { openUnnamed, SpooledParts } from '../../src/cli/kit/spooled-parts.js';
import { builtinCatalog } from '../../src/index.js';
import { lintPolicy } from '../../src/lint/engine.js';
import { JsonReport } from '../../src/lint/format/json.js';
import { SarifReport } from '../../src/lint/format/sarif.js';
import { TextReport, withFrames } from '../../src/lint/format/text.js';
import { RULES } from '../../src/lint/registry.js';
import { printed } from '../lint/printed.js';
import { runInProcess } from '../hostile/harness.js';
import { ROOT } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'ramguard-spooled-parts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A new empty directory for one test's store. */
const home = (name: string) => {
  const path = join(dir, name);
  mkdirSync(path);
  return path;
};

describe('SpooledParts', () => {
  const pushed = Array.from({ length: 3_000 }, (_, i) => `item ${i}: ${'é€'.repeat(i % 40)}\n`);
  /** A store whose file is made in a new directory `name` of the test's. */
  const storeIn = (name: string) => {
    const where = home(name);
    return { where, store: new SpooledParts(() => openUnnamed(where)) };
  };

  it('gives back what was pushed, in fewer parts, as often as it is read, and leaves no file', () => {
    const { where, store } = storeIn('store');
    for (const text of pushed) store.push(text);
    expect(store.keptIn).toBe('file');
    expect(readdirSync(where)).toEqual([]);
    const parts = [...store.parts()];
    expect(parts.join('')).toBe(pushed.join(''));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.length).toBeLessThan(pushed.length / 10);
    expect([...store.parts()].join('')).toBe(pushed.join(''));
    store.close();
  });

  it('makes no file for less than a batch', () => {
    let made = 0;
    const store = new SpooledParts(() => (made++, openUnnamed(home('short'))));
    store.push('short report');
    expect([...store.parts()]).toEqual(['short report']);
    expect(store.keptIn).toBe('memory');
    expect(made).toBe(0);
  });

  it('prints a lone surrogate as printing it unspooled does (U+FFFD), and an empty store as nothing', () => {
    const { store } = storeIn('surrogates');
    const texts = ['x'.repeat(70 * 1024), 'a\ud800b', '\udc00'];
    for (const text of texts) store.push(text);
    expect(printed(store.parts())).toBe(printed(texts));
    expect([...new SpooledParts().parts()]).toEqual([]);
  });

  it('makes no file where none can be made, nor on Windows, and then keeps the text deflated', () => {
    expect(openUnnamed(join(dir, 'no-such-directory'))).toBeUndefined();
    expect(openUnnamed(home('windows'), 'win32')).toBeUndefined();
    expect(readdirSync(join(dir, 'windows'))).toEqual([]);
    const store = new SpooledParts(() => openUnnamed(join(dir, 'no-such-directory')));
    for (const text of pushed) store.push(text);
    expect(store.keptIn).toBe('deflated');
    expect([...store.parts()].join('')).toBe(pushed.join(''));
  });

  it('keeps deflated, in order, what it cannot write', () => {
    const path = join(dir, 'read-only.txt');
    writeFileSync(path, '');
    const store = new SpooledParts(() => openSync(path, 'r'));
    for (const text of pushed) store.push(text);
    expect(store.keptIn).toBe('deflated');
    expect([...store.parts()].join('')).toBe(pushed.join(''));
    store.close();
  });
});

describe('reports kept in a file', () => {
  const texts = Array.from({ length: 300 }, (_, i) => ({
    file: `p${i}.json`,
    text: JSON.stringify({ Version: '1', Statement: [{ Effect: i % 3 === 0 ? 'allow' : 'Allow', Action: ['cams:getinstance', `cams:GetInstancez${i}`, 'ecs:*'], Resource: i % 2 === 0 ? '*' : 'acs:ram::123:user/*' }] }, null, 2),
  }));
  const files = texts.map(({ file, text }) => ({ file, text, findings: lintPolicy({ file, kind: 'identity', text, pointerPrefix: '' }, builtinCatalog()) }));
  const spooled = () => new SpooledParts(() => openUnnamed(dir));

  it('text', () => {
    const [whole, kept] = [new TextReport(true), new TextReport(true, spooled)];
    for (const { file, text, findings } of files) for (const report of [whole, kept]) report.addFile(file, withFrames(findings, text));
    expect(printed(kept.lazyParts())).toBe(printable(whole.render()) + '\n');
    expect(whole.render().length).toBeGreaterThan(128 * 1024); // two batches and more
  });

  it('JSON', () => {
    const stats = { files: files.length, policies: files.length, suppressed: 0 };
    const [whole, kept] = [new JsonReport(), new JsonReport(spooled)];
    for (const { findings } of files) for (const report of [whole, kept]) report.addFile(findings);
    expect(printed(kept.lazyParts(stats))).toBe(printable(whole.render(stats)) + '\n');
  });

  it('SARIF', () => {
    const uriOf = (file: string) => `policies/${file}`;
    const [whole, kept] = [new SarifReport(RULES, '0.1.0', uriOf), new SarifReport(RULES, '0.1.0', uriOf, {}, spooled)];
    for (const { findings } of files) for (const report of [whole, kept]) report.addFile(findings);
    expect(printed(kept.lazyParts())).toBe(printable(whole.render()) + '\n');
  });
});

describe('the bin', () => {
  // Enough files for two batches of the text report and more of the others; findings with no
  // did-you-mean, which takes tens of milliseconds a finding under the lint's flags.
  const policies = join(dir, 'policies');
  mkdirSync(policies);
  for (let i = 0; i < 300; i++) writeFileSync(join(policies, `p${i}.json`), JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['ecs:DescribeInstances'], Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': [`10.0.${i}.1`] } } }] }, null, 2));

  /** The bin's lint of the policies with TMPDIR set: what it printed, and Node's modules it loaded. */
  function lint(format: string, temporary: string) {
    const reporter = join(dir, 'modules.cjs');
    writeFileSync(reporter, "process.on('exit', () => require('fs').writeSync(3, process.moduleLoadList.join('\\n')));\n");
    const run = spawnSync(process.execPath, ['--require', reporter, join(ROOT, 'dist', 'cli', 'main.cjs'), 'lint', 'policies', '--format', format], { cwd: dir, encoding: 'utf8', env: { ...process.env, TMPDIR: temporary }, stdio: ['ignore', 'pipe', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    expect(run.stderr).toBe('');
    return { status: run.status, stdout: run.stdout, modules: String(run.output[3]).split('\n') };
  }

  it.skipIf(process.platform !== 'linux')('a lint run in-process closes its report files once printed: no descriptor (nor disk space) is left per lint', async () => {
    const open = () => readdirSync('/proc/self/fd').length;
    const before = open();
    for (const format of ['text', 'json', 'sarif']) {
      const run = await runInProcess(['lint', 'policies', '--format', format], dir);
      expect(run.printed).toBeGreaterThan(64 * 1024); // more than a batch: kept in a file
    }
    expect(open()).toBe(before);
  });

  it.each(['text', 'json', 'sarif'])('%s: keeps the report in a file it leaves nowhere, loading neither zlib nor crypto; deflated, the same, where it cannot', (format) => {
    const temporary = home(`tmp-${format}`);
    const spooled = lint(format, temporary);
    expect(spooled.stdout.length).toBeGreaterThan(64 * 1024);
    expect(readdirSync(temporary)).toEqual([]);
    expect(spooled.modules).not.toContain('NativeModule zlib');
    expect(spooled.modules).not.toContain('NativeModule crypto');
    const deflated = lint(format, join(dir, 'no-such-directory'));
    expect(deflated.modules).toContain('NativeModule zlib');
    expect(deflated.stdout).toBe(spooled.stdout);
    expect(deflated.status).toBe(spooled.status);
  });
});
