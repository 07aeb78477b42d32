/** `ramguard lint`: every policy in the given files, directories and globs, checked against the rules. */
import { relative, resolve } from 'node:path';
import { Command, Option } from 'commander';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { applySuppressions, atOrAbove, defaultConfig, isIgnored, parseLintConfig, SEVERITY_ORDER, type LintConfig } from '../lint/config.js';
import { lintPolicy, type Finding } from '../lint/engine.js';
import { JsonReport, renderLintJson } from '../lint/format/json.js';
import { renderSarif, SarifReport } from '../lint/format/sarif.js';
import { renderLintText, TextReport, withFrames, type FramedFinding } from '../lint/format/text.js';
import { extractPolicies } from '../lint/inputs/extract.js';
import { RULES } from '../lint/registry.js';
import { POLICY_KINDS, type PolicyKind } from '../policy/types.js';
import { loadCatalog } from './catalog-input.js';
import { createInputReader, fileIdentity, type InputReader } from './kit/input.js';
import { SpooledParts } from './kit/spooled-parts.js';
import type { Io } from './kit/io.js';
import { checkOutputPath, writeOutput } from './kit/output.js';
import { failWith } from './kit/report.js';
import { expandTargets, findConfig, toPosix } from './lint-files.js';
import { CollectionPacer } from './lint-pacer.js';
interface LintFlags {
  kind?: PolicyKind;
  config?: string;
  format: 'text' | 'json' | 'sarif';
  output?: string;
  failOn: Severity;
  quiet?: boolean;
  verbose?: boolean;
  catalog?: string;
  listRules?: boolean;
}

function loadConfig(flags: LintFlags, cwd: string, reader: InputReader): { config?: LintConfig; diagnostics: Diagnostic[] } {
  const path = flags.config ?? findConfig(cwd);
  if (path === undefined) return { config: defaultConfig(), diagnostics: [] };
  const read = reader.read(path);
  return 'diagnostic' in read ? { diagnostics: [read.diagnostic] } : parseLintConfig(read.text, read.file);
}

