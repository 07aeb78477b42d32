#!/usr/bin/env node
/** The `ramguard` command line: the program (program.ts) on this process's streams. */
import { createRequire } from 'node:module';
import { processIo } from './kit/io.js';
import { LINT_V8_FLAGS } from './lint-flags.js';
import { runCli } from './program.js';

// An error that escapes every command's handling (a server callback, a stream) still ends as one
// line and exit 2, never Node's stack trace.
const last = (error: unknown) => {
  process.stderr.write(`ramguard: internal error: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`);
  process.exit(2);
};
process.on('uncaughtException', last);
process.on('unhandledRejection', last);

// A lint of many files allocates briskly and keeps little (one file at a time): its V8 flags
// (lint-flags.ts) keep the heap near what is live. node:v8 is loaded for lint only: it brings
// Node's stream modules, about 3 ms of every other short run. Set before the lint bundle is
// loaded, whose code cache the build made under the same flags.
// Required, not awaited: the `bin` is a CommonJS bundle (main.cjs), which has no top-level await.
if (process.argv[2] === 'lint') {
  const v8 = createRequire(import.meta.url)('node:v8') as typeof import('node:v8');
  for (const flag of LINT_V8_FLAGS) v8.setFlagsFromString(flag);
}

void runCli(process.argv.slice(2), processIo());
