/**
 * `ramguard emulator account`: serves an account on 127.0.0.1 for `ramguard collect` to read —
 * a generated one (`--users N`) or a snapshot file — until SIGINT or SIGTERM. It accepts the
 * AccessKey of its own environment (ALIBABA_CLOUD_ACCESS_KEY_ID and _SECRET), so a collect run
 * in the same shell signs with the same key and no secret is ever typed or printed.
 */
import { Command } from 'commander';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { ServedAccount } from '../emulator/ram-api/account-index.js';
import { generateAccount } from '../emulator/ram-api/generate-account.js';
import { startAccountEmulator } from '../emulator/ram-api/server.js';
import { MAX_SNAPSHOT_CHARACTERS, parseSource } from '../parse/source.js';
import { parseSnapshot } from '../snapshot/parse-snapshot.js';
import type { RawDocumentSource, RawSnapshot } from '../snapshot/references.js';
import { openEmulatorLog, LOG_FILE_MAX_BYTES, type EmulatorLog } from './emulator-log.js';
import { EXIT } from './exit-codes.js';
import { createInputReader, type InputReader } from './kit/input.js';
import type { Io } from './kit/io.js';
import { READ_LIMITS } from './kit/limits.js';
import { addAllowPathOption, wholeNumber } from './kit/options.js';
import { failWith, usageProblem as usage } from './kit/report.js';

type Flags = { allowPath?: string[]; snapshot?: string; users?: string; seed: string; port: string; pageCap?: string; region: string; log?: string };


/** Reads a snapshot file and puts every `file:` document inline, as the emulator serves them. */
function servedFrom(reader: InputReader, path: string): { account: ServedAccount } | { diagnostics: Diagnostic[] } {
  const read = reader.read(path, { maxBytes: READ_LIMITS.snapshot });
  if ('diagnostic' in read) return { diagnostics: [read.diagnostic] };
  const readFile = reader.referencesOf(read.file);
  const checked = parseSnapshot(read.text, { file: read.file, readFile });
  if (!checked.snapshot) return { diagnostics: checked.diagnostics };
  const raw = structuredClone(parseSource(read.text, read.file, { maxCharacters: MAX_SNAPSHOT_CHARACTERS }).value) as RawSnapshot;
  const inline = (source: RawDocumentSource) => {
    if (source.file === undefined) return;
    const file = readFile(source.file);
    // parseSnapshot has just read every file: this cannot fail.
    if (!('error' in file)) source.document = parseSource(file.text, file.file).value;
    delete source.file;
  };
  for (const p of raw.policies ?? []) p.versions.forEach(inline);
  for (const r of raw.roles ?? []) inline(r.trustPolicy);
  (raw.systemPolicies ?? []).forEach(inline);
  (raw.resourceDirectory?.controlPolicies ?? []).forEach(inline);
  return { account: raw };
}

/** Builds `emulator account`. */
export function accountEmulatorCommand(io: Io): Command {
  return addAllowPathOption(new Command('account'))
    .description('serve an account (RAM, Resource Manager, CAMS ListInstance) on 127.0.0.1 for `ramguard collect`')
    .option('--users <n>', 'serve a generated account with N users (default 2000 without --snapshot)')
    .option('--seed <n>', 'the seed of the generated account', '42')
    .option('--snapshot <file>', 'serve this snapshot instead')
    .option('--port <n>', 'the port on 127.0.0.1 (0: any free one)', '0')
    .option('--page-cap <n>', 'RAM answers at most N items a page, whatever MaxItems asks')
    .option('--region <id>', 'the region whose CAMS instances ListInstance lists', 'ap-southeast-1')
    .option('--log <file>', `append one JSON line per request to FILE (rotated to FILE.1 at ${LOG_FILE_MAX_BYTES / 1024 / 1024} MiB; used nonces kept in FILE.nonces)`)
    .exitOverride()
    .action(async (flags: Flags) => {
      const fail = (problems: Diagnostic[]) => failWith(io, undefined, problems);
      const problems: Diagnostic[] = [];
      const number = (text: string | undefined, name: string, min: number, max: number) => (text === undefined ? undefined : wholeNumber(text, name, min, max, problems));
      const users = number(flags.users, '--users', 1, 100_000);
      const seed = number(flags.seed, '--seed', 0, 2 ** 31)!;
      const port = number(flags.port, '--port', 0, 65_535)!;
      const pageCap = number(flags.pageCap, '--page-cap', 1, 1000);
      if (flags.snapshot !== undefined && users !== undefined) problems.push(usage('give --users or --snapshot, not both'));
      const id = process.env['ALIBABA_CLOUD_ACCESS_KEY_ID'];
      const secret = process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'];
      if (!id || !secret) problems.push(usage('the emulator accepts the AccessKey of its environment, and there is none', 'set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET (any values: the emulator is local), and use the same in the shell that runs collect'));
      if (problems.length > 0) return fail(problems);
      let account: ServedAccount;
      if (flags.snapshot !== undefined) {
        const { reader, problems: readerProblems } = createInputReader(io, flags.allowPath ?? []);
        if (readerProblems.length > 0) return fail(readerProblems);
        const served = servedFrom(reader, flags.snapshot);
        if ('diagnostics' in served) return fail(served.diagnostics);
        account = served.account;
      } else account = generateAccount({ users: users ?? 2000, seed, region: flags.region });
      let file: EmulatorLog | undefined;
      if (flags.log !== undefined) {
        const opened = openEmulatorLog(flags.log, Date.now(), (message) => io.err(`ramguard: warning: ${message}`));
        if ('error' in opened) return fail([{ ...usage(opened.error), code: 'unwritable-file' }]);
        file = opened;
      }
      let running;
      try {
        running = await startAccountEmulator(
          { account, accessKeys: [{ id: id!, secret: secret!, ...(process.env['ALIBABA_CLOUD_SECURITY_TOKEN'] ? { securityToken: process.env['ALIBABA_CLOUD_SECURITY_TOKEN'] } : {}) }], region: flags.region, ...(pageCap !== undefined ? { pageCap } : {}) },
          { port, ...(file ? { log: (entry: object) => file.record(entry) } : {}), ...(file?.nonces ? { nonces: file.nonces } : {}) },
        );
      } catch (error) {
        file?.close();
        const code = (error as NodeJS.ErrnoException).code;
        return fail([usage(code === 'EADDRINUSE' ? `port ${port} on 127.0.0.1 is already in use` : `cannot listen on 127.0.0.1:${port} (${code ?? (error as Error).message})`, 'choose another --port, or --port 0 for any free one')]);
      }
      const stopped = new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void running.close().then(() => {
            file?.close();
            io.out(`account emulator stopped after ${running.requestCount()} requests`);
            io.setExit(EXIT.allow);
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      // One write: a script that reads the URL line finds the summary with it.
      io.out(
        [
          `account emulator listening on ${running.url}`,
          `  account ${account.accountId}: ${account.users?.length ?? 0} users, ${account.groups?.length ?? 0} groups, ${account.roles?.length ?? 0} roles, ${account.policies?.length ?? 0} custom policies; accepting AccessKey ${id} (Ctrl-C stops it)`,
          ...(file && file.loadedNonces > 0 ? [`  ${file.loadedNonces} nonce(s) from before the restart still refused (${flags.log}.nonces)`] : []),
        ].join('\n'),
      );
      await stopped;
    });
}