/** Builds the `lint` command. */
export function lintCommand(io: Io): Command {
  return new Command('lint')
    .description('lint RAM policies in files, directories (recursively), globs, Terraform plans and ROS templates')
    .argument('[paths...]', 'files, directories or globs; `-` for stdin (default: the current directory)')
    .addOption(new Option('--kind <kind>', 'the kind of bare policy documents').choices([...POLICY_KINDS]))
    .option('--config <file>', 'configuration file (default: the nearest .ramguard.yaml)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity').choices([...SEVERITY_ORDER]).default('error'))
    .option('--quiet', 'report only findings at or above --fail-on')
    .option('--verbose', 'show help for each finding and every suppression with its reason')
    .option('--catalog <dir>', 'add the service files in this directory to the catalog')
    .option('--list-rules', 'list the rules and exit')
    .action((paths: string[], flags: LintFlags) => {
      if (flags.listRules) {
        io.out(RULES.map((r) => `${r.id.padEnd(40)} ${r.severity.padEnd(16)} ${r.title}`).join('\n'));
        io.setExit(0);
        return;
      }
      const cwd = io.cwd;
      const { reader } = createInputReader(io);
      const problems: Diagnostic[] = [];
      const { config, diagnostics: configProblems } = loadConfig(flags, cwd, reader);
      const { catalog, diagnostics: catalogProblems } = loadCatalog(reader, cwd, flags.catalog);
      for (const d of [configProblems, catalogProblems].flat()) problems.push(d);
      const { targets, missing } = expandTargets(paths, cwd);
      for (const m of missing) problems.push({ code: 'unreadable-file', severity: 'error', message: `cannot read \`${m}\`: no such file or directory, and no file matches it`, file: m, path: '' });
      const outputProblem = flags.output !== undefined ? checkOutputPath(flags.output, cwd) : undefined;
      if (outputProblem) problems.push(outputProblem);
      if (problems.length > 0 || !config || !catalog) return failWith(io, flags.format, problems);
      // One file at a time: its text is dropped once it is linted, and the report keeps only what it
      // prints of it (TextReport: the file's part; JsonReport and SarifReport: each finding's
      // text), in an unnamed file (SpooledParts; deflated where none can be made) — unless a path is given twice, whose findings the report groups under one name:
      // then the findings are kept, each code frame cut, and rendered at the end.
      const files = new Set<string>();
      const inputs = new Set<string>();
      const relativeFile = (f: Finding) => toPosix(f.file === '-' ? '-' : relative(cwd, f.file ?? ''));
      const uriOf = (file: string) => (file === '-' ? 'stdin' : toPosix(relative(cwd, file)));
      const unique = new Set(targets.map((t) => t.path)).size === targets.length;
      // Each store's file is closed (and so gone) once the report is printed: a lint run in-process
      // (runCli, the hostile-input harness) must not keep a descriptor, and the disk space, per lint.
      const stores: SpooledParts[] = [];
      const packed = () => {
        const store = new SpooledParts();
        stores.push(store);
        return store;
      };
      try {
        const byFile = unique && flags.format === 'text' ? new TextReport(flags.verbose, packed) : undefined;
        const byFinding = !unique ? undefined : flags.format === 'json' ? new JsonReport(packed) : flags.format === 'sarif' ? new SarifReport(RULES, '0.1.0', uriOf, {}, packed) : undefined;
        let suppressedCount = 0;
        let failing = false;
        let findings: FramedFinding[] = [];
        let policies = 0;
        // Full collections paced by the heap's growth, when the process lets the lint collect (main.ts: a lint of many files).
        const pacer = io.heap && (byFile || byFinding) ? new CollectionPacer(io.heap) : undefined;
        for (const target of targets) {
          const rel = toPosix(target.path === '-' ? '-' : relative(cwd, target.path));
          if (!target.explicit && isIgnored(config, rel)) continue;
          const read = reader.read(target.path);
          if ('diagnostic' in read) {
            problems.push(read.diagnostic);
            continue;
          }
          files.add(read.file);
          const extraction = extractPolicies(read.text, read.file, { ...(flags.kind ? { kind: flags.kind } : {}), explicit: target.explicit });
          // An input is a file named on the command line or one that held a policy; a walked file
          // that is neither (last run's report.json) may be written over.
          if (target.explicit || extraction.sources.length > 0) {
            const identity = target.path === '-' ? undefined : fileIdentity(resolve(cwd, target.path));
            if (identity !== undefined) inputs.add(identity);
          }
          const found: Finding[] = [];
          for (const source of extraction.sources) {
            policies++;
            for (const item of lintPolicy(source, catalog, config.rules)) found.push(item);
          }
          if (byFile || byFinding) {
            const { kept, suppressed } = applySuppressions(config, found, relativeFile);
            const shown = flags.quiet ? kept.filter((f) => atOrAbove(f.severity, flags.failOn)) : kept;
            failing ||= shown.some((f) => atOrAbove(f.severity, flags.failOn));
            if (byFile) byFile.addFile(read.file, withFrames(shown, read.text), suppressed);
            else byFinding!.addFile(shown);
            suppressedCount += suppressed.length;
            pacer?.note();
          } else for (const item of flags.format === 'text' ? withFrames(found, read.text) : found) findings.push(item);
        }
        if (problems.length > 0) return failWith(io, flags.format, problems);
        if (byFile) return finish(byFile.lazyParts(), byFile.findings, failing);
        if (byFinding instanceof JsonReport) return finish(byFinding.lazyParts({ files: files.size, policies, suppressed: suppressedCount }), 0, failing);
        if (byFinding) return finish(byFinding.lazyParts(), 0, failing);
        const { kept, suppressed } = applySuppressions(config, findings, relativeFile);
        findings = flags.quiet ? kept.filter((f) => atOrAbove(f.severity, flags.failOn)) : kept;
        const report =
          flags.format === 'json'
            ? renderLintJson(findings, { files: files.size, policies, suppressed: suppressed.length })
            : flags.format === 'sarif'
              ? renderSarif(findings, RULES, '0.1.0', uriOf)
              : renderLintText(findings, new Map(), suppressed, flags.verbose);
        return finish(report, findings.length, findings.some((f) => atOrAbove(f.severity, flags.failOn)));

        /** Writes the report (in parts: see `Io.outParts`) and sets the exit code. */
        function finish(report: string | Iterable<string>, shown: number, failed: boolean): void {
          if (flags.output !== undefined) {
            const text = typeof report === 'string' ? report : [...report].join('');
            const unwritten = writeOutput(flags.output, text + '\n', cwd, { hasRead: (path) => inputs.has(fileIdentity(resolve(cwd, path)) ?? '') });
            if (unwritten) return failWith(io, flags.format, [unwritten]);
          } else if (!(flags.quiet && flags.format === 'text' && shown === 0)) {
            if (typeof report === 'string') io.out(report);
            else if (io.outParts) io.outParts(pacer ? pacer.paced(report) : report);
            else io.out([...report].join(''));
          }
          io.setExit(failed ? 1 : 0);
        }
      } finally {
        for (const store of stores) store.close();
      }
    });
}
