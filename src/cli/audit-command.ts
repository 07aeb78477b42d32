/**
 * `ramguard audit who-can` and `ramguard audit principal-can`: the account audit over a snapshot.
 * Exit codes (W10): 0 the question was answered — whoever can; 2 invalid input or usage. An audit
 * is a report, not a check: with `--expect-none`, exit 1 when anyone can (or can escalate), for CI.
 */
import { Command, Option } from 'commander';
import { AUDIT_FORMATS, auditRenderer, renderAnswer } from '../audit/render/index.js';
import type { AuditResult } from '../audit/types.js';
import { principalCan, whoCan } from '../audit/who-can.js';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { NamedPolicy } from '../scenario/types.js';
import { parseSnapshot } from '../snapshot/parse-snapshot.js';
import type { AccountSnapshot } from '../snapshot/types.js';
import { parseContextFlags } from './eval-input.js';
import { EXIT } from './exit-codes.js';
import { policyNameOf, readInput, readRelativeTo } from './read.js';
import { MAX_SNAPSHOT_CHARACTERS } from '../parse/source.js';
import { completenessWarnings } from '../snapshot/completeness.js';
import { limitPaths } from '../audit/limit-paths.js';

type Io = { out: (s: string) => void; err: (s: string) => void; setExit: (code: number) => void };

interface CommonFlags {
  snapshot?: string;
  context: string[];
  sessionPolicy?: string;
  escalation: boolean;
  format: string;
  expectNone?: boolean;
  maxPaths: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];
const usage = (message: string, help?: string): Diagnostic => ({ code: 'invalid-argument', severity: 'error', message, file: '<command line>', path: '', ...(help ? { help } : {}) });

/** Reads the snapshot, the context and the session policy; diagnostics when any is bad. */
function loadCommon(flags: CommonFlags, io: Io): { snapshot: AccountSnapshot; context: Record<string, string[]>; sessionPolicy?: NamedPolicy } | { diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  if (flags.snapshot === undefined) return { diagnostics: [usage('`--snapshot FILE` is required', 'an account snapshot; see docs/snapshot-format.md')] };
  const context = parseContextFlags(flags.context, diagnostics);
  let sessionPolicy: NamedPolicy | undefined;
  if (flags.sessionPolicy !== undefined) {
    const read = readInput(flags.sessionPolicy);
    if ('diagnostic' in read) diagnostics.push(read.diagnostic);
    else {
      const parsed = parsePolicy(read.text, { kind: 'session', file: read.file });
      diagnostics.push(...parsed.diagnostics);
      if (parsed.policy) sessionPolicy = { name: policyNameOf(read.file), document: parsed.policy };
    }
  }
  const read = readInput(flags.snapshot, { maxCharacters: MAX_SNAPSHOT_CHARACTERS });
  if ('diagnostic' in read) return { diagnostics: [...diagnostics, read.diagnostic] };
  const parsed = parseSnapshot(read.text, { file: read.file, readFile: readRelativeTo(read.file) });
  diagnostics.push(...parsed.diagnostics);
  if (!parsed.snapshot || hasErrors(diagnostics)) return { diagnostics };
  // The answer stands, but says what the snapshot lacks (on stderr: stdout is the answer's format).
  completenessWarnings(parsed.snapshot, read.file).forEach((d) => io.err(formatDiagnostic(d)));
  return { snapshot: parsed.snapshot, context, ...(sessionPolicy ? { sessionPolicy } : {}) };
}

/** Prints the answer in its format, or the diagnostics; sets the exit code. */
async function finish(io: Io, flags: CommonFlags, answer: { result?: AuditResult; diagnostics: Diagnostic[] }): Promise<void> {
  if (!answer.result) {
    if (flags.format === 'json') io.out(JSON.stringify({ result: null, diagnostics: answer.diagnostics.map(onCommandLine) }, null, 2));
    else answer.diagnostics.forEach((d) => io.err(formatDiagnostic(onCommandLine(d))));
    io.setExit(EXIT.invalid);
    return;
  }
  const renderer = await auditRenderer(flags.format);
  if ('error' in renderer) {
    io.err(formatDiagnostic(usage(renderer.error, `use one of ${AUDIT_FORMATS.join(', ')}`)));
    io.setExit(EXIT.invalid);
    return;
  }
  const maxPaths = Number(flags.maxPaths);
  if (!/^\d+$/.test(flags.maxPaths)) {
    io.err(formatDiagnostic(usage(`\`--max-paths ${flags.maxPaths}\` is not a whole number`, '0 shows every path')));
    io.setExit(EXIT.invalid);
    return;
  }
  const rendered = renderAnswer(renderer, limitPaths(answer.result, maxPaths), flags.format);
  if ('diagnostic' in rendered) {
    io.err(formatDiagnostic(onCommandLine(rendered.diagnostic)));
    io.setExit(EXIT.invalid);
    return;
  }
  io.out(rendered.text);
  const list = answer.result.kind === 'who-can' ? answer.result.principals : [answer.result.access];
  const anyone = list.some((p) => p.decision !== 'None' || p.escalations.length > 0);
  io.setExit(flags.expectNone && anyone ? EXIT.deny : EXIT.allow);
}

const onCommandLine = (d: Diagnostic): Diagnostic => (d.file === undefined ? { ...d, file: '<command line>' } : d);

function commonOptions(command: Command): Command {
  return command
    .option('--snapshot <file>', 'the account snapshot (YAML or JSON)')
    .option('--context <key=value>', 'a context key value of the requests; repeat a key for several values', collect, [])
    .option('--session-policy <file>', 'a session policy every role session carries')
    .option('--no-escalation', 'do not look for principals that can escalate')
    .addOption(new Option('--format <format>', 'output format').choices(AUDIT_FORMATS).default('table'))
    .option('--expect-none', 'exit 1 when any principal can (or can escalate), else 0')
    .option('--max-paths <n>', 'at most N paths per answer, shortest first, with a count of the rest (0: every path)', '10');
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
    const input = { action: flags.action!, context: loaded.context, escalation: flags.escalation, ...(flags.resource !== undefined ? { resource: flags.resource } : {}), ...(flags.allResources ? { allResources: true } : {}), ...(loaded.sessionPolicy ? { sessionPolicy: loaded.sessionPolicy } : {}) };
    return finish(io, flags, whoCan(loaded.snapshot, input));
  });
  const can = commonOptions(
    new Command('principal-can')
      .description('everything one principal can do (actions of a pattern, on every inventory instance), and how it can escalate')
      .option('--principal <ref>', 'user/NAME or role/NAME')
      .option('--action <pattern>', 'an action or pattern', 'cams:*'),
  ).action(async (flags: CommonFlags & { principal?: string; action: string }) => {
    const loaded = flags.principal === undefined ? { diagnostics: [usage('`--principal` is required', 'e.g. `--principal user/alice`')] } : loadCommon(flags, io);
    if ('diagnostics' in loaded) return finish(io, flags, loaded);
    const input = { principal: flags.principal!, actionPattern: flags.action, context: loaded.context, escalation: flags.escalation, ...(loaded.sessionPolicy ? { sessionPolicy: loaded.sessionPolicy } : {}) };
    return finish(io, flags, principalCan(loaded.snapshot, input));
  });
  return audit.addCommand(who.exitOverride()).addCommand(can.exitOverride());
}
