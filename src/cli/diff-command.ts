/**
 * `ramguard diff OLD NEW`: what a policy change adds and removes — per action (exact, wildcards
 * expanded against the catalog), per resource pattern and per condition (as written). OLD/NEW are
 * files or git revisions (`origin/main:policies/x.json`). Exit 0 when nothing is newly allowed,
 * 1 when something is (D3), 2 invalid input.
 */
import { Command, Option } from 'commander';
import { diffPolicies, type PolicyDiff } from '../analysis/diff.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { PolicyKind } from '../policy/types.js';
import { EXIT } from './exit-codes.js';
import { createInputReader } from './kit/input.js';
import type { Io } from './kit/io.js';
import { repeatable as collect } from './kit/options.js';
import { failWith, printDiagnostics } from './kit/report.js';
import { readPolicyInput } from './policy-input.js';

/** The text report of a diff. */
export function renderDiffText(before: string, after: string, diff: PolicyDiff): string {
  const lines = [`diff ${before} → ${after}`];
  const sign = (added: boolean, removed: boolean) => (added && removed ? '±' : added ? '+' : '-');
  const actionLines = diff.actions.map((a) => {
    const name = a.outsideCatalog ? `any action not in the catalog matching \`${a.action.split('`, `').join('` and `')}\`` : a.action;
    const what = a.added && a.removed ? 'allowed for some new requests, no longer for others' : a.added ? 'newly allowed (for some requests)' : 'no longer allowed (for some requests)';
    return `  ${sign(a.added, a.removed)} ${name}  — ${what}`;
  });
  lines.push('actions (exact; wildcards expanded against the catalog):', ...(actionLines.length > 0 ? actionLines : ['  (no change)']));
  const written = (title: string, changes: PolicyDiff['resources']) => {
    lines.push(`${title} (as written):`);
    if (changes.length === 0) lines.push('  (no change)');
    for (const c of changes) lines.push(`  ${c.change === 'added' ? '+' : '-'} ${c.effect} ${c.text}`);
  };
  written('resource patterns', diff.resources);
  written('conditions', diff.conditions);
  if (diff.principals) written('principals', diff.principals);
  return lines.join('\n');
}

/** Builds `diff`. */
export function diffCommand(io: Io): Command {
  return new Command('diff')
    .description('what a policy change adds and removes: per action (exact), per resource pattern and per condition')
    .argument('<old>', 'the policy before: a file, `-`, or a git revision like `origin/main:policies/x.json`')
    .argument('<new>', 'the policy after')
    .option('--scope <action-pattern>', 'only actions matching this pattern, e.g. `cams:*`; repeatable', collect, [])
    .addOption(new Option('--kind <kind>', "the policies' kind").choices(['identity', 'trust', 'control', 'session']).default('identity'))
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--single-valued-keys', 'consider requests that give each condition key at most one value')
    .action((oldSpec: string, newSpec: string, flags: { scope: string[]; kind: PolicyKind; format: 'text' | 'json'; singleValuedKeys?: boolean }) => {
      const { reader } = createInputReader(io);
      const before = readPolicyInput(oldSpec, flags.kind, reader, io.cwd);
      const after = readPolicyInput(newSpec, flags.kind, reader, io.cwd);
      if ('diagnostics' in before || 'diagnostics' in after) {
        const problems: Diagnostic[] = [...('diagnostics' in before ? before.diagnostics : []), ...('diagnostics' in after ? after.diagnostics : [])];
        return failWith(io, flags.format, problems);
      }
      const diff = diffPolicies(before.policy, after.policy, { ...(flags.scope.length > 0 ? { scope: flags.scope } : {}), ...(flags.singleValuedKeys ? { singleValuedKeys: true } : {}) });
      if (flags.format === 'json') io.out(JSON.stringify({ before: oldSpec, after: newSpec, ...diff }, null, 2));
      else {
        io.out(renderDiffText(oldSpec, newSpec, diff));
        printDiagnostics(io, diff.diagnostics);
      }
      io.setExit(diff.diagnostics.some((d) => d.severity === 'error') ? EXIT.invalid : diff.actions.some((a) => a.added) ? EXIT.deny : EXIT.allow);
    });
}
