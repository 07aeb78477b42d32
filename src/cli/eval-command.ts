/** `ramguard eval`: evaluate one request (or a file of them: eval-batch.ts), print the decision and why, exit with its code. */
import { Command, Option } from 'commander';
import { builtinCatalog } from '../catalog/builtin.js';
import { checkRequestNames } from '../catalog/request-check.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { evaluate } from '../eval/authorize.js';
import { compilePolicySet } from '../eval/compile.js';
import { plainResidual } from '../explain/residual-text.js';
import { renderEvaluationText } from '../explain/text.js';
import { PRINCIPAL_TYPES } from '../request/types.js';
import { runBatch } from './eval-batch.js';
import { buildEvalInput, type EvalFlags } from './eval-input.js';
import { EXPECTATIONS, exitCodeOf, meetsExpectation, type Expectation } from './exit-codes.js';
import { createInputReader } from './kit/input.js';
import type { Io } from './kit/io.js';
import { addAllowPathOption, repeatable } from './kit/options.js';
import { failWith, located, printDiagnostics, strictProblems } from './kit/report.js';

/** Builds the `eval` command on `io`. */
export function evalCommand(io: Io): Command {
  return addAllowPathOption(
    new Command('eval')
      .description('evaluate one request against RAM policies and explain the decision')
      .option('--policy <file>', 'identity policy (JSON or YAML; `-` for stdin), repeatable', repeatable, [])
      .option('--control-policy <file>', 'control policy, one level each, Root folder first; repeatable', repeatable, [])
      .option('--session-policy <file>', 'session policy of an assumed-role session')
      .option('--trust-policy <file>', 'role trust policy, for sts:AssumeRole; repeatable', repeatable, [])
      .option('--action <service:action>', 'the action, e.g. cams:UpdateInstance')
      .option('--resource <arn>', 'the resource ARN')
      .option('--resource-group <id>', 'the resource group the resource is in')
      .addOption(new Option('--principal-type <type>', 'the caller').choices([...PRINCIPAL_TYPES]))
      .option('--principal-arn <arn>', "the caller's ARN")
      .option('--context <key=value>', 'a context key value; repeat a key for several values', repeatable, [])
      .option('--absent <key>', 'a context key the request does not carry; repeatable', repeatable, [])
      .option('--scenario <file>', 'a scenario file with the request and every policy (flags override it)')
      .option('--snapshot <file>', 'an account snapshot: the caller and its policies as RAM sees them (with --principal)')
      .option('--principal <ref>', 'the caller in the snapshot: user/NAME or role/NAME')
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .addOption(new Option('--expect <decision>', 'exit 0 when the decision is this, 1 when not').choices([...EXPECTATIONS]))
      .option('--requests <file>', 'many requests, one JSON object a line or a YAML list (`-` for stdin): a table, exit 1 when an `expect` is not met')
      .option('--strict', 'treat every warning (an action the catalog does not know, a resource that is not an ARN, …) as an error: exit 2, no answer'),
  ).action((flags: EvalFlags & { format: 'text' | 'json'; expect?: Expectation; allowPath: string[]; strict?: boolean; requests?: string }) => {
    const { reader, problems } = createInputReader(io, flags.allowPath);
    if (problems.length > 0) return failWith(io, flags.format, problems);
    if (flags.requests !== undefined) return runBatch(io, { ...flags, requests: flags.requests }, reader);
    const input = buildEvalInput(flags, reader);
    if (!('request' in input)) return failWith(io, flags.format, input.diagnostics);
    // A typo'd action decides silently otherwise (`cams:*` allows `cams:DeleteInstanse`).
    const names = checkRequestNames(input.request, builtinCatalog()).map((d) => located(d, '<request>'));
    const inputProblems = strictProblems([...input.diagnostics, ...names], flags.strict === true);
    if (hasErrors(inputProblems)) return failWith(io, flags.format, inputProblems);
    const result = evaluate(compilePolicySet(input.policies), input.request);
    result.diagnostics = [...inputProblems, ...result.diagnostics.map((d) => located(d, '<request>'))];
    // An invalid context value (`acs:CurrentTime=yesterday`) makes any verdict a guess: none is printed.
    if (hasErrors(result.diagnostics)) return failWith(io, flags.format, result.diagnostics);
    if (flags.format === 'json') {
      const residualText = result.residual ? plainResidual(result.residual) : undefined;
      io.out(JSON.stringify({ ...result, ...(residualText ? { residualText } : {}), request: input.request }, null, 2));
    } else {
      io.out(renderEvaluationText(result, input.request));
      printDiagnostics(io, result.diagnostics);
    }
    if (flags.expect) io.setExit(meetsExpectation(result.decision, flags.expect) ? 0 : 1);
    else io.setExit(exitCodeOf(result.decision));
  });
}
