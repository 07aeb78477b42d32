/** The CLI kit: reading with limits and confinement, safe output, git revisions, option parsers, escaping. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeTerminal } from '../../src/cli/kit/escape.js';
import { readRevision } from '../../src/cli/kit/git.js';
import { createInputReader } from '../../src/cli/kit/input.js';
import type { Io } from '../../src/cli/kit/io.js';
import { parseContextFlags, wholeNumber } from '../../src/cli/kit/options.js';
import { checkOutputPath, writeOutput } from '../../src/cli/kit/output.js';
import { policyNameOf } from '../../src/cli/kit/documents.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';

const io = (cwd: string, stdin: Buffer = Buffer.alloc(0)): Io => ({ out: () => {}, err: () => {}, setExit: () => {}, cwd, readStdin: (max) => stdin.subarray(0, max + 1) });

function tree(): { root: string; outside: string } {
  const base = mkdtempSync(join(tmpdir(), 'ramguard-kit-'));
  const root = join(base, 'repo');
  const outside = join(base, 'secret');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(outside, 'shadow'), 'root:x:0:0:secret\n');
  writeFileSync(join(root, 'sub', 'p.json'), '{"Version":"1"}');
  symlinkSync(join(outside, 'shadow'), join(root, 'link-out'));
  symlinkSync(join(root, 'sub', 'p.json'), join(root, 'link-in'));
  return { root, outside };
}

describe('reading', () => {
  it('reads a file, and refuses one over the limit by its size, before reading it', () => {
    const { root } = tree();
    writeFileSync(join(root, 'big.json'), 'x'.repeat(2_000));
    const { reader } = createInputReader(io(root));
    expect(reader.read('sub/p.json')).toEqual({ text: '{"Version":"1"}', file: 'sub/p.json' });
    const big = reader.read('big.json', { maxBytes: 1_000 });
    expect('diagnostic' in big && big.diagnostic.code).toBe('input-too-large');
  });

  it('refuses devices and directories, and reads standard input once, bounded', () => {
    const { root } = tree();
    const { reader } = createInputReader(io(root, Buffer.alloc(5_000, 'a')));
    for (const [path, reason] of [['/dev/zero', 'device'], ['sub', 'directory'], ['nope.json', 'no such file']] as const) {
      const r = reader.read(path);
      expect('diagnostic' in r && r.diagnostic.message).toContain(reason);
    }
    const stdin = reader.read('-', { maxBytes: 4_000 });
    expect('diagnostic' in stdin && stdin.diagnostic.code).toBe('input-too-large');
    const again = reader.read('-');
    expect('diagnostic' in again && again.diagnostic.message).toContain('only once');
  });

  it('confines references to the directory it runs in, symlinks resolved; --allow-path widens it', () => {
    const { root, outside } = tree();
    const { reader } = createInputReader(io(root));
    const refs = reader.referencesOf('sub/scenario.yaml');
    expect(refs('p.json')).toMatchObject({ text: '{"Version":"1"}' });
    expect(refs('../link-in')).toMatchObject({ text: '{"Version":"1"}' });
    for (const escape of ['../../secret/shadow', join(outside, 'shadow'), '../link-out', '/etc/passwd', '../../secret/missing']) {
      const r = refs(escape);
      expect(r, escape).toMatchObject({ code: 'path-outside-tree' });
      expect(JSON.stringify(r)).not.toContain('root:x:0:0');
    }
    const widened = createInputReader(io(root), [outside]).reader.referencesOf('sub/s.yaml');
    expect(widened('../../secret/shadow')).toMatchObject({ text: 'root:x:0:0:secret\n' });
    expect(createInputReader(io(root), ['no-such-dir']).problems[0]?.code).toBe('invalid-argument');
  });
});

describe('writing', () => {
  it('never over an input of the run, onto a directory or into a missing one; a link keeps pointing at the new file', () => {
    const { root } = tree();
    const { reader } = createInputReader(io(root));
    reader.read('sub/p.json');
    for (const [path, code] of [['sub/p.json', 'it is an input'], ['link-in', 'it is an input'], ['sub', 'is a directory'], ['none/r.txt', 'does not exist']] as const) {
      const problem = writeOutput(path, 'report', root, reader);
      expect(problem?.message, path).toContain(code);
      expect(problem?.code).toBe('unwritable-file');
    }
    expect(readFileSync(join(root, 'sub/p.json'), 'utf8')).toBe('{"Version":"1"}');
    writeFileSync(join(root, 'report.txt'), 'old');
    symlinkSync(join(root, 'report.txt'), join(root, 'report-link'));
    expect(writeOutput('report-link', 'new', root, reader)).toBeUndefined();
    expect(readFileSync(join(root, 'report.txt'), 'utf8')).toBe('new');
    expect(checkOutputPath('fresh.sarif', root, reader)).toBeUndefined();
  });

  it('a failed write leaves the previous file whole', () => {
    const { root } = tree();
    writeFileSync(join(root, 'r.sarif'), 'previous');
    const full = { openSync: (p: string, f: string, m?: number) => fs.openSync(p, f, m), writeFileSync: () => { throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }); }, fsyncSync: () => {}, closeSync: (fd: number) => fs.closeSync(fd), renameSync: () => {}, rmSync: (p: string, o: { force: boolean }) => fs.rmSync(p, o) };
    const problem = writeOutput('r.sarif', 'new report', root, undefined, full);
    expect(problem?.message).toContain('ENOSPC');
    expect(readFileSync(join(root, 'r.sarif'), 'utf8')).toBe('previous');
  });
});

describe('git revisions', () => {
  it('never passes an argument to git as an option, and reads a blob by its id', () => {
    const { root } = tree();
    execFileSync('git', ['init', '-q'], { cwd: root });
    execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=a', 'add', 'sub/p.json'], { cwd: root });
    execFileSync('git', ['-c', 'user.email=a@b', '-c', 'user.name=a', 'commit', '-qm', 'x'], { cwd: root });
    expect(readRevision('HEAD:sub/p.json', root)).toEqual({ text: '{"Version":"1"}' });
    for (const spec of ['--output=pwned.txt:x', '-p:x', '--end-of-options:x', 'HEAD:sub/p.json\nHEAD:sub']) {
      const r = readRevision(spec, root);
      expect('diagnostic' in r && r.diagnostic.code, spec).toBe('invalid-argument');
    }
    expect(existsSync(join(root, 'pwned.txt:x'))).toBe(false);
    expect(readRevision('HEAD:sub', root)).toMatchObject({ diagnostic: { message: expect.stringContaining('it is a tree') } });
    expect(readRevision('HEAD:sub/p.json', root, 3)).toMatchObject({ diagnostic: { code: 'input-too-large' } });
    expect(readRevision('nope:x', root)).toMatchObject({ diagnostic: { code: 'unreadable-revision' } });
  });
});

describe('options', () => {
  it('whole numbers: decimal digits in range, nothing else', () => {
    const problems: Diagnostic[] = [];
    expect(wholeNumber('10', '--n', 0, 10, problems)).toBe(10);
    for (const bad of ['11', '-1', '1e1', '0x1', ' 5', '5.0', '', '99999999999999999999']) expect(wholeNumber(bad, '--n', 0, 10, problems), bad).toBeUndefined();
    expect(problems).toHaveLength(8);
  });

  it('context flags: prototype names are keys like any other', () => {
    const problems: Diagnostic[] = [];
    const context = parseContextFlags(['constructor=x', '__proto__=y', 'toString=z', 'constructor=w', 'bad'], problems);
    expect(Object.entries(context)).toEqual([['constructor', ['x', 'w']], ['__proto__', ['y']], ['toString', ['z']]]);
    expect(problems.map((p) => p.code)).toEqual(['invalid-argument']);
  });
});

describe('policy names', () => {
  it('a file is named by its base name, a file descriptor by its full path', () => {
    // Given a path, a process substitution's descriptor, a /proc descriptor and stdin
    const names = ['policies/p.json', '/dev/fd/63', '/proc/self/fd/3', '-', '/tmp/63'].map(policyNameOf);
    // Then only the descriptors keep their path (`63` alone says nothing)
    expect(names).toEqual(['p.json', '/dev/fd/63', '/proc/self/fd/3', 'stdin', '63']);
  });
});

describe('escaping', () => {
  it('writes control, bidi and invisible characters as \\u escapes, keeps newlines, tabs and CRLF', () => {
    expect(escapeTerminal('a\u001b]0;t\u0007\u001b[2Jb')).toBe('a\\u001b]0;t\\u0007\\u001b[2Jb');
    expect(escapeTerminal('x\u202ey\u200bz\u009b')).toBe('x\\u202ey\\u200bz\\u009b');
    expect(escapeTerminal('ok\rFAIL')).toBe('ok\\u000dFAIL');
    expect(escapeTerminal('a\tb\nc\r\nd')).toBe('a\tb\nc\r\nd');
    const json = JSON.stringify({ v: 'a\u2028\u009bb' });
    expect(JSON.parse(escapeTerminal(json))).toEqual({ v: 'a\u2028\u009bb' });
  });
});
