/**
 * The copied `ramguard eval` command: run by a real shell, the scenario reaches standard input
 * byte for byte whatever it holds — quotes, `$(…)`, backquotes, backslashes, newlines.
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evalCommandLine, shellQuote } from '../../src/playground/shell.js';

/** What `sh` makes of `printf '%s' <quoted>`. */
function echoed(quoted: string, shell = 'sh'): string {
  const run = spawnSync(shell, ['-c', `printf '%s' ${quoted}`], { encoding: 'utf8' });
  return run.stdout;
}

const HOSTILE = ["it's", "'", "''", '$(touch /tmp/pwned)', '`id`', '\\', '\\\'', 'a\nb\n', '"; rm -rf ~; "', "'$(id)'", '${HOME}', '!!', '*', '-n', ''];

describe('shellQuote', () => {
  it('gives sh and bash back the text exactly, for hostile texts', () => {
    for (const text of HOSTILE) {
      expect(echoed(shellQuote(text)), JSON.stringify(text)).toBe(text);
      expect(echoed(shellQuote(text), 'bash'), JSON.stringify(text)).toBe(text);
    }
  });

  it('gives sh back any text without NUL (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }).filter((s) => !s.includes('\0')), (text) => echoed(shellQuote(text)) === text),
      { numRuns: 150 },
    );
  });
});

describe('evalCommandLine', () => {
  it('pipes the scenario, and a newline, into `ramguard eval --scenario -`', () => {
    const text = "request: { action: \"it's $(id)\" }";
    const line = evalCommandLine(text);
    expect(line.endsWith(' | ramguard eval --scenario -')).toBe(true);
    const run = spawnSync('sh', ['-c', line.replace(' | ramguard eval --scenario -', '')], { encoding: 'utf8' });
    expect(run.stdout).toBe(`${text}\n`);
  });
});
