/**
 * What `ramguard lint` keeps and how it reads and prints (issue 15, "Memory"): the report kept
 * deflated (PackedParts) prints byte for byte what the report kept whole prints, in every format;
 * printParts reads a report's parts once and cuts where `printable` cuts; readBounded reads a
 * file into one buffer of its size, and all of a file that grew after its size was read; a lint
 * sets its V8 flags (src/cli/lint-flags.ts) but for one named file, and loads node:v8 for neither.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_PRINT_CHARACTERS, printable, readBounded } from '../../src/cli/kit/io.js';
import { printed } from '../lint/printed.js';
import { PackedParts } from '../../src/cli/kit/packed-parts.js';
import { LINT_V8_FLAGS, setLintFlags, wantsLintFlags } from '../../src/cli/lint-flags.js';
import { bindingSetFlags } from '../../src/cli/kit/v8-flags.js';
import { builtinCatalog } from '../../src/index.js';
import { lintPolicy } from '../../src/lint/engine.js';
import { JsonReport } from '../../src/lint/format/json.js';
import { SarifReport } from '../../src/lint/format/sarif.js';
import { TextReport, withFrames } from '../../src/lint/format/text.js';
import { RULES } from '../../src/lint/registry.js';
import { EXAMPLES, ROOT } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'ramguard-lint-memory-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));


describe('PackedParts', () => {
  it('gives back what was pushed, in fewer parts, as often as it is read', () => {
    const store = new PackedParts();
    const pushed = Array.from({ length: 3_000 }, (_, i) => `item ${i}: ${'é€'.repeat(i % 40)}\n`);
    for (const text of pushed) store.push(text);
    const parts = [...store.parts()];
    expect(parts.join('')).toBe(pushed.join(''));
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.length).toBeLessThan(pushed.length / 10);
    expect([...store.parts()].join('')).toBe(pushed.join(''));
  });

  it('prints a lone surrogate as printing it unpacked does (U+FFFD), and an empty store as nothing', () => {
    const store = new PackedParts();
    const pushed = ['x'.repeat(70 * 1024), 'a\ud800b', '\udc00'];
    for (const text of pushed) store.push(text);
    expect(printed(store.parts())).toBe(printed(pushed));
    expect([...new PackedParts().parts()]).toEqual([]);
  });
});

describe('reports kept deflated', () => {
  // Enough files for several deflated batches, with findings of every report's shapes.
  const texts = Array.from({ length: 300 }, (_, i) => ({
    file: `p${i}.json`,
    text: JSON.stringify({ Version: '1', Statement: [{ Effect: i % 3 === 0 ? 'allow' : 'Allow', Action: ['cams:getinstance', `cams:GetInstancez${i}`, 'ecs:*'], Resource: i % 2 === 0 ? '*' : 'acs:ram::123:user/*' }] }, null, 2),
  }));
  const files = texts.map(({ file, text }) => ({ file, text, findings: lintPolicy({ file, kind: 'identity', text, pointerPrefix: '' }, builtinCatalog()) }));
  const packed = () => new PackedParts();

  it('the files have findings', () => {
    expect(files.every((f) => f.findings.length > 0)).toBe(true);
  });

  it('text', () => {
    const [whole, deflated] = [new TextReport(true), new TextReport(true, packed)];
    for (const { file, text, findings } of files) for (const report of [whole, deflated]) report.addFile(file, withFrames(findings, text));
    expect(printed(deflated.lazyParts())).toBe(printable(whole.render()) + '\n');
    expect(whole.render().length).toBeGreaterThan(128 * 1024); // two batches and more
  });

  it('JSON', () => {
    const stats = { files: files.length, policies: files.length, suppressed: 0 };
    const [whole, deflated] = [new JsonReport(), new JsonReport(packed)];
    for (const { findings } of files) for (const report of [whole, deflated]) report.addFile(findings);
    expect(printed(deflated.lazyParts(stats))).toBe(printable(whole.render(stats)) + '\n');
  });

  it('SARIF', () => {
    const uriOf = (file: string) => `policies/${file}`;
    const [whole, deflated] = [new SarifReport(RULES, '0.1.0', uriOf), new SarifReport(RULES, '0.1.0', uriOf, {}, packed)];
    for (const { findings } of files) for (const report of [whole, deflated]) report.addFile(findings);
    expect(printed(deflated.lazyParts())).toBe(printable(whole.render()) + '\n');
  });
});

describe('printParts', () => {
  it('reads the parts once', () => {
    let reads = 0;
    function* parts() {
      reads++;
      yield 'a\r';
      yield '\nb';
    }
    expect(printed(parts())).toBe(printable('a\r\nb') + '\n');
    expect(reads).toBe(1);
  });

  it('cuts a report longer than the most one call prints where printable cuts it, reading no further', () => {
    const size = 1_000_000;
    const cutIn = Math.floor(MAX_PRINT_CHARACTERS / size); // the part the cut falls in
    let reads = 0;
    function* parts() {
      for (let i = 0; i < cutIn + 5; i++) {
        reads++;
        yield i === cutIn ? '\u001b' + 'x'.repeat(size - 1) : 'x'.repeat(size);
      }
    }
    const out = printed(parts());
    const note = `\n… output cut at ${MAX_PRINT_CHARACTERS} characters\n`;
    expect(out.endsWith(`xxx${note}`)).toBe(true);
    expect(out.slice(cutIn * size - 1, cutIn * size + 7)).toBe('x\\u001bx');
    expect(out.length).toBe(MAX_PRINT_CHARACTERS + 5 + note.length);
    expect(reads).toBe(cutIn + 1);
  });
});

describe('readBounded', () => {
  /** Reads `name` with readBounded(fd, limit, expected). */
  function read(name: string, limit: number, expected?: number): Buffer {
    const fd = openSync(join(dir, name), 'r');
    try {
      return readBounded(fd, limit, expected);
    } finally {
      closeSync(fd);
    }
  }

  it('reads a file of the expected size, one that grew past it, an empty one, and stops one byte past the limit', () => {
    const text = 'policy '.repeat(30_000);
    writeFileSync(join(dir, 'f.txt'), text);
    writeFileSync(join(dir, 'empty.txt'), '');
    expect(read('f.txt', 1_000_000, text.length).toString()).toBe(text);
    expect(read('f.txt', 1_000_000, 10).toString()).toBe(text);
    expect(read('f.txt', 1_000_000).toString()).toBe(text);
    expect(read('empty.txt', 1_000, 0).length).toBe(0);
    expect(read('f.txt', 1_001, text.length).length).toBe(1_001);
    expect(read('f.txt', 1_001, 5).length).toBe(1_001);
  });
});

