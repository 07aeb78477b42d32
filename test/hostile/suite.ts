/**
 * One hostile-input suite: writes the inputs into a temporary tree, then runs every command on
 * every input, one test per command and family. A test collects every broken case of its family
 * before failing, so one report lists them all (input, what broke, exit code, first line printed).
 */
import { relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verdictFor, type HostileCommand } from './commands.js';
import { createSuiteDir, firstLineOf, runInProcess, RunStats, violations, type Stdin, type SuiteDir } from './harness.js';
import { assertUnique, materialize, type HostileInput } from './inputs.js';

/** What goes on standard input for `input`, or undefined when it cannot be piped (a directory, a 2 GiB sparse file, a missing file). */
export function stdinOf(input: HostileInput): Stdin | undefined {
  if (input.file === '/dev/zero' || (input.special?.kind === 'symlink' && input.special.target === '/dev/zero')) return 'endless';
  if (input.special !== undefined) return undefined;
  return Buffer.isBuffer(input.content) ? input.content : Buffer.from(input.content ?? '', 'utf8');
}

/** Options of a suite: files to add to the tree before the inputs, and the working directory of each command. */
export interface SuiteOptions {
  setup?: (dir: SuiteDir) => void;
  /** A directory of the tree a command runs in (default: the tree itself). */
  cwdOf?: (command: HostileCommand) => string | undefined;
}

/** Declares the suite `label`: `inputs` × `commands`, one test per command and family. */
export function hostileSuite(label: string, inputs: HostileInput[], commands: HostileCommand[], options: SuiteOptions = {}): void {
  describe(`hostile ${label}`, () => declare(label, inputs, commands, options));
}

function declare(label: string, inputs: HostileInput[], commands: HostileCommand[], options: SuiteOptions): void {
  assertUnique(inputs);
  const stats = new RunStats();
  let dir: SuiteDir;
  beforeAll(() => {
    dir = createSuiteDir(label);
    options.setup?.(dir);
    materialize(dir.tree, inputs);
  });
  afterAll(() => {
    console.log(stats.summary(label));
    dir?.remove();
  });

  const families = new Map<string, HostileInput[]>();
  for (const input of inputs) families.set(input.family, [...(families.get(input.family) ?? []), input]);

  for (const command of commands) {
    describe(command.label, () => {
      for (const [family, members] of families) {
        if (command.skipFamilies?.includes(family)) continue;
        const fed = members.filter((m) => (command.heavy || !m.heavy) && (!command.stdin || stdinOf(m) !== undefined));
        if (fed.length === 0) continue;
        it(`${family} (${fed.length} inputs)`, async () => {
          const problems: string[] = [];
          for (const input of fed) {
            const stdin = command.stdin ? stdinOf(input) : undefined;
            const cwd = resolve(dir.tree, options.cwdOf?.(command) ?? '.');
            const path = input.file.startsWith('/') ? input.file : relative(cwd, resolve(dir.tree, input.file));
            const record = await runInProcess(command.argv(path), cwd, stdin);
            stats.record(`${input.name} × ${command.label}`, record);
            const broken = violations(record, input, command.contract, verdictFor(input, command));
            if (broken.length > 0) problems.push(`${input.name}: ${broken.join('; ')} — exit ${record.exit}: ${firstLineOf(record)}`);
          }
          expect(problems).toEqual([]);
        });
      }
    });
  }
}
