/**
 * `ramguard check no-new-access` and `ramguard check access-not-granted`: exact answers with
 * witness requests (src/analysis). Exit 0 PASS, 1 FAIL, 2 invalid input or no answer (a
 * diagnostic says why: an analysis budget, or a key tested as a string and as a typed value).
 */
import { relative, resolve, sep } from 'node:path';
import { Command, Option } from 'commander';
import { checkAccessNotGranted, checkNoNewAccess, type AccessAnswer, type AccessOptions } from '../analysis/access-check.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PolicyKind } from '../policy/types.js';
import { renderCheckJson, renderCheckSarif, renderCheckText, type CheckInfo } from './check-output.js';
import { EXIT } from './exit-codes.js';
import { createInputReader } from './kit/input.js';
import type { Io } from './kit/io.js';
import { repeatable as collect, wholeNumber } from './kit/options.js';
import { failWith, printDiagnostics } from './kit/report.js';
import { pathOfSpec, readPolicyInput, type PolicyInput } from './policy-input.js';
type Format = 'text' | 'json' | 'sarif';
interface CommonFlags {
  kind: PolicyKind;
  format: Format;
  singleValuedKeys?: boolean;
  maxWitnesses: string;
}

const KINDS = ['identity', 'trust', 'control', 'session'];

function commonOptions(command: Command): Command {
  return command
    .addOption(new Option('--kind <kind>', 'the policies\' kind (trust: who may assume the role)').choices(KINDS).default('identity'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--single-valued-keys', 'consider requests that give each condition key at most one value')
    .option('--max-witnesses <n>', 'witness requests to show (different actions where possible)', '3');
}

const fail = (io: Io, format: Format, diagnostics: Diagnostic[]): void => failWith(io, format, diagnostics);

function options(flags: CommonFlags): AccessOptions | Diagnostic[] {
  const problems: Diagnostic[] = [];
  const max = wholeNumber(flags.maxWitnesses, '--max-witnesses', 1, 100, problems);
  return max === undefined ? problems : { maxWitnesses: max, singleValuedKeys: flags.singleValuedKeys === true };
}

function report(io: Io, flags: CommonFlags, info: CheckInfo, answer: AccessAnswer, granted: Extract<PolicyInput, { policy: unknown }>): void {
  if (flags.format === 'json') io.out(renderCheckJson(info, answer, []));
  else if (flags.format === 'sarif') {
    const paths = new Map(granted.policy.document.statements.map((s) => [s.index, s.sourcePath]));
    // Repository-relative URIs, as lint writes them, so code scanning places the result on the file.
    const uri = granted.file === '-' ? 'stdin' : relative(io.cwd, resolve(io.cwd, pathOfSpec(granted.file, io.cwd))).split(sep).join('/');
    io.out(renderCheckSarif(info, answer, granted.source, uri, paths));
  } else {
    io.out(renderCheckText(info, answer));
    printDiagnostics(io, answer.diagnostics);
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
        if (Array.isArray(opts)) return fail(io, flags.format, opts);
        const { reader } = createInputReader(io);
        const base = readPolicyInput(flags.base, flags.kind, reader, io.cwd);
        const candidate = readPolicyInput(flags.candidate, flags.kind, reader, io.cwd);
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
        if (Array.isArray(opts)) return fail(io, flags.format, opts);
        if (flags.action.length === 0) return fail(io, flags.format, [{ code: 'missing-option', severity: 'error', message: 'name at least one action with `--action`', path: '' }]);
        const policy = readPolicyInput(flags.policy, flags.kind, createInputReader(io).reader, io.cwd);
        if ('diagnostics' in policy) return fail(io, flags.format, policy.diagnostics);
        const answer = checkAccessNotGranted(policy.policy, { ...opts, actions: flags.action, ...(flags.resource.length > 0 ? { resources: flags.resource } : {}) });
        report(io, flags, { check: 'access-not-granted', granted: flags.policy, kind: flags.kind }, answer, policy);
      }),
  );
  return check;
}
