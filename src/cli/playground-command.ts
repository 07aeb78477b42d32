/**
 * `ramguard playground`: writes one self-contained HTML page — the evaluator, linter and catalog
 * bundled in (dist/playground/app.js, built by scripts/bundles/playground.mjs) — that edits a
 * scenario and re-decides it as you type. With `--scenario` or `--snapshot --principal` the page
 * opens on that request and its policies; the inputs are read as `ramguard eval` reads them (the
 * same bounds, confinement of `file:` references and diagnostics), and the page is written
 * atomically, never over one of them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Command } from 'commander';
import { formatDiagnostic, hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { PolicyFileReader } from '../parse/file-reader.js';
import { inlineFileReferences, parsedDocument, snapshotScenarioText } from '../playground/initial-scenario.js';
import { DEFAULT_SCENARIO, renderPlaygroundPage } from '../playground/page.js';
import type { PlaygroundState } from '../playground/state.js';
import { parseScenario } from '../scenario/parse-scenario.js';
import { createInputReader, type InputReader } from './kit/input.js';
import type { Io } from './kit/io.js';
import { addAllowPathOption } from './kit/options.js';
import { checkOutputPath, writeOutput } from './kit/output.js';
import { failWith, usageProblem } from './kit/report.js';
import { loadSnapshotInput, snapshotUsageProblems } from './snapshot-input.js';

interface PlaygroundFlags {
  scenario?: string;
  snapshot?: string;
  principal?: string;
  out: string;
  allowPath: string[];
}

/** The bundled page script, beside the compiled CLI (dist/playground/app.js). */
function pageScript(): { script: string } | { diagnostic: Diagnostic } {
  const file = new URL('../playground/app.js', import.meta.url);
  if (!existsSync(file)) return { diagnostic: usageProblem("the playground's script is missing from this installation (dist/playground/app.js)", 'build it with `npm run build`', 'unreadable-file') };
  return { script: readFileSync(file, 'utf8') };
}

/** A scenario's state: its text with every `file:` reference inlined, or its diagnostics. */
function scenarioState(reader: InputReader, path: string): { state: PlaygroundState; warnings: Diagnostic[] } | { diagnostics: Diagnostic[] } {
  const read = reader.read(path);
  if ('diagnostic' in read) return { diagnostics: [read.diagnostic] };
  const texts = new Map<string, string>();
  const references = reader.referencesOf(read.file);
  // The references are read once, as the scenario reader reads them; the page gets their documents.
  const remember: PolicyFileReader = (reference) => {
    const result = references(reference);
    if ('text' in result) texts.set(reference, result.text);
    return result;
  };
  const parsed = parseScenario(read.text, { file: read.file, readFile: remember });
  if (!parsed.scenario || hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
  const text = inlineFileReferences(read.text, (reference) => parsedDocument(texts.get(reference) ?? ''));
  return { state: { scenario: text, notes: [] }, warnings: parsed.diagnostics };
}

/** A snapshot principal's state: its policies as an inline scenario, the snapshot's gaps as notes. */
function snapshotState(reader: InputReader, path: string, principal: string): { state: PlaygroundState; warnings: Diagnostic[] } | { diagnostics: Diagnostic[] } {
  const loaded = loadSnapshotInput(reader, path, principal, undefined);
  if ('diagnostics' in loaded) return loaded;
  const text = snapshotScenarioText(principal, path, loaded.principal, loaded.policies);
  return { state: { scenario: text, notes: loaded.warnings.map((d) => formatDiagnostic(d).split('\n')[0]!) }, warnings: loaded.warnings };
}

/** Builds the `playground` command on `io`. */
export function playgroundCommand(io: Io): Command {
  return addAllowPathOption(
    new Command('playground')
      .description('write one self-contained HTML page that edits a scenario and shows its decision, findings and explanation as you type')
      .option('--scenario <file>', 'open the page on this scenario (its `file:` references are put inline)')
      .option('--snapshot <file>', "open the page on a snapshot principal's policies (with --principal)")
      .option('--principal <ref>', 'the principal of the snapshot: user/NAME or role/NAME')
      .option('--out <file>', 'the page to write', 'ramguard-playground.html'),
  ).action((flags: PlaygroundFlags) => {
    const usage = snapshotUsageProblems({ ...flags, policy: [], controlPolicy: [] });
    const { reader, problems } = createInputReader(io, flags.allowPath);
    const early = [...usage, ...problems];
    const out = checkOutputPath(flags.out, io.cwd);
    if (out) early.push(out);
    if (early.length > 0) return failWith(io, undefined, early);
    // The inputs first: what is wrong with them is the user's to fix, whatever the installation.
    const built =
      flags.snapshot !== undefined ? snapshotState(reader, flags.snapshot, flags.principal!) : flags.scenario !== undefined ? scenarioState(reader, flags.scenario) : { state: { scenario: DEFAULT_SCENARIO, notes: [] }, warnings: [] };
    if ('diagnostics' in built) return failWith(io, undefined, built.diagnostics);
    const script = pageScript();
    if ('diagnostic' in script) return failWith(io, undefined, [script.diagnostic]);
    for (const d of built.warnings) io.err(formatDiagnostic(d));
    const page = renderPlaygroundPage(script.script, built.state);
    const written = writeOutput(flags.out, page, io.cwd, reader);
    if (written) return failWith(io, undefined, [written]);
    io.out(`wrote ${flags.out} (${Math.round(Buffer.byteLength(page, 'utf8') / 1024)} KiB): open it in a browser; it makes no network request`);
    io.setExit(0);
  });
}
