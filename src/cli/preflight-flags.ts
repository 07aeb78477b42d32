/**
 * The flags `ramguard preflight update-instance` and `ramguard update-instance` share: the API's
 * parameters, where the instance lives, the caller and its policies, and the context of the call.
 */
import { Command, Option } from 'commander';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { builtinCatalog } from '../catalog/builtin.js';
import { buildArn } from '../catalog/query.js';
import { UPDATE_INSTANCE_PARAMETERS } from '../preflight/parameters.js';
import { PRINCIPAL_TYPES } from '../request/types.js';
import { buildEvalInput, type EvalFlags, type EvalInput } from './eval-input.js';
import { createInputReader } from './kit/input.js';
import type { Io } from './kit/io.js';
import { addAllowPathOption, repeatable as collect } from './kit/options.js';
import { located, strictProblems, usageProblem } from './kit/report.js';
import { checkRequestNames } from '../catalog/request-check.js';
/** commander's camel-case name of a parameter flag: `--instance-id` → `instanceId`. */
const optionKey = (flag: string) => flag.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

export type PreflightFlags = Omit<EvalFlags, 'action' | 'resource' | 'trustPolicy'> & {
  region?: string;
  accountId?: string;
  sourceIp?: string;
  currentTime?: string;
  allowPath: string[];
  strict?: boolean;
  format: 'text' | 'json';
} & Record<string, unknown>;

/** Adds the shared flags to a command. */
export function addPreflightOptions(command: Command): Command {
  for (const p of UPDATE_INSTANCE_PARAMETERS) command.option(`${p.flag} <value>`, `${p.name}${p.required ? ' (required)' : ''}`);
  return addAllowPathOption(command)
    .option('--region <region>', 'the region of the instance, e.g. ap-southeast-1')
    .option('--account-id <uid>', 'the Alibaba Cloud account that owns the instance')
    .option('--policy <file>', 'identity policy of the caller; repeatable', collect, [])
    .option('--control-policy <file>', 'control policy, one level each, Root folder first; repeatable', collect, [])
    .option('--session-policy <file>', 'session policy of an assumed-role caller')
    .option('--scenario <file>', 'a scenario file with the caller and its policies')
    .option('--snapshot <file>', 'an account snapshot: the caller and its policies as RAM sees them (with --principal)')
    .option('--principal <ref>', 'the caller in the snapshot: user/NAME or role/NAME')
    .addOption(new Option('--principal-type <type>', 'the caller').choices([...PRINCIPAL_TYPES]))
    .option('--principal-arn <arn>', "the caller's ARN")
    .option('--source-ip <ip>', 'the IP the call will come from (unknown otherwise)')
    .option('--context <key=value>', 'another context key; repeatable', collect, [])
    .option('--absent <key>', 'a context key the call does not carry; repeatable', collect, [])
    .option('--strict', 'treat every warning as an error: exit 2, nothing decided or sent')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'));
}

/** What the shared flags say: the API parameters, the caller and policies, and any problems. */
export interface PreflightInputs {
  params: Record<string, unknown>;
  input: EvalInput;
  problems: Diagnostic[];
}

/** Reads the shared flags; `problems` holds every error (missing region, unreadable policy, …). */
export function readPreflightFlags(flags: PreflightFlags, io: Io): PreflightInputs {
  const { reader, problems } = createInputReader(io, flags.allowPath);
  const argument = (message: string, help: string) => problems.push(usageProblem(message, help));
  if (flags.region === undefined) argument('the region is missing', 'give `--region`, e.g. `--region ap-southeast-1`');
  if (flags.accountId === undefined) argument('the account id is missing', 'give `--account-id` (the account that owns the instance)');
  // The preflight builds the request itself; the shared reader gets the instance's ARN (when the
  // flags give it) so a snapshot's inventory can say which resource group the instance is in.
  const instanceId = flags[optionKey('--instance-id')];
  const arn = flags.region !== undefined && flags.accountId !== undefined && typeof instanceId === 'string' ? buildArn(builtinCatalog(), 'cams:UpdateInstance', { regionId: flags.region, accountId: flags.accountId, InstanceId: instanceId }) : undefined;
  const resource = arn && 'arn' in arn ? arn.arn : 'acs:cams:preflight';
  const input = buildEvalInput({ ...flags, trustPolicy: [], action: 'cams:UpdateInstance', resource } as EvalFlags, reader);
  const checked = 'request' in input ? [...input.diagnostics, ...checkRequestNames(input.request, builtinCatalog()).map((d) => located(d, '<request>'))] : input.diagnostics;
  for (const d of strictProblems(checked, flags.strict === true)) if (d.severity === 'error') problems.push(d);
  const owner = 'snapshot' in input ? input.snapshot?.accountId : undefined;
  if (owner !== undefined && flags.accountId !== undefined && owner !== flags.accountId) {
    argument(`the instance is in account \`${flags.accountId}\`, the snapshot is of account \`${owner}\``, `a RAM identity acts on another account's resources only by assuming a role there: give that account's snapshot, or \`--account-id ${owner}\``);
  }
  const params: Record<string, unknown> = {};
  for (const p of UPDATE_INSTANCE_PARAMETERS) {
    const value = flags[optionKey(p.flag)];
    if (value !== undefined) params[p.name] = value;
  }
  return { params, input, problems };
}
