/**
 * The root of the program (src/cli/program.ts): `--help`, `--version` and unknown commands load no
 * subcommand module, and print exactly what the program printed with every subcommand loaded.
 */
import { Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/kit/io.js';
import { COMMAND_NAMES, loadCommand, runCli } from '../../src/cli/program.js';

/** Runs `argv` in-process; `eager` loads every subcommand as the program did before its stand-ins. */
async function runIn(argv: string[], eager: boolean): Promise<{ out: string; err: string; exit: number }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), setExit: (c) => (code = c), cwd: process.cwd(), readStdin: () => Buffer.alloc(0) };
  const exit = await runCli(argv, io, { eager });
  expect(exit).toBe(code);
  return { out: out.join('\n'), err: err.join('\n'), exit };
}

const quiet: Io = { out: () => {}, err: () => {}, setExit: () => {}, cwd: process.cwd(), readStdin: () => Buffer.alloc(0) };

describe('the root of the program', () => {
  it.each([
    [['--help']],
    [['-h']],
    [['help']],
    [[]],
    [['--version']],
    [['-V']],
    [['evl']],
    [['--no-such-option']],
    [['--no-such-option', 'eval']],
    [['-h', 'eval']],
    [['help', 'eval']],
    [['help', 'check']],
    [['help', 'no-such-command']],
    [['--', 'eval', '--help']],
    [['check']],
    [['eval', '--help']],
  ])('`ramguard %j` prints what it printed with every subcommand loaded', async (argv) => {
    // Given the program with its stand-ins, and the program with every subcommand loaded
    const lazy = await runIn(argv, false);
    const eager = await runIn(argv, true);
    // Then the same output, errors and exit code
    expect(lazy).toEqual(eager);
  });

  it('lists every subcommand in its help, with its usage and description', async () => {
    const { out } = await runIn(['--help'], false);
    for (const name of COMMAND_NAMES) expect(out).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    expect(out).toContain('lint [options] [paths...]');
    expect(out).toContain('diff [options] <old> <new>');
  });

  it.each(COMMAND_NAMES.map((n) => [n]))('the table describes `%s` as its module does', async (name) => {
    // Given the subcommand built by its module
    const real: Command = await loadCommand(name, quiet);
    // Then the root help would show it as the stand-in shows it
    const { out } = await runIn(['--help'], false);
    const term = new Help().subcommandTerm(real);
    expect(real.name()).toBe(name);
    expect(out.replace(/\n {30,}/g, ' ')).toContain(`${term}`);
    expect(out.replace(/\n {30,}/g, ' ').replace(/ +/g, ' ')).toContain(`${term} ${real.description()}`.replace(/ +/g, ' '));
  });
});
