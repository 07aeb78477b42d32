/**
 * Reads a policy for `check` and `diff`: a file, standard input (`-`), or a git revision of a
 * file (`origin/main:policies/x.json`, read from the repository in the current directory, so CI
 * can compare a pull request's policy with the base branch's in one line). A path that exists as
 * a file is a file; otherwise a `REV:PATH` is a revision (kit/git.ts: never a git option). Never
 * throws: problems are diagnostics.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { AnalysisPolicy } from '../analysis/access-check.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { parsePolicy } from '../policy/parse-policy.js';
import type { PolicyKind } from '../policy/types.js';
import { parseSource, type ParsedSource } from '../parse/source.js';
import { readRevision, REVISION_SPEC } from './kit/git.js';
import type { InputReader } from './kit/input.js';

/** A validated policy with its text's locator (for SARIF regions), or diagnostics. */
export type PolicyInput = { policy: AnalysisPolicy; file: string; source: ParsedSource } | { diagnostics: Diagnostic[] };

/** True when `spec` is read from git rather than from the file system. */
function isRevision(spec: string, cwd: string): boolean {
  return spec !== '-' && !existsSync(resolve(cwd, spec)) && REVISION_SPEC.test(spec);
}

/** Reads and validates one policy of the given kind. */
export function readPolicyInput(spec: string, kind: PolicyKind, reader: InputReader, cwd: string): PolicyInput {
  const read = isRevision(spec, cwd) ? readRevision(spec, cwd) : reader.read(spec);
  if ('diagnostic' in read) return { diagnostics: [read.diagnostic] };
  const parsed = parsePolicy(read.text, { kind, file: spec });
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (!parsed.policy || errors.length > 0) return { diagnostics: parsed.diagnostics };
  return { policy: { name: spec, document: parsed.policy }, file: spec, source: parseSource(read.text, spec) };
}

/** The path inside the repository of a `REV:PATH` spec, or the spec itself (for SARIF URIs). */
export function pathOfSpec(spec: string, cwd: string): string {
  return isRevision(spec, cwd) ? REVISION_SPEC.exec(spec)![2]! : spec;
}
