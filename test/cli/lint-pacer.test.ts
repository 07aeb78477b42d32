/**
 * The lint's own full collections (issue 15, "Memory", round 4): CollectionPacer collects when the
 * heap in use and the buffers noted outside it have grown by its step; a lint given an Io with a
 * heap collects as it goes and prints what it prints without one; the bin's heap control collects
 * (lint-flags.ts: `--expose-gc`, the `gc` of a new context); the input reader reads every file
 * into one buffer and decodes each whole, whatever the sizes of the files before it.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createInputReader } from '../../src/cli/kit/input.js';
import { readBounded, type HeapControl, type Io } from '../../src/cli/kit/io.js';
import { LINT_V8_FLAGS } from '../../src/cli/lint-flags.js';
import { CollectionPacer, PACE_GROWTH, PACE_STEP } from '../../src/cli/lint-pacer.js';
import { runCli } from '../../src/cli/program.js';
import { ROOT } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'ramguard-lint-pacer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A heap whose use is set by the test; collecting brings it down to `live`. */
function fakeHeap(live: number): HeapControl & { inUse: number; collections: number } {
  const heap = {
    inUse: live,
    collections: 0,
    collect: () => {
      heap.collections++;
      heap.inUse = live;
    },
    used: () => heap.inUse,
  };
  return heap;
}

describe('CollectionPacer', () => {
  it('collects when the heap has grown by its step since the last collection, not before', () => {
    const heap = fakeHeap(1_000);
    const pacer = new CollectionPacer(heap, 100, 0);
    heap.inUse = 1_100;
    pacer.note();
    expect(heap.collections).toBe(0);
    heap.inUse = 1_101;
    pacer.note();
    expect(heap.collections).toBe(1);
    // Measured again after the collection: growth counts from what is live then.
    heap.inUse = 1_090;
    pacer.note();
    expect(heap.collections).toBe(1);
    heap.inUse = 1_200;
    pacer.note();
    expect(heap.collections).toBe(2);
  });

  it('counts the bytes noted outside the heap until it collects', () => {
    const heap = fakeHeap(1_000);
    const pacer = new CollectionPacer(heap, 100, 0);
    pacer.note(60);
    expect(heap.collections).toBe(0);
    pacer.note(41);
    expect(heap.collections).toBe(1);
    pacer.note(60);
    expect(heap.collections).toBe(1);
  });

  it('paces a report read part by part, and gives back every part', () => {
    const heap = fakeHeap(0);
    const pacer = new CollectionPacer(heap, 1_000);
    const parts = Array.from({ length: 10 }, (_, i) => String(i).repeat(300));
    expect([...pacer.paced(parts)]).toEqual(parts);
    // 3,000 characters noted: a collection at every 1,001 or more.
    expect(heap.collections).toBe(2);
  });

  it('lets the heap grow by a share of what is live when that is more than the step (collections cost what is live)', () => {
    const heap = fakeHeap(1_000);
    const pacer = new CollectionPacer(heap, 100, 0.25);
    heap.inUse = 1_250;
    pacer.note();
    expect(heap.collections).toBe(0);
    heap.inUse = 1_251;
    pacer.note();
    expect(heap.collections).toBe(1);
    // By default: at 40 MiB live, 10 MiB of growth before a collection, not 2.
    const big = fakeHeap(40 * 1024 * 1024);
    const paced = new CollectionPacer(big);
    expect(PACE_GROWTH).toBe(0.25);
    big.inUse = 40 * 1024 * 1024 + 10 * 1024 * 1024;
    paced.note();
    expect(big.collections).toBe(0);
    big.inUse += 1;
    paced.note();
    expect(big.collections).toBe(1);
  });

  it('steps by 2 MiB by default', () => {
    const heap = fakeHeap(0);
    const pacer = new CollectionPacer(heap);
    heap.inUse = PACE_STEP;
    pacer.note();
    expect(heap.collections).toBe(0);
    heap.inUse = PACE_STEP + 1;
    pacer.note();
    expect(heap.collections).toBe(1);
  });
});

