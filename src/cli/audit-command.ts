/**
 * `ramguard audit who-can` and `ramguard audit principal-can`: the account audit over a snapshot.
 * Exit codes (W10): 0 the question was answered — whoever can; 2 invalid input or usage. An audit
 * is a report, not a check: with `--expect-none`, exit 1 when anyone can (or can escalate), for CI.
 */
import { Command, Option } from 'commander';
import { AUDIT_FORMATS, auditChunkRenderer, renderAnswerChunks } from '../audit/render/index.js';
import type { AuditResult } from '../audit/types.js';
import { principalCan, whoCan } from '../audit/who-can.js';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { NamedPolicy } from '../policy/policy-set.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import { EXIT } from './exit-codes.js';
import { limitPaths } from '../audit/limit-paths.js';
import { loadSnapshotFile, readPolicyFile } from './kit/documents.js';
import { createInputReader } from './kit/input.js';
import { MAX_PRINT_CHARACTERS, type Io } from './kit/io.js';
import { addAllowPathOption, parseContextFlags, repeatable as collect, wholeNumber } from './kit/options.js';
import { failWith, printDiagnostics, usageProblem as usage } from './kit/report.js';

interface CommonFlags {
  snapshot?: string;
  context: string[];
  sessionPolicy?: string;
  escalation: boolean;
  format: string;
  expectNone?: boolean;
  maxPaths: string;
  width?: string;
  allowPath: string[];
}

/** Formats drawn from every grant of every resource (the graph's edges name instances); the others read grants per class. */
const PER_RESOURCE_FORMATS = new Set(['dot', 'html']);

/** Grants per class for the formats that print them grouped: no object per principal × instance (issue 13). */
const grantsPer = (format: string) => (PER_RESOURCE_FORMATS.has(format) ? ('resource' as const) : ('class' as const));

/** Reads the snapshot, the context and the session policy; diagnostics when any is bad. */
function loadCommon(flags: CommonFlags, io: Io): { snapshot: AccountSnapshot; context: Record<string, string[]>; maxPaths: number; width?: number; sessionPolicy?: NamedPolicy } | { diagnostics: Diagnostic[] } {
  if (flags.snapshot === undefined) return { diagnostics: [usage('`--snapshot FILE` is required', 'an account snapshot; see docs/snapshot-format.md')] };
  const { reader, problems: diagnostics } = createInputReader(io, flags.allowPath);
  const maxPaths = wholeNumber(flags.maxPaths, '--max-paths', 0, 1_000_000, diagnostics);
  const width = flags.width !== undefined ? wholeNumber(flags.width, '--width', 40, 10_000, diagnostics) : undefined;
  const context = parseContextFlags(flags.context, diagnostics);
  const sessionPolicy = flags.sessionPolicy !== undefined ? readPolicyFile(reader, flags.sessionPolicy, 'session', diagnostics) : undefined;
  if (hasErrors(diagnostics) || maxPaths === undefined) return { diagnostics };
  const loaded = loadSnapshotFile(reader, flags.snapshot);
  if ('diagnostics' in loaded) return loaded;
  // The answer stands, but says what the snapshot lacks (on stderr: stdout is the answer's format).
  printDiagnostics(io, loaded.warnings);
  return { snapshot: loaded.snapshot, context, maxPaths, ...(width !== undefined ? { width } : {}), ...(sessionPolicy ? { sessionPolicy } : {}) };
}

/**
 * The table's width: `--width`, else the terminal's when standard output is one, else 120. Read
 * here, at the edge: the renderers are told it.
 */
function tableWidth(width: number | undefined): number | undefined {
  return width ?? (process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined);
}

/** Prints the answer (at most `maxPaths` paths a grant, 0: all) in its format, or the diagnostics; sets the exit code. */
async function finish(io: Io, flags: CommonFlags, answer: { result?: AuditResult; diagnostics: Diagnostic[] }, maxPaths = 0, width?: number): Promise<void> {
  if (!answer.result) return failWith(io, flags.format, answer.diagnostics);
  const renderer = await auditChunkRenderer(flags.format);
  if ('error' in renderer) return failWith(io, undefined, [usage(renderer.error, `use one of ${AUDIT_FORMATS.join(', ')}`)]);
  const columns = tableWidth(width);
  const rendered = renderAnswerChunks(renderer, limitPaths(answer.result, maxPaths), flags.format, columns !== undefined ? { width: columns } : {});
  if ('diagnostic' in rendered) return failWith(io, flags.format, [rendered.diagnostic]);
  // Warnings of the answer itself (paths cut at the audit's budget), on standard error.
  printDiagnostics(io, answer.diagnostics);
  printChunks(io, rendered.chunks);
  const list = answer.result.kind === 'who-can' ? answer.result.principals : [answer.result.access];
  const anyone = list.some((p) => p.decision !== 'None' || p.escalations.length > 0);
  io.setExit(flags.expectNone && anyone ? EXIT.deny : EXIT.allow);
}

