/**
 * `ramguard collect`: reads the account through RAM, Resource Manager and (when asked) CAMS with
 * Alibaba's SDK and writes a snapshot file atomically. The CLI is the edge: it resolves the
 * credential chain, owns the clock, draws the progress on stderr, writes the file, and passes
 * every line it prints through a redactor that knows the run's secret and token.
 */
import { extname } from 'node:path';
import { Command } from 'commander';
import { stringify } from 'yaml';
import { isLoopback, parseEndpoint } from '../client/endpoint.js';
import { guardProcessOutput } from '../client/output-guard.js';
import { createRedactor } from '../client/redact.js';
import { MAX_ATTEMPTS_LIMIT, type CredentialSource, type Endpoint } from '../client/transport.js';
import type { ApiName } from '../collect/calls.js';
import { collectAccount } from '../collect/collect.js';
import { progressBar, progressLines, type ProgressState } from '../collect/progress.js';
import { defaultEndpoints, sdkCaller, type Endpoints } from '../collect/sdk-caller.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parseSnapshot } from '../snapshot/parse-snapshot.js';
import { EXIT } from './exit-codes.js';
import { credentialChain } from './kit/credentials.js';
import type { Io } from './kit/io.js';
import { wholeNumber } from './kit/options.js';
import { checkOutputPath, writeOutput } from './kit/output.js';
import { usageProblem as usage } from './kit/report.js';
type Flags = {
  output: string;
  profile?: string;
  region?: string;
  endpoint?: string;
  endpointRam?: string;
  endpointResourcemanager?: string;
  endpointCams?: string;
  include: string[];
  concurrency: string;
  maxAttempts: string;
  timeoutMs: string;
  progress: string;
};

/** What `--include` accepts. */
export const INCLUDES = ['cams-instances'] as const;
const PROGRESS = ['auto', 'bar', 'lines', 'none'] as const;

/** The three endpoints: `--endpoint-<api>` wins over `--endpoint`, which wins over Alibaba's. */
function endpointsOf(flags: Flags, problems: Diagnostic[]): Endpoints {
  const defaults = defaultEndpoints(flags.region ?? 'ap-southeast-1');
  const read = (text: string | undefined, option: string): Endpoint | undefined => {
    if (text === undefined) return undefined;
    const parsed = parseEndpoint(text);
    if ('error' in parsed) problems.push(usage(`${option}: ${parsed.error}`));
    return 'error' in parsed ? undefined : parsed;
  };
  const shared = read(flags.endpoint, '--endpoint');
  const specific: Record<ApiName, Endpoint | undefined> = { ram: read(flags.endpointRam, '--endpoint-ram'), resourcemanager: read(flags.endpointResourcemanager, '--endpoint-resourcemanager'), cams: read(flags.endpointCams, '--endpoint-cams') };
  return { ram: specific.ram ?? shared ?? defaults.ram, resourcemanager: specific.resourcemanager ?? shared ?? defaults.resourcemanager, cams: specific.cams ?? shared ?? defaults.cams };
}

/** Checks the output path before spending minutes collecting: its format and that it can be written. */
function checkOutput(output: string, cwd: string, problems: Diagnostic[]): 'json' | 'yaml' {
  const extension = extname(output).toLowerCase();
  const format = extension === '.json' ? 'json' : 'yaml';
  if (extension !== '.json' && extension !== '.yaml' && extension !== '.yml') problems.push(usage(`--output \`${output}\` must end in .yaml, .yml or .json (the format follows the extension)`));
  const problem = checkOutputPath(output, cwd);
  if (problem) problems.push(problem);
  return format;
}

