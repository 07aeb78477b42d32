/**
 * The `ramguard` program, runnable in-process: `runCli(argv, io)` builds the commands on `io`,
 * parses `argv` and resolves when the command is done. `main.ts` runs it on the process; the
 * hostile-input tests run it thousands of times in one process. Usage errors exit 2; no stack
 * trace ever reaches the user — an unexpected error is one `internal error` line.
 */
import { fstatSync } from 'node:fs';
import { Command, CommanderError, Help } from 'commander';
import { EXIT } from './exit-codes.js';
import type { Io } from './kit/io.js';

/** A subcommand: what the root help says of it, and how to build it. */
interface CommandEntry {
  /** What the root help's command list shows after the name: `[options]` and the arguments. */
  usage: string;
  /** The command's description, as its module gives it (test/cli/program.test.ts checks both). */
  description: string;
  load: (io: Io) => Promise<Command>;
}

/**
 * Each subcommand's module is imported only when that subcommand runs: a preflight need not load
 * the linter, its globbing and its SARIF writer. `--help` and `--version` load none of them (the
 * root help is built from `usage` and `description`): start-up is what a CI step or a pre-commit
 * hook pays on every call.
 */
const COMMANDS: Record<string, CommandEntry> = {
  eval: { usage: '[options]', description: 'evaluate one request against RAM policies and explain the decision', load: async (io) => (await import('./eval-command.js')).evalCommand(io) },
  validate: { usage: '[options] <files...>', description: 'validate RAM policy documents (JSON or YAML; `-` for stdin)', load: async (io) => (await import('./validate-command.js')).validateCommand(io) },
  lint: { usage: '[options] [paths...]', description: 'lint RAM policies in files, directories (recursively), globs, Terraform plans and ROS templates', load: async (io) => (await import('./lint-command.js')).lintCommand(io) },
  preflight: { usage: '', description: 'predict whether a call will be allowed, before making it', load: async (io) => (await import('./preflight-command.js')).preflightCommand(io) },
  catalog: { usage: '', description: 'show the service catalog: services, actions, condition keys, system policies', load: async (io) => (await import('./catalog-command.js')).catalogCommand(io) },
  'update-instance': { usage: '[options]', description: 'preflight a CAMS UpdateInstance call, and send it only if RAM policies allow it', load: async (io) => (await import('./update-instance-command.js')).updateInstanceCommand(io) },
  emulator: { usage: '', description: 'local stand-ins for Alibaba Cloud services, for trying ramguard without an account', load: async (io) => (await import('./emulator-command.js')).emulatorCommand(io) },
  check: { usage: '', description: 'exact access checks with witness requests (for pull requests)', load: async (io) => (await import('./check-command.js')).checkCommand(io) },
  diff: { usage: '[options] <old> <new>', description: 'what a policy change adds and removes: per action (exact), per resource pattern and per condition', load: async (io) => (await import('./diff-command.js')).diffCommand(io) },
  collect: { usage: '[options]', description: 'read the account (RAM users, groups, roles, policies and their attachments) into a snapshot file', load: async (io) => (await import('./collect-command.js')).collectCommand(io) },
  audit: { usage: '', description: 'who can do what in an account snapshot: paths, conditions, escalation', load: async (io) => (await import('./audit-command.js')).auditCommand(io) },
  playground: { usage: '[options]', description: 'write one self-contained HTML page that edits a scenario and shows its decision, findings and explanation as you type', load: async (io) => (await import('./playground-command.js')).playgroundCommand(io) },
};

/** The subcommand names, in the order the help lists them. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/** Builds one subcommand for real (its module loaded), as `runCli` runs it; for tests of the table. */
export function loadCommand(name: string, io: Io): Promise<Command> {
  return COMMANDS[name]!.load(io);
}

/** What the root help shows for the subcommands when none of them is loaded. */
function commandStub(name: string, entry: CommandEntry): Command {
  return new Command(name).description(entry.description);
}