/** Prints chunks of whole lines, each as it is, up to the bound one print has (MAX_PRINT_CHARACTERS) over all of them. */
function printChunks(io: Io, chunks: string[]): void {
  let left = MAX_PRINT_CHARACTERS;
  for (const chunk of chunks) {
    if (chunk.length + 1 > left) {
      io.out(`${chunk.slice(0, Math.max(0, left))}\n… output cut at ${MAX_PRINT_CHARACTERS} characters`);
      return;
    }
    io.out(chunk);
    left -= chunk.length + 1;
  }
}

function commonOptions(command: Command): Command {
  return addAllowPathOption(command)
    .option('--snapshot <file>', 'the account snapshot (YAML or JSON)')
    .option('--context <key=value>', 'a context key value of the requests; repeat a key for several values', collect, [])
    .option('--session-policy <file>', 'a session policy every role session carries')
    .option('--no-escalation', 'do not look for principals that can escalate')
    .addOption(new Option('--format <format>', 'output format').choices(AUDIT_FORMATS).default('table'))
    .option('--expect-none', 'exit 1 when any principal can (or can escalate), else 0')
    .option('--max-paths <n>', 'at most N paths per answer, shortest first, with a count of the rest (0: every path)', '10')
    .option('--width <n>', 'columns the table keeps within (default: the terminal\'s, else 120)');
}

/** Builds `ramguard audit` with its two subcommands. */
export function auditCommand(io: Io): Command {
  const audit = new Command('audit').description('who can do what in an account snapshot: paths, conditions, escalation');
  const who = commonOptions(
    new Command('who-can')
      .description('every principal that can perform an action, with every path that grants it')
      .option('--action <service:action>', 'the action, e.g. cams:UpdateInstance')
      .option('--resource <arn>', 'the resource ARN (default: `*`)')
      .option('--all-resources', 'every CAMS instance of the snapshot inventory'),
  ).action(async (flags: CommonFlags & { action?: string; resource?: string; allResources?: boolean }) => {
    const loaded = flags.action === undefined ? { diagnostics: [usage('`--action` is required', 'e.g. `--action cams:UpdateInstance`')] } : loadCommon(flags, io);
    if ('diagnostics' in loaded) return finish(io, flags, loaded);
    // The audit walks role chains only as far as --max-paths needs (0: all).
    const input = { maxPaths: loaded.maxPaths, grantsPer: grantsPer(flags.format), action: flags.action!, context: loaded.context, escalation: flags.escalation, ...(flags.resource !== undefined ? { resource: flags.resource } : {}), ...(flags.allResources ? { allResources: true } : {}), ...(loaded.sessionPolicy ? { sessionPolicy: loaded.sessionPolicy } : {}) };
    return finish(io, flags, whoCan(loaded.snapshot, input), loaded.maxPaths, loaded.width);
  });
  const can = commonOptions(
    new Command('principal-can')
      .description('everything one principal can do (actions of a pattern, on every inventory instance), and how it can escalate')
      .option('--principal <ref>', 'user/NAME or role/NAME')
      .option('--action <pattern>', 'an action or pattern', 'cams:*'),
  ).action(async (flags: CommonFlags & { principal?: string; action: string }) => {
    const loaded = flags.principal === undefined ? { diagnostics: [usage('`--principal` is required', 'e.g. `--principal user/alice`')] } : loadCommon(flags, io);
    if ('diagnostics' in loaded) return finish(io, flags, loaded);
    const input = { maxPaths: loaded.maxPaths, grantsPer: grantsPer(flags.format), principal: flags.principal!, actionPattern: flags.action, context: loaded.context, escalation: flags.escalation, ...(loaded.sessionPolicy ? { sessionPolicy: loaded.sessionPolicy } : {}) };
    return finish(io, flags, principalCan(loaded.snapshot, input), loaded.maxPaths, loaded.width);
  });
  return audit.addCommand(who.exitOverride()).addCommand(can.exitOverride());
}
