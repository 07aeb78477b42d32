/**
 * `ramguard emulator cams`: runs the local CAMS emulator until SIGINT or SIGTERM. The CLI is the
 * edge: it reads the configuration and the policy files it names, opens the log file, owns the
 * process signals, and prints each request as it is answered.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Command } from 'commander';
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseEmulatorConfig } from '../emulator/config.js';
import { startCamsEmulator } from '../emulator/server.js';
import type { LogEntry } from '../emulator/service.js';
import { accountEmulatorCommand } from './emulator-account-command.js';
import { EXIT } from './exit-codes.js';
import { readInput, readRelativeTo } from './read.js';

type Io = { out: (s: string) => void; err: (s: string) => void; setExit: (code: number) => void };
type Flags = { config: string; port: string; log?: string };

const commandLine = (code: string, message: string, help?: string): Diagnostic => ({ code, severity: 'error', message, file: '<command line>', path: '', ...(help ? { help } : {}) });

/** One request as a line for the terminal: time, action, AccessKey ID, status, code, decision. */
function requestLine(entry: LogEntry): string {
  return [entry.time, entry.action ?? '-', entry.accessKeyId ?? '-', entry.status, entry.code, entry.decision ?? '', entry.fault ? `(fault: ${entry.fault})` : ''].join(' ').trimEnd();
}

/** Builds `emulator` with its `cams` subcommand. */
export function emulatorCommand(io: Io): Command {
  const cams = new Command('cams')
    .description('run a local CAMS (2020-06-06) endpoint on 127.0.0.1 that verifies signatures and authorizes calls with ramguard')
    .requiredOption('--config <file>', 'the emulator configuration (YAML or JSON; see docs/emulator.md)')
    .option('--port <n>', 'the port on 127.0.0.1 (0: any free port)', '0')
    .option('--log <file>', 'append one JSON line per request to FILE')
    .exitOverride()
    .action(async (flags: Flags) => {
      const fail = (problems: Diagnostic[]) => {
        problems.forEach((d) => io.err(formatDiagnostic(d)));
        io.setExit(EXIT.invalid);
      };
      const port = Number(flags.port);
      if (!/^\d+$/.test(flags.port) || port > 65_535) return fail([commandLine('invalid-argument', `--port must be a whole number from 0 to 65535, not \`${flags.port}\``)]);
      const read = readInput(flags.config);
      if ('diagnostic' in read) return fail([read.diagnostic]);
      const { config, diagnostics } = parseEmulatorConfig(read.text, { file: read.file, readFile: readRelativeTo(read.file) });
      if (!config) return fail(diagnostics);
      let logFd: number | undefined;
      if (flags.log !== undefined) {
        try {
          logFd = openSync(flags.log, 'a');
        } catch (error) {
          return fail([commandLine('unwritable-file', `cannot open the log file \`${flags.log}\`: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)]);
        }
      }
      let logBroken = false;
      const log = (entry: LogEntry) => {
        io.out(requestLine(entry));
        if (logFd === undefined || logBroken) return;
        try {
          writeSync(logFd, JSON.stringify(entry) + '\n');
        } catch (error) {
          logBroken = true; // say so once, and keep serving: the terminal still shows each request
          io.err(`ramguard: warning: cannot write to \`${flags.log}\` (${(error as NodeJS.ErrnoException).code ?? 'error'}); the log stops here`);
        }
      };
      let running;
      try {
        running = await startCamsEmulator(config, { port, log });
      } catch (error) {
        if (logFd !== undefined) closeSync(logFd);
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'EADDRINUSE' ? `port ${port} on 127.0.0.1 is already in use` : `cannot listen on 127.0.0.1:${port} (${code ?? (error as Error).message})`;
        return fail([commandLine('cannot-listen', why, 'choose another --port, or --port 0 for any free one')]);
      }
      // The signal handlers are in place before the URL is printed: a script that stops the
      // emulator as soon as it sees the URL must get a clean stop, not Node's default exit.
      const stopped = new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void running.close().then(() => {
            if (logFd !== undefined) closeSync(logFd);
            io.out('CAMS emulator stopped');
            io.setExit(EXIT.allow);
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      io.out(`CAMS emulator listening on ${running.url}`);
      io.out(`  AccessKeys: ${config.accessKeys.map((k) => k.id).join(', ')}; instances: ${config.instances.map((i) => i.id).join(', ') || 'none'} (Ctrl-C stops it)`);
      await stopped;
    });
  return new Command('emulator').description('local stand-ins for Alibaba Cloud services, for trying ramguard without an account').addCommand(cams).addCommand(accountEmulatorCommand(io)).exitOverride();
}