describe('a lint with a heap to pace', () => {
  const folder = join(dir, 'policies');
  mkdirSync(folder);
  for (let i = 0; i < 60; i++) {
    const statements = [{ Effect: i % 5 === 0 ? 'allow' : 'Allow', Action: ['ecs:DescribeInstances', `ecs:StartInstancez${i}`], Resource: '*' }];
    writeFileSync(join(folder, `p${i}.json`), JSON.stringify({ Version: '1', Statement: statements }, null, 2));
  }

  /** Runs `ramguard lint folder --format FORMAT` in-process, with `heap` when given. */
  async function lint(format: string, heap?: HeapControl): Promise<{ out: string; exit: number }> {
    const out: string[] = [];
    const io: Io = {
      out: (t) => out.push(t + '\n'),
      outParts: (parts) => out.push([...parts].join('') + '\n'),
      err: (t) => out.push(`err: ${t}\n`),
      setExit: () => {},
      cwd: dir,
      readStdin: () => Buffer.alloc(0),
      ...(heap ? { heap } : {}),
    };
    const exit = await runCli(['lint', 'policies', '--format', format], io);
    return { out: out.join(''), exit };
  }

  it.each(['text', 'json', 'sarif'])('%s: collects as it reads and prints, and prints the same report', async (format) => {
    let calls = 0;
    const heap = { collections: 0, collect: () => void heap.collections++, used: () => (calls += 1) * 64 * 1024 };
    const paced = await lint(format, heap);
    const plain = await lint(format);
    expect(paced).toEqual(plain);
    expect(plain.out.length).toBeGreaterThan(1_000);
    // 64 KiB more each time it is asked: past the 2 MiB step about every 32 files or parts.
    expect(heap.collections).toBeGreaterThanOrEqual(1);
  });
});

describe("the bin's heap control", () => {
  it('sets --expose-gc with the other flags, and collects through a gc function (in a process of its own)', () => {
    expect(LINT_V8_FLAGS).toContain('--expose-gc');
    const script = `
      import(${JSON.stringify(join(ROOT, 'dist', 'cli', 'lint-flags.js'))}).then(({ setLintFlags }) => {
        const heap = setLintFlags();
        let garbage = Array.from({ length: 200000 }, (_, i) => ({ i }));
        const before = heap.used();
        garbage = undefined;
        heap.collect();
        process.stdout.write(JSON.stringify({ before, after: heap.used(), gc: typeof globalThis.gc }));
      });`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { before, after, gc } = JSON.parse(run.stdout) as { before: number; after: number; gc: string };
    expect(after).toBeLessThan(before - 5 * 1024 * 1024);
    // The gc function lives in a context of its own: the program's global gains nothing.
    expect(gc).toBe('undefined');
  });
});

describe('readBounded with a scratch buffer', () => {
  it('reads into the scratch buffer when the file fits in it, into a buffer of its own when not', () => {
    writeFileSync(join(dir, 'small.txt'), 'small');
    writeFileSync(join(dir, 'large.txt'), 'l'.repeat(100));
    const scratch = Buffer.alloc(64, 'x');
    const read = (name: string, size: number) => {
      const fd = openSync(join(dir, name), 'r');
      try {
        return readBounded(fd, 1_000, size, scratch);
      } finally {
        closeSync(fd);
      }
    };
    const small = read('small.txt', 5);
    expect(small.toString()).toBe('small');
    expect(small.buffer).toBe(scratch.buffer);
    const large = read('large.txt', 100);
    expect(large.toString()).toBe('l'.repeat(100));
    expect(large.buffer).not.toBe(scratch.buffer);
    // A file that grew past the size it was read by: all of it, in a buffer of its own.
    const grown = read('large.txt', 5);
    expect(grown.toString()).toBe('l'.repeat(100));
    expect(grown.buffer).not.toBe(scratch.buffer);
  });
});

describe('the input reader', () => {
  it('reads files of any size in turn into its one buffer, each decoded whole', () => {
    const files = [
      ['a.json', 'a'.repeat(40_000)],
      ['b.json', 'b'.repeat(10)],
      ['c.json', 'é€'.repeat(30_000)],
      ['d.json', ''],
      ['e.json', 'e'.repeat(2_000_000)],
      ['f.json', 'f'.repeat(100)],
    ] as const;
    for (const [name, text] of files) writeFileSync(join(dir, name), text);
    const { reader } = createInputReader({ out: () => {}, err: () => {}, setExit: () => {}, cwd: dir, readStdin: () => Buffer.alloc(0) });
    const texts = files.map(([name]) => reader.read(name, { maxBytes: 4_000_000 }));
    expect(texts).toEqual(files.map(([file, text]) => ({ file, text })));
  });
});
