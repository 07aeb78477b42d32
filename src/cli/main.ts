#!/usr/bin/env node
/** The `ramguard` command line: the program (program.ts) on this process's streams. */
import { statSync } from 'node:fs';
import { processIo } from './kit/io.js';
import { setAuditFlags, wantsAuditFlags } from './audit-flags.js';
import { setLintFlags, wantsLintFlags } from './lint-flags.js';
import { runCli } from './program.js';

// An error that escapes every command's handling (a server callback, a stream) still ends as one
// line and exit 2, never Node's stack trace.
const last = (error: unknown) => {
  process.stderr.write(`ramguard: internal error: ${String((error as Error)?.message ?? error).split('\n')[0]}\n`);
  process.exit(2);
};
process.on('uncaughtException', last);
process.on('unhandledRejection', last);

const isFile = (path: string) => {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
};
const args = process.argv.slice(2);
const io = processIo();
// A lint's V8 flags keep its heap near what is live (lint-flags.ts); set before its code loads.
if (wantsLintFlags(args, isFile)) io.heap = setLintFlags();
// An audit compiles less (no TurboFan inlining, fewer functions optimized: audit-flags.ts): a fifth to a third less time.
if (wantsAuditFlags(args)) setAuditFlags();

void runCli(args, io);
