/** `ramguard eval`: evaluate one request, print the decision and why, exit with its code. */
import { Command, Option } from 'commander';
import { formatDiagnostic, hasErrors } from '../diagnostics/diagnostic.js';
import { evaluate } from '../eval/authorize.js';
import { compilePolicySet } from '../eval/compile.js';
import { renderResidual } from '../explain/residual-text.js';
import { renderEvaluationText } from '../explain/text.js';
import { PRINCIPAL_TYPES } from '../request/types.js';
import { buildEvalInput, type EvalFlags } from './eval-input.js';
import { EXIT, EXPECTATIONS, exitCodeOf, meetsExpectation, type Expectation } from './exit-codes.js';

const collect = (value: string, previous: string[]) => [...previous, value];

/** Builds the `eval` command; `out`/`err` are where it prints, `setExit` records the exit code. */
export function evalCommand(io: { out: (s: string) => void; err: (s: string) => void; setExit: (code: number) => void }): Command {
  return new Command('eval')
    .description('evaluate one request against RAM policies and explain the decision')
    .option('--policy <file>', 'identity policy (JSON or YAML; `-` for stdin), repeatable', collect, [])
    .option('--control-policy <file>', 'control policy, one level each, Root folder first; repeatable', collect, [])
    .option('--session-policy <file>', 'session policy of an assumed-role session')
    .option('--trust-policy <file>', 'role trust policy, for sts:AssumeRole; repeatable', collect, [])
    .option('--action <service:action>', 'the action, e.g. cams:UpdateInstance')
    .option('--resource <arn>', 'the resource ARN')
    .option('--resource-group <id>', 'the resource group the resource is in')
    .addOption(new Option('--principal-type <type>', 'the caller').choices([...PRINCIPAL_TYPES]))
    .option('--principal-arn <arn>', "the caller's ARN")
    .option('--context <key=value>', 'a context key value; repeat a key for several values', collect, [])
    .option('--absent <key>', 'a context key the request does not carry; repeatable', collect, [])
    .option('--scenario <file>', 'a scenario file with the request and every policy (flags override it)')
    .option('--snapshot <file>', 'an account snapshot: the caller and its policies as RAM sees them (with --principal)')
    .option('--principal <ref>', 'the caller in the snapshot: user/NAME or role/NAME')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--expect <decision>', 'exit 0 when the decision is this, 1 when not').choices([...EXPECTATIONS]))
    .action((flags: EvalFlags & { format: 'text' | 'json'; expect?: Expectation }) => {
      const input = buildEvalInput(flags);
      if (!('request' in input)) {
        if (flags.format === 'json') io.out(JSON.stringify({ decision: null, diagnostics: input.diagnostics }, null, 2));
        else input.diagnostics.forEach((d) => io.err(formatDiagnostic(d)));
        io.setExit(EXIT.invalid);
        return;
      }
      const result = evaluate(compilePolicySet(input.policies), input.request);
      result.diagnostics = [...input.diagnostics, ...result.diagnostics.map((d) => (d.file === undefined ? { ...d, file: '<request>' } : d))];
      if (flags.format === 'json') {
        const residualText = result.residual ? renderResidual(result.residual) : undefined;
        io.out(JSON.stringify({ ...result, ...(residualText ? { residualText } : {}), request: input.request }, null, 2));
      } else {
        io.out(renderEvaluationText(result, input.request));
        result.diagnostics.forEach((d) => io.err(formatDiagnostic(d)));
      }
      if (hasErrors(result.diagnostics)) io.setExit(EXIT.invalid);
      else if (flags.expect) io.setExit(meetsExpectation(result.decision, flags.expect) ? 0 : 1);
      else io.setExit(exitCodeOf(result.decision));
    });
}