/**
 * The subcommand `argv` runs, if any: its first word (`ramguard eval ...`), or the word after
 * `help` (`ramguard help eval`) or after `--` (commander dispatches `ramguard -- eval` to eval).
 */
function requestedCommand(argv: readonly string[]): string | undefined {
  const word = argv[0] === 'help' || argv[0] === '--' ? argv[1] : argv[0];
  return word !== undefined && Object.hasOwn(COMMANDS, word) ? word : undefined;
}

/** Commander's own answers to the questions below (made once: `configureOutput()` returns them). */
const COMMANDER_OUTPUT = new Command().configureOutput();

/** True when `fd` may be a terminal (a character device: a terminal, or /dev/null); false for a pipe or a file. */
function mayBeTerminal(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice();
  } catch {
    return false;
  }
}

/** Colours as the environment forces them (commander's `useColor`; none unless forced), for output that is no terminal. */
function forcedColor(): boolean {
  const env = process.env;
  if (env['NO_COLOR'] || env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') return false;
  return Boolean(env['FORCE_COLOR']) || env['CLICOLOR_FORCE'] !== undefined;
}

/** The help's width when commander has none (its own default). */
const DEFAULT_HELP_WIDTH = 80;

/**
 * Routes commander's own output (help, usage errors) through `io`, for a command and its
 * subcommands. Commander asks process.stdout for the help's width and colours, which makes the
 * stream (its net and stream modules: about 8 ms of a `--help`); off a terminal its answers are
 * known (the default width, colours only if forced), so it is asked only when the output may be one.
 */
function routeOutput(command: Command, io: Io): void {
  command.exitOverride().configureOutput({
    writeOut: (s) => io.out(s.replace(/\n$/, '')),
    writeErr: (s) => io.err(s.replace(/\n$/, '')),
    getOutHelpWidth: () => (mayBeTerminal(1) ? COMMANDER_OUTPUT.getOutHelpWidth!() : DEFAULT_HELP_WIDTH),
    getErrHelpWidth: () => (mayBeTerminal(2) ? COMMANDER_OUTPUT.getErrHelpWidth!() : DEFAULT_HELP_WIDTH),
    getOutHasColors: () => (mayBeTerminal(1) ? COMMANDER_OUTPUT.getOutHasColors!() : forcedColor()),
    getErrHasColors: () => (mayBeTerminal(2) ? COMMANDER_OUTPUT.getErrHasColors!() : forcedColor()),
  });
  for (const sub of command.commands) routeOutput(sub, io);
}

/**
 * Runs ramguard with `argv` (the arguments after `ramguard`); the exit code is also given to
 * `io.setExit`. `eager` loads every subcommand, as ramguard did before the stand-ins: the tests
 * compare the two.
 */
export async function runCli(argv: readonly string[], io: Io, options: { eager?: boolean } = {}): Promise<number> {
  let exitCode = 0;
  const tracked: Io = { ...io, setExit: (code) => ((exitCode = code), io.setExit(code)) };
  try {
    const program = new Command('ramguard').description('Alibaba Cloud RAM policy and permission analyzer').version('0.1.0');
    const requested = options.eager ? undefined : requestedCommand(argv);
    if (requested !== undefined) program.addCommand(await COMMANDS[requested]!.load(tracked));
    else if (options.eager) for (const entry of Object.values(COMMANDS)) program.addCommand(await entry.load(tracked));
    else {
      // No subcommand runs (`--help`, `--version`, no or an unknown command): stand-ins carry the
      // names and descriptions, and the help shows each one's usage as its module would.
      const usages = new Map<Command, string>();
      for (const [name, entry] of Object.entries(COMMANDS)) {
        const stub = commandStub(name, entry);
        usages.set(stub, entry.usage);
        program.addCommand(stub);
      }
      const help = new Help();
      program.configureHelp({ subcommandTerm: (cmd) => (usages.has(cmd) ? `${cmd.name()} ${usages.get(cmd)}`.trimEnd() : help.subcommandTerm(cmd)) });
    }
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
