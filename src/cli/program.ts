/**
 * The `ramguard` program, runnable in-process: `runCli(argv, io)` builds the commands on `io`,
 * parses `argv` and resolves when the command is done. `main.ts` runs it on the process; the
 * hostile-input tests run it thousands of times in one process. Usage errors exit 2; no stack
 * trace ever reaches the user — an unexpected error is one `internal error` line.
 */
import { Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';
import type { Io } from './kit/io.js';

/**
 * Each subcommand's module is imported only when that subcommand runs (or for `--help`): a
 * preflight need not load the linter, its globbing and its SARIF writer. Start-up is what a CI
 * step or a pre-commit hook pays on every call.
 */
const COMMANDS: Record<string, (io: Io) => Promise<Command>> = {
  eval: async (io) => (await import('./eval-command.js')).evalCommand(io),
  validate: async (io) => (await import('./validate-command.js')).validateCommand(io),
  lint: async (io) => (await import('./lint-command.js')).lintCommand(io),
  preflight: async (io) => (await import('./preflight-command.js')).preflightCommand(io),
  catalog: async (io) => (await import('./catalog-command.js')).catalogCommand(io),
  'update-instance': async (io) => (await import('./update-instance-command.js')).updateInstanceCommand(io),
  emulator: async (io) => (await import('./emulator-command.js')).emulatorCommand(io),
  check: async (io) => (await import('./check-command.js')).checkCommand(io),
  diff: async (io) => (await import('./diff-command.js')).diffCommand(io),
  collect: async (io) => (await import('./collect-command.js')).collectCommand(io),
  audit: async (io) => (await import('./audit-command.js')).auditCommand(io),
};

/** Routes commander's own output (help, usage errors) through `io`, for a command and its subcommands. */
function routeOutput(command: Command, io: Io): void {
  command.exitOverride().configureOutput({ writeOut: (s) => io.out(s.replace(/\n$/, '')), writeErr: (s) => io.err(s.replace(/\n$/, '')) });
  for (const sub of command.commands) routeOutput(sub, io);
}

/** Runs ramguard with `argv` (the arguments after `ramguard`); the exit code is also given to `io.setExit`. */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  let exitCode = 0;
  const tracked: Io = { ...io, setExit: (code) => ((exitCode = code), io.setExit(code)) };
  try {
    const program = new Command('ramguard').description('Alibaba Cloud RAM policy and permission analyzer').version('0.1.0');
    const requested = argv[0];
    const names = requested !== undefined && Object.hasOwn(COMMANDS, requested) ? [requested] : Object.keys(COMMANDS);
    for (const name of names) program.addCommand(await COMMANDS[name]!(tracked));
    routeOutput(program, tracked);
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) tracked.setExit(error.exitCode === 0 ? 0 : EXIT.invalid);
    else {
      tracked.err(`ramguard: internal error: ${String((error as Error)?.message ?? error).split('\n')[0]}`);
      tracked.setExit(EXIT.invalid);
    }
  }
  return exitCode;
}