/** Builds `collect`. */
export function collectCommand(io: Io): Command {
  return new Command('collect')
    .description('read the account (RAM users, groups, roles, policies and their attachments) into a snapshot file')
    .requiredOption('--output <file>', 'the snapshot to write, .yaml/.yml or .json (written atomically)')
    .option('--profile <name>', 'the credentials profile (~/.alibabacloud/credentials or the aliyun CLI config)')
    .option('--region <id>', 'the region whose CAMS instances are listed (needed with --include cams-instances)')
    .option('--endpoint <url>', 'one endpoint for RAM, Resource Manager and CAMS, e.g. the local emulator http://127.0.0.1:8787')
    .option('--endpoint-ram <url>', 'the RAM endpoint (default https://ram.aliyuncs.com)')
    .option('--endpoint-resourcemanager <url>', 'the Resource Manager endpoint (default https://resourcemanager.aliyuncs.com)')
    .option('--endpoint-cams <url>', 'the CAMS endpoint (default https://cams.<region>.aliyuncs.com)')
    .option('--include <what...>', `also collect: ${INCLUDES.join(', ')}`, [])
    .option('--concurrency <n>', 'calls in flight at once', '8')
    .option('--max-attempts <n>', 'attempts per call when throttled or on a server error', '5')
    .option('--timeout-ms <ms>', 'timeout of each attempt', '10000')
    .option('--progress <how>', `progress on stderr: ${PROGRESS.join(', ')} (auto: a bar on a terminal, lines otherwise)`, 'auto')
    .exitOverride()
    .action(async (flags: Flags) => {
      const redact = createRedactor([process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'], process.env['ALIBABA_CLOUD_SECURITY_TOKEN']]);
      // Alibaba's SDK and Node print request headers under DEBUG / NODE_DEBUG: every byte this
      // process writes passes the redactor, whatever the environment says (issue 12, item 10).
      guardProcessOutput(redact);
      const out = (s: string) => io.out(redact(s));
      const err = (s: string) => io.err(redact(s));
      const problems: Diagnostic[] = [];
      const format = checkOutput(flags.output, io.cwd, problems);
      const endpoints = endpointsOf(flags, problems);
      const concurrency = wholeNumber(flags.concurrency, '--concurrency', 1, 64, problems) ?? 1;
      const maxAttempts = wholeNumber(flags.maxAttempts, '--max-attempts', 1, MAX_ATTEMPTS_LIMIT, problems) ?? 1;
      const timeoutMs = wholeNumber(flags.timeoutMs, '--timeout-ms', 1, 600_000, problems) ?? 1;
      for (const what of flags.include) if (!(INCLUDES as readonly string[]).includes(what)) problems.push(usage(`--include \`${what}\` is not something collect reads`, `it reads ${INCLUDES.join(', ')}`));
      const instances = flags.include.includes('cams-instances');
      if (instances && flags.region === undefined) problems.push(usage('--include cams-instances needs --region: CAMS lists the instances of one region'));
      if (!(PROGRESS as readonly string[]).includes(flags.progress)) problems.push(usage(`--progress must be one of ${PROGRESS.join(', ')}, not \`${flags.progress}\``));
      if (problems.length > 0) return fail(problems, EXIT.invalid);

      // Resolve the credential chain once, before any call: no credentials is a usage problem.
      let credential: CredentialSource;
      try {
        const chain = await credentialChain(flags.profile);
        const first = await chain.getCredential();
        if (!first.accessKeyId || !first.accessKeySecret) throw new Error('empty');
        redact.add(first.accessKeySecret);
        redact.add(first.securityToken);
        credential = {
          getCredential: async () => {
            const c = await chain.getCredential();
            redact.add(c.accessKeySecret);
            redact.add(c.securityToken);
            return c;
          },
        };
      } catch {
        return fail([usage('the credential chain gave no AccessKey', 'set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or name a profile with --profile')], EXIT.invalid);
      }
      for (const [api, endpoint] of Object.entries(endpoints)) if (endpoint.protocol === 'http' && !isLoopback(endpoint.host)) err(`warning: plain HTTP to ${api} at ${endpoint.host}, a host that is not this machine`);

      const mode = flags.progress === 'auto' ? (process.stderr.isTTY ? 'bar' : 'lines') : flags.progress;
      const state: ProgressState = { phase: 'starting', done: 0, total: 0, calls: 0, retries: 0 };
      const nextLine = progressLines();
      let drawn = 0;
      const show = () => {
        if (mode === 'bar') {
          const now = Date.now();
          if (now - drawn < 100 && state.done < state.total) return; // redraw at most ten times a second
          drawn = now;
          process.stderr.write(`\r${progressBar(state)}\x1b[K`);
        } else if (mode === 'lines') {
          const line = nextLine(state);
          if (line !== undefined) err(line);
        }
      };
      const caller = sdkCaller({ endpoints, region: flags.region ?? 'ap-southeast-1', credential, timeoutMs, retry: { maxAttempts, baseDelayMs: 200, maxDelayMs: 5_000 }, concurrency, onRetry: () => void state.retries++ });
      const started = Date.now();
      const result = await collectAccount(
        async (request) => {
          const outcome = await caller(request);
          state.calls++;
          return outcome;
        },
        {
          collectedAt: new Date(started).toISOString(),
          tool: 'ramguard 0.1.0',
          ...(instances ? { camsRegion: flags.region! } : {}),
          onProgress: (phase, done, total) => {
            Object.assign(state, { phase, done, total });
            show();
          },
        },
      );
      if (mode === 'bar') process.stderr.write('\n');
      const seconds = (Date.now() - started) / 1000;
      for (const gap of result.gaps) err(`gap: ${gap.service} ${gap.action}${Object.keys(gap.parameters).length ? ` ${Object.entries(gap.parameters).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}: ${gap.code ?? 'error'}: ${gap.message}; missing: ${gap.missing}`);
      if (!result.snapshot) {
        return fail([{ code: 'collect-failed', severity: 'error', message: 'nothing was collected: the account id could not be read (ListResourceGroups and ListRoles both failed)', file: '<collect>', path: '', help: 'check the endpoints, the credentials and that they may call ram:List* and resourcemanager:ListResourceGroups' }], EXIT.failed);
      }
      const snapshot = result.snapshot;
      const gaps = result.gaps.length;
      const text = format === 'json' ? JSON.stringify(snapshot, null, 2) + '\n' : `# Collected by ${snapshot.collection!.tool} at ${snapshot.collectedAt}; ${gaps === 0 ? 'complete' : `${gaps} gap(s): see collection.gaps`}.\n` + stringify(snapshot, { lineWidth: 0, aliasDuplicateObjects: false });
      // The file is checked as `--snapshot` will read it: a document ramguard cannot read is reported now, not later.
      const check = parseSnapshot(text, { file: flags.output });
      const unwritten = writeOutput(flags.output, text, io.cwd);
      if (unwritten) return fail([unwritten], EXIT.invalid);
      check.diagnostics.forEach((d) => err(formatDiagnostic(d)));
      const c = (n: number | undefined) => (n ?? 0).toLocaleString('en-US');
      out(`wrote ${flags.output}: account ${snapshot.accountId}, ${c(snapshot.users?.length)} users, ${c(snapshot.groups?.length)} groups, ${c(snapshot.roles?.length)} roles, ${c(snapshot.policies?.length)} custom policies${instances ? `, ${c(snapshot.resources?.camsInstances?.length)} CAMS instances` : ''}`);
      out(`${c(state.calls)} calls (${c(state.retries)} retries) in ${seconds.toFixed(1)} s; ${gaps === 0 ? 'complete' : `${gaps} gap(s), listed in collection.gaps`}${hasErrors(check.diagnostics) ? '; the snapshot has documents ramguard cannot read (above)' : ''}`);
      io.setExit(gaps > 0 || hasErrors(check.diagnostics) ? EXIT.incomplete : EXIT.allow);

      function fail(list: Diagnostic[], code: number): void {
        list.forEach((d) => err(formatDiagnostic(d)));
        io.setExit(code);
      }
    });
}
