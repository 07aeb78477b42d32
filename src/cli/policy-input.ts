/**
 * Reads a policy for `check` and `diff`: a file, standard input (`-`), or a git revision of a
 * file (`origin/main:policies/x.json`, read with `git show` in the current directory, so CI can
 * compare a pull request's policy with the base branch's in one line). A path that exists as a
 * file is a file; otherwise a `REV:PATH` is a revision. Never throws: problems are diagnostics.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AnalysisPolicy } from '../analysis/access-check.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { PolicyKind } from '../policy/types.js';
import { parseSource, type ParsedSource } from '../parse/source.js';
import { readInput } from './read.js';

/** A validated policy with its text's locator (for SARIF regions), or diagnostics. */
export type PolicyInput = { policy: AnalysisPolicy; file: string; source: ParsedSource } | { diagnostics: Diagnostic[] };

const REVISION = /^([^:]+):(.+)$/;

function readRevision(spec: string): { text: string } | { diagnostic: Diagnostic } {
  const git = spawnSync('git', ['show', spec], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (git.error || git.status !== 0) {
    const reason = git.error ? 'git is not available' : (git.stderr.trim().split('\n')[0] ?? '').replace(/^fatal: /, '');
    return { diagnostic: { code: 'unreadable-revision', severity: 'error', message: `cannot read \`${spec}\` from git: ${reason}`, file: spec, path: '', help: 'give a file, or `REVISION:PATH` inside a git repository (e.g. `origin/main:policies/x.json`)' } };
  }
  return { text: git.stdout };
}

/** Reads and validates one policy of the given kind. */
export function readPolicyInput(spec: string, kind: PolicyKind): PolicyInput {
  let text: string;
  if (spec === '-' || existsSync(spec) || !REVISION.test(spec)) {
    const read = readInput(spec);
    if ('diagnostic' in read) return { diagnostics: [read.diagnostic] };
    text = read.text;
  } else {
    const read = readRevision(spec);
    if ('diagnostic' in read) return { diagnostics: [read.diagnostic] };
    text = read.text;
  }
  const parsed = parsePolicy(text, { kind, file: spec });
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (!parsed.policy || errors.length > 0) return { diagnostics: parsed.diagnostics };
  return { policy: { name: spec, document: parsed.policy }, file: spec, source: parseSource(text, spec) };
}

/** The path inside the repository of a `REV:PATH` spec, or the spec itself (for SARIF URIs). */
export function pathOfSpec(spec: string): string {
  return !existsSync(spec) && REVISION.test(spec) ? REVISION.exec(spec)![2]! : spec;
}
