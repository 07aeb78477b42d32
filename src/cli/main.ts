#!/usr/bin/env node
/** The `ramguard` command line: the program (program.ts) on this process's streams. */
import { createRequire } from 'node:module';
import { processIo } from './kit/io.js';
import { runCli } from './program.js';

// An error that escapes every command's handling (a server callback, a stream) still ends as one
// line and exit 2, never Node's stack trace.
const last = (error: unknown) => {
  process.stderr.write(`ramguard: internal error: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`);
  process.exit(2);
};
process.on('uncaughtException', last);
process.on('unhandledRejection', last);

// A lint of many files allocates briskly and keeps little (one file at a time): V8 would grow its
// young generation from 2 to 32 MiB for it, most of the run's peak memory (2,000 files: 104 →
// 78 MiB peak RSS, the same CPU time; bench/lint-cli.ts). The growth factor is read when the young
// generation would grow, so setting it now keeps it at its initial size for this process. node:v8
// is loaded for lint only: it brings Node's stream modules, about 3 ms of every other short run.
// V8 takes a code cache only under the flags it was made with: scripts/bundles/code-cache.mjs
// makes lint's under this one (FLAGS there).
// Required, not awaited: the `bin` is a CommonJS bundle (main.cjs), which has no top-level await.
if (process.argv[2] === 'lint') (createRequire(import.meta.url)('node:v8') as typeof import('node:v8')).setFlagsFromString('--semi-space-growth-factor=1');

void runCli(process.argv.slice(2), processIo());
