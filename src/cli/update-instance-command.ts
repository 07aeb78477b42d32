/**
 * `ramguard update-instance`: the guarded call. Preflights CAMS UpdateInstance and sends it
 * through Alibaba's SDK only when the preflight allows it; `--force` sends a Conditional call,
 * `--dry-run` sends nothing. Every line it prints passes through a redactor that knows the
 * AccessKey secret and security token of the run.
 */
import { Command } from 'commander';
import { formatDiagnostic } from '../diagnostics/diagnostic.js';
import { isLoopback, parseEndpoint } from '../client/endpoint.js';
import { guardProcessOutput } from '../client/output-guard.js';
import { createRedactor } from '../client/redact.js';
import { GuardedCamsClient, type GuardedOutcome } from '../client/guarded-client.js';
import { outcomeJson, renderOutcomeText } from '../client/render.js';
import { MAX_ATTEMPTS_LIMIT, type CredentialSource, type Endpoint } from '../client/transport.js';
import { EXIT, exitCodeOf } from './exit-codes.js';
import { credentialChain } from './kit/credentials.js';
import type { Io } from './kit/io.js';
import { wholeNumber } from './kit/options.js';
import { usageProblem } from './kit/report.js';
import { addPreflightOptions, readPreflightFlags, type PreflightFlags } from './preflight-flags.js';
type UpdateFlags = PreflightFlags & { endpoint?: string; profile?: string; dryRun?: boolean; force?: boolean; timeoutMs: string; maxAttempts: string };

/** The exit code of an outcome (see EXIT). */
function exitOf(outcome: GuardedOutcome): number {
  switch (outcome.status) {
    case 'invalid':
      return EXIT.invalid;
    case 'refused':
      return exitCodeOf(outcome.preflight.decision);
    case 'dry-run':
      return outcome.wouldSend ? EXIT.allow : exitCodeOf(outcome.preflight.decision);
    case 'succeeded':
      return EXIT.allow;
    case 'denied':
      return EXIT.deny;
    case 'drift':
      return EXIT.drift;
    case 'failed':
      return outcome.failure.kind === 'credentials' ? EXIT.invalid : EXIT.failed;
  }
}

/** Builds `update-instance`. */
export function updateInstanceCommand(io: Io): Command {
  return addPreflightOptions(new Command('update-instance').description('preflight a CAMS UpdateInstance call, and send it only if RAM policies allow it'))
    .option('--endpoint <url>', 'the CAMS endpoint (default https://cams.<region>.aliyuncs.com), e.g. the emulator http://127.0.0.1:8787')
    .option('--profile <name>', 'the credentials profile (~/.alibabacloud/credentials or the aliyun CLI config)')
    .option('--dry-run', 'preflight and print the request that would be sent; send nothing')
    .option('--force', 'send a call whose preflight answer is Conditional (never a denied one)')
    .option('--timeout-ms <ms>', 'timeout of each attempt', '10000')
    .option('--max-attempts <n>', 'attempts when throttled or on a server error', '3')
    .exitOverride()
    .action(async (flags: UpdateFlags) => {
      const redact = createRedactor([process.env['ALIBABA_CLOUD_ACCESS_KEY_SECRET'], process.env['ALIBABA_CLOUD_SECURITY_TOKEN']]);
      // Alibaba's SDK and Node print request headers under DEBUG / NODE_DEBUG: every byte this
      // process writes passes the redactor, whatever the environment says (issue 12, item 10).
      guardProcessOutput(redact);
      const out = (s: string) => io.out(redact(s));
      const err = (s: string) => io.err(redact(s));
      const { params, input, problems } = readPreflightFlags(flags, io);
      const timeoutMs = wholeNumber(flags.timeoutMs, '--timeout-ms', 1, 600_000, problems) ?? 0;
      const maxAttempts = wholeNumber(flags.maxAttempts, '--max-attempts', 1, MAX_ATTEMPTS_LIMIT, problems) ?? 0;
      let endpoint: Endpoint | undefined;
      if (flags.endpoint !== undefined) {
        const parsed = parseEndpoint(flags.endpoint);
        if ('error' in parsed) problems.push(usageProblem(`--endpoint: ${parsed.error}`));
        else endpoint = parsed;
      }
      if (!('request' in input) || problems.length > 0) return finish({ status: 'invalid', diagnostics: problems });
      const chain = await credentialChain(flags.profile);
      const credential: CredentialSource = {
        getCredential: async () => {
          const c = await chain.getCredential();
          redact.add(c.accessKeySecret);
          redact.add(c.securityToken);
          return c;
        },
      };
      const client = new GuardedCamsClient({
        region: flags.region!,
        accountId: flags.accountId!,
        policies: input.policies,
        principal: input.request.principal,
        credential,
        ...(endpoint ? { endpoint } : {}),
        timeoutMs,
        retry: { maxAttempts },
        onRetry: (failure, attempt, delay) => err(`retrying in ${delay} ms after ${failure.code ?? failure.kind} (attempt ${attempt} of ${maxAttempts})`),
      });
      const outcome = await client.updateInstance(params, {
        ...(flags.force ? { force: true } : {}),
        ...(flags.dryRun ? { dryRun: true } : {}),
        ...(flags.sourceIp !== undefined ? { sourceIp: flags.sourceIp } : {}),
        context: input.request.context ?? {},
        absent: input.request.absent ?? [],
        ...(input.request.resourceGroup !== undefined ? { resourceGroup: input.request.resourceGroup } : {}),
      });
      finish(outcome);

      function finish(outcome: GuardedOutcome): void {
        if ('forced' in outcome && outcome.forced) err(`warning: sent with --force although the preflight answer was Conditional on ${outcome.preflight!.unknownKeys.join(', ')}`);
        if (endpoint?.protocol === 'http' && !isLoopback(endpoint.host)) err('warning: plain HTTP to a host that is not this machine');
        const diagnostics = outcome.status === 'invalid' ? outcome.diagnostics : (outcome.preflight?.diagnostics ?? []);
        if (flags.format === 'json') out(JSON.stringify(outcomeJson(outcome), null, 2));
        else out(renderOutcomeText(outcome));
        if (flags.format !== 'json') diagnostics.forEach((d) => err(formatDiagnostic({ ...d, file: d.file ?? '<request>' })));
        io.setExit(exitOf(outcome));
      }
    });
}
