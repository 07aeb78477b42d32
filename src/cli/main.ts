#!/usr/bin/env node
/** The `ramguard` command line. Usage errors exit 2; no stack trace ever reaches the user. */
import { Command, CommanderError } from 'commander';
import { EXIT } from './exit-codes.js';

type Io = { out: (s: string) => void; err: (s: string) => void; setExit: (code: number) => void };

const io: Io = {
  out: (s: string) => process.stdout.write(s + '\n'),
  err: (s: string) => process.stderr.write(s + '\n'),
  setExit: (code: number) => {
    process.exitCode = code;
  },
};

/**
 * Each subcommand's module is imported only when that subcommand runs (or for `--help`): a
 * preflight need not load the linter, its globbing and its SARIF writer. Start-up is what a CI
 * step or a pre-commit hook pays on every call.
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  eval: async () => (await import('./eval-command.js')).evalCommand(io),
  validate: async () => (await import('./validate-command.js')).validateCommand(io),
  lint: async () => (await import('./lint-command.js')).lintCommand(io),
  preflight: async () => (await import('./preflight-command.js')).preflightCommand(io),
  catalog: async () => (await import('./catalog-command.js')).catalogCommand(io),
  'update-instance': async () => (await import('./update-instance-command.js')).updateInstanceCommand(io),
  emulator: async () => (await import('./emulator-command.js')).emulatorCommand(io),
  check: async () => (await import('./check-command.js')).checkCommand(io),
  diff: async () => (await import('./diff-command.js')).diffCommand(io),
  collect: async () => (await import('./collect-command.js')).collectCommand(io),
  audit: async () => (await import('./audit-command.js')).auditCommand(io),
};

async function main(): Promise<void> {
  const program = new Command('ramguard')
    .description('Alibaba Cloud RAM policy and permission analyzer')
    .version('0.1.0')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  const requested = process.argv[2];
  const names = requested !== undefined && requested in COMMANDS ? [requested] : Object.keys(COMMANDS);
  for (const name of names) program.addCommand((await COMMANDS[name]!()).exitOverride());
  // parseAsync: the guarded call's action is async, and its errors must reach the catch below.
  await program.parseAsync(process.argv);
}

main().catch((error: unknown) => {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : EXIT.invalid;
  } else {
    process.stderr.write(`ramguard: internal error: ${(error as Error).message}\n`);
    process.exitCode = EXIT.invalid;
  }
});
