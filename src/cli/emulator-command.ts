/**
 * `ramguard emulator cams`: runs the local CAMS emulator until SIGINT or SIGTERM. The CLI is the
 * edge: it reads the configuration and the policy files it names, opens the log file, owns the
 * process signals, and prints each request as it is answered.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { Command } from 'commander';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parseEmulatorConfig } from '../emulator/config.js';
import { startCamsEmulator } from '../emulator/server.js';
import type { LogEntry } from '../emulator/service.js';
import { accountEmulatorCommand } from './emulator-account-command.js';
import { LOG_FILE_MAX_BYTES, openEmulatorLog, type EmulatorLog } from './emulator-log.js';
import { EXIT } from './exit-codes.js';
import { createInputReader } from './kit/input.js';
import type { Io } from './kit/io.js';
import { addAllowPathOption, wholeNumber } from './kit/options.js';
import { failWith, usageProblem } from './kit/report.js';

type Flags = { config: string; port: string; allowPath?: string[]; log?: string };

const commandLine = (code: DiagnosticCode, message: string, help?: string): Diagnostic => usageProblem(message, help, code);

/** One request as a line for the terminal: time, action, AccessKey ID, status, code, decision. */
function requestLine(entry: LogEntry): string {
  return [entry.time, entry.action ?? '-', entry.accessKeyId ?? '-', entry.status, entry.code, entry.decision ?? '', entry.fault ? `(fault: ${entry.fault})` : ''].join(' ').trimEnd();
}

/** Builds `emulator` with its `cams` subcommand. */
export function emulatorCommand(io: Io): Command {
  const cams = addAllowPathOption(new Command('cams'))
    .description('run a local CAMS (2020-06-06) endpoint on 127.0.0.1 that verifies signatures and authorizes calls with ramguard')
    .requiredOption('--config <file>', 'the emulator configuration (YAML or JSON; see docs/emulator.md)')
    .option('--port <n>', 'the port on 127.0.0.1 (0: any free port)', '0')
    .option('--log <file>', `append one JSON line per request to FILE (rotated to FILE.1 at ${LOG_FILE_MAX_BYTES / 1024 / 1024} MiB; used nonces kept in FILE.nonces)`)
    .exitOverride()
    .action(async (flags: Flags) => {
      const fail = (problems: Diagnostic[]) => {
        failWith(io, undefined, problems);
      };
      const portProblems: Diagnostic[] = [];
      const port = wholeNumber(flags.port, '--port', 0, 65_535, portProblems);
      if (port === undefined) return fail(portProblems);
      const { reader, problems } = createInputReader(io, flags.allowPath ?? []);
      if (problems.length > 0) return fail(problems);
      const read = reader.read(flags.config);
      if ('diagnostic' in read) return fail([read.diagnostic]);
      const { config, diagnostics } = parseEmulatorConfig(read.text, { file: read.file, readFile: reader.referencesOf(read.file) });
      if (!config) return fail(diagnostics);
      let file: EmulatorLog | undefined;
      if (flags.log !== undefined) {
        const opened = openEmulatorLog(flags.log, Date.now(), (message) => io.err(`ramguard: warning: ${message}`));
        if ('error' in opened) return fail([commandLine('unwritable-file', opened.error)]);
        file = opened;
      }
      const log = (entry: LogEntry) => {
        io.out(requestLine(entry));
        file?.record(entry);
      };
      let running;
      try {
        running = await startCamsEmulator(config, { port, log, ...(file?.nonces ? { nonces: file.nonces } : {}) });
      } catch (error) {
        file?.close();
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
            file?.close();
            io.out('CAMS emulator stopped');
            io.setExit(EXIT.allow);
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      // One write: a script that reads the URL line finds the rest with it.
      io.out(
        [
          `CAMS emulator listening on ${running.url}`,
          `  AccessKeys: ${config.accessKeys.map((k) => k.id).join(', ')}; instances: ${config.instances.map((i) => i.id).join(', ') || 'none'} (Ctrl-C stops it)`,
          ...(file && file.loadedNonces > 0 ? [`  ${file.loadedNonces} nonce(s) from before the restart still refused (${flags.log}.nonces)`] : []),
        ].join('\n'),
      );
      await stopped;
    });
  return new Command('emulator').description('local stand-ins for Alibaba Cloud services, for trying ramguard without an account').addCommand(cams).addCommand(accountEmulatorCommand(io)).exitOverride();
}