describe("lint's V8 flags", () => {
  const isFile = (path: string) => path.endsWith('.json');

  it.each([
    [['lint', 'a.json'], false],
    [['lint', 'policies'], true],
    [['lint', 'a.json', 'b.json'], true],
    [['lint', '--format', 'json', 'a.json'], true],
    [['lint', '--list-rules'], true],
    [['lint'], true],
    [['eval', 'a.json'], false],
    [['--version'], false],
  ])('%j sets them: %s', (args, expected) => {
    expect(wantsLintFlags(args, isFile)).toBe(expected);
  });

  /** Whether the bin, running `args` in the examples' folder, had `--expose-gc` set, and whether it loaded node:v8. */
  function flagsOf(args: string[]): { exposeGc: boolean; nodeV8: boolean } {
    const reporter = join(dir, 'v8-loaded.cjs');
    writeFileSync(reporter, "process.on('exit', () => require('fs').writeSync(3, JSON.stringify({ exposeGc: require('vm').runInNewContext('typeof gc') === 'function', nodeV8: process.moduleLoadList.includes('NativeModule v8') })));\n");
    const run = spawnSync(process.execPath, ['--require', reporter, join(ROOT, 'dist', 'cli', 'main.cjs'), ...args], { cwd: EXAMPLES, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    // No deprecation warning either: process.binding('v8') is called with it silenced.
    expect(run.stderr).toBe('');
    return JSON.parse(String(run.output[3])) as { exposeGc: boolean; nodeV8: boolean };
  }

  it('the bin sets them for a lint of a folder, not for one file, loading node:v8 for neither (round 5: through the V8 binding)', () => {
    expect(flagsOf(['lint', 'cams-operator.json'])).toEqual({ exposeGc: false, nodeV8: false });
    expect(flagsOf(['lint', '.'])).toEqual({ exposeGc: true, nodeV8: false });
  });

  it("this Node's V8 binding has setFlagsFromString, and setLintFlags sets every flag through the function given", () => {
    expect(bindingSetFlags()).toBeTypeOf('function');
    const set: string[] = [];
    const heap = setLintFlags((flag) => void set.push(flag));
    expect(set).toEqual([...LINT_V8_FLAGS]);
    expect(heap.used()).toBeGreaterThan(1024 * 1024);
  });
});
