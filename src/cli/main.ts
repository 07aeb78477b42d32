#!/usr/bin/env node
/** The `ramguard` command line. Usage errors exit 2; no stack trace ever reaches the user. */
import { Command, CommanderError } from 'commander';
import { catalogCommand } from './catalog-command.js';
import { evalCommand } from './eval-command.js';
import { lintCommand } from './lint-command.js';
import { preflightCommand } from './preflight-command.js';
import { EXIT } from './exit-codes.js';
import { validateCommand } from './validate-command.js';

const io = {
  out: (s: string) => process.stdout.write(s + '\n'),
  err: (s: string) => process.stderr.write(s + '\n'),
  setExit: (code: number) => {
    process.exitCode = code;
  },
};

const program = new Command('ramguard')
  .description('Alibaba Cloud RAM policy and permission analyzer')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });
for (const command of [evalCommand(io), validateCommand(io), lintCommand(io), preflightCommand(io), catalogCommand(io)]) program.addCommand(command.exitOverride());

try {
  program.parse(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    process.exitCode = error.exitCode === 0 ? 0 : EXIT.invalid;
  } else {
    process.stderr.write(`ramguard: internal error: ${(error as Error).message}\n`);
    process.exitCode = EXIT.invalid;
  }
}
