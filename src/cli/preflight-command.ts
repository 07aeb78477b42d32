/** `ramguard preflight update-instance`: would this CAMS UpdateInstance call be allowed, and why. */
import { Command } from 'commander';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { plainResidual } from '../explain/residual-text.js';
import { renderEvaluationText } from '../explain/text.js';
import { preflightUpdateInstance } from '../preflight/update-instance.js';
import { exitCodeOf } from './exit-codes.js';
import type { Io } from './kit/io.js';
import { failWith, located, printDiagnostics } from './kit/report.js';
import { addPreflightOptions, readPreflightFlags, type PreflightFlags } from './preflight-flags.js';

/** Builds `preflight` with its `update-instance` subcommand. */
export function preflightCommand(io: Io): Command {
  const update = addPreflightOptions(new Command('update-instance').description('preflight a CAMS UpdateInstance call against RAM policies'))
    .option('--current-time <iso>', 'acs:CurrentTime of the call (default: now)')
    .exitOverride()
    .action((flags: PreflightFlags) => {
      const { params, input, problems } = readPreflightFlags(flags, io);
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
              ...(input.request.resourceGroup !== undefined ? { resourceGroup: input.request.resourceGroup } : {}),
            })
          : { diagnostics: [] as Diagnostic[] };
      const all = [...problems, ...outcome.diagnostics.map((d) => located(d, '<request>'))];
      // An invalid context value makes any verdict a guess: diagnostics only, no verdict.
      if (!('result' in outcome) || !outcome.result || hasErrors(all)) return failWith(io, flags.format, all);
      const result = { ...outcome.result, diagnostics: all };
      if (flags.format === 'json') {
        io.out(JSON.stringify({ ...result, ...(result.residual ? { residualText: plainResidual(result.residual) } : {}) }, null, 2));
      } else {
        io.out(renderEvaluationText(result, result.authorization));
        printDiagnostics(io, all);
      }
      io.setExit(exitCodeOf(result.decision));
    });
  return new Command('preflight').description('predict whether a call will be allowed, before making it').addCommand(update).exitOverride();
}
