/** `ramguard preflight update-instance`: would this CAMS UpdateInstance call be allowed, and why. */
import { Command, Option } from 'commander';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { renderResidual } from '../explain/residual-text.js';
import { renderEvaluationText } from '../explain/text.js';
import { UPDATE_INSTANCE_PARAMETERS } from '../preflight/parameters.js';
import { preflightUpdateInstance } from '../preflight/update-instance.js';
import { PRINCIPAL_TYPES } from '../request/types.js';
import { buildEvalInput, type EvalFlags } from './eval-input.js';
import { EXIT, exitCodeOf } from './exit-codes.js';

type Io = { out: (s: string) => void; err: (s: string) => void; setExit: (code: number) => void };
const collect = (value: string, previous: string[]) => [...previous, value];
/** commander's camel-case name of a parameter flag: `--instance-id` → `instanceId`. */
const optionKey = (flag: string) => flag.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

type PreflightFlags = Omit<EvalFlags, 'action' | 'resource' | 'trustPolicy'> & {
  region?: string;
  accountId?: string;
  sourceIp?: string;
  currentTime?: string;
  format: 'text' | 'json';
} & Record<string, unknown>;

/** Builds `preflight` with its `update-instance` subcommand. */
export function preflightCommand(io: Io): Command {
  const update = new Command('update-instance').description('preflight a CAMS UpdateInstance call against RAM policies');
  for (const p of UPDATE_INSTANCE_PARAMETERS) update.option(`${p.flag} <value>`, `${p.name}${p.required ? ' (required)' : ''}`);
  update
    .option('--region <region>', 'the region of the instance, e.g. ap-southeast-1')
    .option('--account-id <uid>', 'the Alibaba Cloud account that owns the instance')
    .option('--policy <file>', 'identity policy of the caller; repeatable', collect, [])
    .option('--control-policy <file>', 'control policy, one level each, Root folder first; repeatable', collect, [])
    .option('--session-policy <file>', 'session policy of an assumed-role caller')
    .option('--scenario <file>', 'a scenario file with the caller and its policies')
    .addOption(new Option('--principal-type <type>', 'the caller').choices([...PRINCIPAL_TYPES]))
    .option('--principal-arn <arn>', "the caller's ARN")
    .option('--source-ip <ip>', 'the IP the call will come from (unknown otherwise)')
    .option('--current-time <iso>', 'acs:CurrentTime of the call (default: now)')
    .option('--context <key=value>', 'another context key; repeatable', collect, [])
    .option('--absent <key>', 'a context key the call does not carry; repeatable', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .exitOverride()
    .action((flags: PreflightFlags) => {
      const problems: Diagnostic[] = [];
      const argument = (message: string, help: string) => problems.push({ code: 'invalid-argument', severity: 'error', message, file: '<command line>', path: '', help });
      if (flags.region === undefined) argument('the region is missing', 'give `--region`, e.g. `--region ap-southeast-1`');
      if (flags.accountId === undefined) argument('the account id is missing', 'give `--account-id` (the account that owns the instance)');
      const input = buildEvalInput({ ...flags, trustPolicy: [], action: 'cams:UpdateInstance', resource: 'acs:cams:preflight' } as EvalFlags);
      problems.push(...input.diagnostics.filter((d) => d.severity === 'error'));
      const params: Record<string, unknown> = {};
      for (const p of UPDATE_INSTANCE_PARAMETERS) {
        const value = flags[optionKey(p.flag)];
        if (value !== undefined) params[p.name] = value;
      }
      const outcome =
        'request' in input && problems.length === 0
          ? preflightUpdateInstance(params, input.policies, {
              region: flags.region!,
              accountId: flags.accountId!,
              principal: input.request.principal,
              currentTime: flags.currentTime ?? new Date().toISOString(), // the CLI is the edge that owns the clock
              ...(flags.sourceIp !== undefined ? { sourceIp: flags.sourceIp } : {}),
              context: input.request.context ?? {},
              absent: input.request.absent ?? [],
            })
          : { diagnostics: [] as Diagnostic[] };
      const all = [...problems, ...outcome.diagnostics.map((d) => ({ ...d, file: d.file ?? '<request>' }))];
      if (!('result' in outcome) || !outcome.result) {
        if (flags.format === 'json') io.out(JSON.stringify({ decision: null, diagnostics: all }, null, 2));
        else all.forEach((d) => io.err(formatDiagnostic(d)));
        io.setExit(EXIT.invalid);
        return;
      }
      const result = { ...outcome.result, diagnostics: all };
      if (flags.format === 'json') {
        io.out(JSON.stringify({ ...result, ...(result.residual ? { residualText: renderResidual(result.residual) } : {}) }, null, 2));
      } else {
        io.out(renderEvaluationText(result, result.authorization));
        all.forEach((d) => io.err(formatDiagnostic(d)));
      }
      io.setExit(hasErrors(all) ? EXIT.invalid : exitCodeOf(result.decision));
    });
  return new Command('preflight').description('predict whether a call will be allowed, before making it').addCommand(update).exitOverride();
}
