/**
 * `ramguard check no-new-access` and `ramguard check access-not-granted`: exact answers with
 * witness requests (src/analysis). Exit 0 PASS, 1 FAIL, 2 invalid input or no answer (a
 * diagnostic says why: an analysis budget, or a key tested as a string and as a typed value).
 */
import { relative, resolve, sep } from 'node:path';
import { Command, Option } from 'commander';
import { checkAccessNotGranted, checkNoNewAccess, type AccessAnswer, type AccessOptions } from '../analysis/access-check.js';
import { formatDiagnostic, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { PolicyKind } from '../policy/types.js';
import { renderCheckJson, renderCheckSarif, renderCheckText, type CheckInfo } from './check-output.js';
import { EXIT } from './exit-codes.js';
import { pathOfSpec, readPolicyInput, type PolicyInput } from './policy-input.js';

type Io = { out: (s: string) => void; err: (s: string) => void; setExit: (code: number) => void };
type Format = 'text' | 'json' | 'sarif';
interface CommonFlags {
  kind: PolicyKind;
  format: Format;
  singleValuedKeys?: boolean;
  maxWitnesses: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const KINDS = ['identity', 'trust', 'control', 'session'];

function commonOptions(command: Command): Command {
  return command
    .addOption(new Option('--kind <kind>', 'the policies\' kind (trust: who may assume the role, N11)').choices(KINDS).default('identity'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--single-valued-keys', 'consider requests that give each condition key at most one value')
    .option('--max-witnesses <n>', 'witness requests to show (different actions where possible)', '3');
}

function fail(io: Io, format: Format, diagnostics: Diagnostic[]): void {
  if (format === 'json') io.out(JSON.stringify({ verdict: null, diagnostics }, null, 2));
  else diagnostics.forEach((d) => io.err(formatDiagnostic(d)));
  io.setExit(EXIT.invalid);
}

function options(flags: CommonFlags): AccessOptions | Diagnostic {
  const max = Number(flags.maxWitnesses);
  if (!Number.isInteger(max) || max < 1 || max > 100) return { code: 'invalid-option', severity: 'error', message: `\`--max-witnesses\` takes a whole number from 1 to 100, not \`${flags.maxWitnesses}\``, path: '' };
  return { maxWitnesses: max, singleValuedKeys: flags.singleValuedKeys === true };
}

function report(io: Io, flags: CommonFlags, info: CheckInfo, answer: AccessAnswer, granted: Extract<PolicyInput, { policy: unknown }>): void {
  if (flags.format === 'json') io.out(renderCheckJson(info, answer, []));
  else if (flags.format === 'sarif') {
    const paths = new Map(granted.policy.document.statements.map((s) => [s.index, s.sourcePath]));
    // Repository-relative URIs, as lint writes them, so code scanning places the result on the file.
    const uri = granted.file === '-' ? 'stdin' : relative(process.cwd(), resolve(pathOfSpec(granted.file))).split(sep).join('/');
    io.out(renderCheckSarif(info, answer, granted.source, uri, paths));
  } else {
    io.out(renderCheckText(info, answer));
    answer.diagnostics.forEach((d) => io.err(formatDiagnostic(d)));
  }
  io.setExit(answer.verdict === 'pass' ? EXIT.allow : answer.verdict === 'fail' ? EXIT.deny : EXIT.invalid);
}

/** Builds `check` with its two subcommands. */
export function checkCommand(io: Io): Command {
  const check = new Command('check').description('exact access checks with witness requests (for pull requests)');
  check.addCommand(
    commonOptions(new Command('no-new-access').exitOverride())
      .description('PASS when every request the candidate policy allows, the base policy allows too')
      .requiredOption('--base <file|rev:path>', 'the policy before the change: a file, `-`, or a git revision like `origin/main:policies/x.json`')
      .requiredOption('--candidate <file|rev:path>', 'the policy after the change')
      .option('--scope <action-pattern>', 'only requests for actions matching this pattern, e.g. `cams:*`; repeatable', collect, [])
      .action((flags: CommonFlags & { base: string; candidate: string; scope: string[] }) => {
        const opts = options(flags);
        if ('code' in opts) return fail(io, flags.format, [opts]);
        const base = readPolicyInput(flags.base, flags.kind);
        const candidate = readPolicyInput(flags.candidate, flags.kind);
        const problems = [...('diagnostics' in base ? base.diagnostics : []), ...('diagnostics' in candidate ? candidate.diagnostics : [])];
        if ('diagnostics' in base || 'diagnostics' in candidate) return fail(io, flags.format, problems);
        const answer = checkNoNewAccess(base.policy, candidate.policy, { ...opts, ...(flags.scope.length > 0 ? { actions: flags.scope } : {}) });
        report(io, flags, { check: 'no-new-access', granted: flags.candidate, base: flags.base, kind: flags.kind }, answer, candidate);
      }),
  );
  check.addCommand(
    commonOptions(new Command('access-not-granted').exitOverride())
      .description('PASS when no listed action (on the listed resources) can be allowed under any context')
      .requiredOption('--policy <file|rev:path>', 'the policy: a file, `-`, or a git revision')
      .option('--action <pattern>', 'an action or action pattern that must not be allowed; repeatable', collect, [])
      .option('--resource <pattern>', 'only on resources matching this pattern; repeatable', collect, [])
      .action((flags: CommonFlags & { policy: string; action: string[]; resource: string[] }) => {
        const opts = options(flags);
        if ('code' in opts) return fail(io, flags.format, [opts]);
        if (flags.action.length === 0) return fail(io, flags.format, [{ code: 'missing-option', severity: 'error', message: 'name at least one action with `--action`', path: '' }]);
        const policy = readPolicyInput(flags.policy, flags.kind);
        if ('diagnostics' in policy) return fail(io, flags.format, policy.diagnostics);
        const answer = checkAccessNotGranted(policy.policy, { ...opts, actions: flags.action, ...(flags.resource.length > 0 ? { resources: flags.resource } : {}) });
        report(io, flags, { check: 'access-not-granted', granted: flags.policy, kind: flags.kind }, answer, policy);
      }),
  );
  return check;
}
