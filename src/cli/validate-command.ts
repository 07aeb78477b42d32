/** `ramguard validate`: check policy files against RAM's grammar; exit 0 clean, 2 with errors. */
import { Command, Option } from 'commander';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parsePolicy } from '../policy/parse-policy.js';
import { POLICY_KINDS, type PolicyKind } from '../policy/types.js';
import { EXIT } from './exit-codes.js';
import { createInputReader } from './kit/input.js';
import type { Io } from './kit/io.js';
import { printDiagnostics } from './kit/report.js';

/** Builds the `validate` command on `io`. */
export function validateCommand(io: Io): Command {
  return new Command('validate')
    .description('validate RAM policy documents (JSON or YAML; `-` for stdin)')
    .argument('<files...>', 'policy files')
    .addOption(new Option('--kind <kind>', 'policy kind').choices([...POLICY_KINDS]).default('identity'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action((files: string[], flags: { kind: PolicyKind; format: 'text' | 'json' }) => {
      const { reader } = createInputReader(io);
      const diagnostics: Diagnostic[] = [];
      for (const path of files) {
        const read = reader.read(path);
        if ('diagnostic' in read) diagnostics.push(read.diagnostic);
        else for (const d of parsePolicy(read.text, { kind: flags.kind, file: read.file }).diagnostics) diagnostics.push(d);
      }
      if (flags.format === 'json') io.out(JSON.stringify({ valid: !hasErrors(diagnostics), diagnostics }, null, 2));
      else if (diagnostics.length === 0) io.out(`${files.length} ${flags.kind} ${files.length === 1 ? 'policy is' : 'policies are'} valid`);
      else printDiagnostics(io, diagnostics);
      io.setExit(hasErrors(diagnostics) ? EXIT.invalid : 0);
    });
}
