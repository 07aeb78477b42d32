/** The atomic writer: the target holds the old text or the whole new text, never a part; no temporary file is left. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, closeSync, fsyncSync, openSync, renameSync, writeFileSync as write } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic, type AtomicFs } from '../../src/cli/kit/atomic-write.js';

const dir = mkdtempSync(join(tmpdir(), 'ramguard-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const real: AtomicFs = { openSync, writeFileSync: write, fsyncSync, closeSync, renameSync, rmSync };

describe('writing atomically', () => {
  it('replaces the file with the whole new text and leaves nothing beside it', () => {
    const target = join(dir, 'a.yaml');
    writeFileSync(target, 'old');
    expect(writeFileAtomic(target, 'new text')).toEqual({ ok: true });
    expect(readFileSync(target, 'utf8')).toBe('new text');
    expect(readdirSync(dir)).toEqual(['a.yaml']);
  });

  it.each(['writeFileSync', 'fsyncSync', 'renameSync'] as const)('when %s fails, the old file stays and the temporary file is removed', (step) => {
    const target = join(dir, `b-${step}.yaml`);
    writeFileSync(target, 'old');
    let partial = '';
    const failing: AtomicFs = {
      ...real,
      writeFileSync: (fd, text) => {
        if (step === 'writeFileSync') {
          // Half the text reaches the temporary file, then the disk is full.
          real.writeFileSync(fd, text.slice(0, 3));
          partial = text.slice(0, 3);
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        }
        real.writeFileSync(fd, text);
      },
      fsyncSync: (fd) => {
        if (step === 'fsyncSync') throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        real.fsyncSync(fd);
      },
      renameSync: (from, to) => {
        if (step === 'renameSync') throw Object.assign(new Error('EXDEV: cross-device link'), { code: 'EXDEV' });
        real.renameSync(from, to);
      },
    };
    const result = writeFileAtomic(target, 'a long new text', failing);
    expect(result).toEqual({ error: expect.stringMatching(/^(ENOSPC|EIO|EXDEV): /) });
    expect(readFileSync(target, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((f) => f.includes(`b-${step}`))).toEqual([`b-${step}.yaml`]);
    if (step === 'writeFileSync') expect(partial).toBe('a l');
  });
});
