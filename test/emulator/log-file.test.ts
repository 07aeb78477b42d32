/**
 * Issue 12 item 11: the files of `--log FILE`. FILE rotates to FILE.1 at its cap (one old file
 * kept), a log that is not a regular file never rotates, and FILE.nonces keeps the nonces still
 * inside their replay window across a restart, compacted so it stays small.
 */
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOG_FILE_MAX_BYTES, openEmulatorLog, openNonceFile, openRequestLog } from '../../src/cli/emulator-log.js';
import { rememberNonce } from '../../src/emulator/signature.js';

const fresh = () => mkdtempSync(join(tmpdir(), 'ramguard-log-'));
const line = (i: number) => JSON.stringify({ n: i, pad: 'p'.repeat(80) }) + '\n';

describe('the request log file', () => {
  it('rotates to FILE.1 before a line would take it over the cap, keeping one old file', () => {
    const path = join(fresh(), 'requests.jsonl');
    const log = openRequestLog(path, 1000);
    if ('error' in log) throw new Error(log.error);
    for (let i = 0; i < 50; i++) log.write(line(i));
    log.close();
    const current = readFileSync(path, 'utf8');
    const old = readFileSync(`${path}.1`, 'utf8');
    expect(statSync(path).size).toBeLessThanOrEqual(1000);
    expect(statSync(`${path}.1`).size).toBeLessThanOrEqual(1000);
    expect(existsSync(`${path}.2`)).toBe(false);
    // Nothing lost at the seam: FILE.1 ends where FILE begins, and FILE ends with the last line.
    const first = JSON.parse(current.split('\n')[0]!).n as number;
    expect(JSON.parse(old.trim().split('\n').at(-1)!).n).toBe(first - 1);
    expect(JSON.parse(current.trim().split('\n').at(-1)!).n).toBe(49);
  });

  it('an existing file already at its cap rotates on the first line', () => {
    const path = join(fresh(), 'requests.jsonl');
    writeFileSync(path, 'x'.repeat(990) + '\n');
    const log = openRequestLog(path, 1000);
    if ('error' in log) throw new Error(log.error);
    log.write(line(1));
    log.close();
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('x'.repeat(990) + '\n');
    expect(readFileSync(path, 'utf8')).toBe(line(1));
  });

  it('a log that is not a regular file is written but never rotated, and gets no nonce file', () => {
    const log = openEmulatorLog('/dev/null', Date.now(), () => undefined);
    if ('error' in log) throw new Error(log.error);
    for (let i = 0; i < 5; i++) log.record({ i });
    expect(log.nonces).toBeUndefined();
    log.close();
    expect(existsSync('/dev/null.1')).toBe(false);
  });

  it(`the cap is ${LOG_FILE_MAX_BYTES / 1024 / 1024} MiB`, () => {
    expect(LOG_FILE_MAX_BYTES).toBe(10 * 1024 * 1024);
  });

  it('a directory that cannot be written is an error to report, not a throw', () => {
    expect(openEmulatorLog(join(fresh(), 'missing', 'log.jsonl'), Date.now(), () => undefined)).toMatchObject({ error: expect.stringContaining('cannot open the log file') });
  });
});

describe('the nonce file', () => {
  it('brings back the nonces still inside their window, in expiry order, and drops the rest', () => {
    const path = join(fresh(), 'log.jsonl.nonces');
    writeFileSync(path, ['["late", 5000]', '["expired", 900]', 'not json', '["early", 2000]', '[1, 2]', ''].join('\n'));
    const nonces = openNonceFile(path, 1000, () => undefined);
    if ('error' in nonces) throw new Error(nonces.error);
    expect([...nonces.memory.seen]).toEqual([['early', 2000], ['late', 5000]]);
    expect(nonces.loaded).toBe(2);
    // Compacted at start: only what is still live is on disk.
    expect(readFileSync(path, 'utf8')).toBe('["early",2000]\n["late",5000]\n');
    // A used nonce is refused, a new one is kept in the file too.
    expect(rememberNonce(nonces.memory, 'early', 1500, 1000)).toBe(false);
    expect(rememberNonce(nonces.memory, 'new', 1500, 1000)).toBe(true);
    nonces.close();
    expect(readFileSync(path, 'utf8')).toContain('["new",2500]');
  });

  it('stays small: past its cap it is rewritten with only the nonces the memory still holds', () => {
    const path = join(fresh(), 'log.jsonl.nonces');
    const nonces = openNonceFile(path, 0, () => undefined, 2000);
    if ('error' in nonces) throw new Error(nonces.error);
    // 1,000 nonces, each forgotten 10 ms after it is used: about ten live at a time.
    for (let t = 0; t < 1000; t++) expect(rememberNonce(nonces.memory, `nonce-${t}`, t, 10)).toBe(true);
    nonces.close();
    expect(statSync(path).size).toBeLessThanOrEqual(2000);
    const reopened = openNonceFile(path, 995, () => undefined);
    if ('error' in reopened) throw new Error(reopened.error);
    // Live at 995: used at 986 or later (kept until t + 10).
    expect([...reopened.memory.seen.keys()]).toEqual(Array.from({ length: 14 }, (_, i) => `nonce-${986 + i}`));
    reopened.close();
  });
});
