/**
 * The CLI's one policy reader and one snapshot loader, used by every command that takes a policy
 * file or `--snapshot FILE` (eval, preflight, update-instance, audit, validate, emulators).
 */
import { hasErrors, type Diagnostic } from '../../diagnostics/diagnostic.js';
import { parsePolicy } from '../../policy/parse-policy.js';
import type { PolicyKind } from '../../policy/types.js';
import type { NamedPolicy } from '../../policy/policy-set.js';
import { completenessWarnings } from '../../snapshot/completeness.js';
import { parseSnapshot } from '../../snapshot/parse-snapshot.js';
import type { AccountSnapshot } from '../../snapshot/types.js';
import type { InputReader } from './input.js';
import { READ_LIMITS } from './limits.js';
import { basename } from 'node:path';

/** A file descriptor path (`/dev/fd/63` of a process substitution `<(…)`, `/proc/self/fd/3`). */
const DESCRIPTOR_PATH = /^\/(?:dev|proc\/[^/]+)\/fd\/\d+$/;

/**
 * The name a policy file is reported by in explanations: its base name (`stdin` for `-`), but a
 * file descriptor's full path — a process substitution's base name is a bare number (`63`).
 */
export function policyNameOf(file: string): string {
  if (file === '-') return 'stdin';
  return DESCRIPTOR_PATH.test(file) ? file : basename(file);
}

/** Reads and parses one policy file; every diagnostic (warnings too) goes to `diagnostics`. */
export function readPolicyFile(reader: InputReader, path: string, kind: PolicyKind, diagnostics: Diagnostic[]): NamedPolicy | undefined {
  const read = reader.read(path);
  if ('diagnostic' in read) {
    diagnostics.push(read.diagnostic);
    return undefined;
  }
  const result = parsePolicy(read.text, { kind, file: read.file });
  for (const d of result.diagnostics) diagnostics.push(d);
  return result.policy ? { name: policyNameOf(read.file), document: result.policy } : undefined;
}

/** A snapshot read from a file: the parsed account, its text, and what it says it lacks. */
export interface LoadedSnapshot {
  snapshot: AccountSnapshot;
  file: string;
  text: string;
  /** `snapshot-incomplete` warnings for any answer drawn from it. */
  warnings: Diagnostic[];
}

/** Reads a snapshot file (up to the snapshot limit) with its `file:` references, confined by the reader. */
export function loadSnapshotFile(reader: InputReader, path: string): LoadedSnapshot | { diagnostics: Diagnostic[] } {
  const read = reader.read(path, { maxBytes: READ_LIMITS.snapshot });
  if ('diagnostic' in read) return { diagnostics: [read.diagnostic] };
  const parsed = parseSnapshot(read.text, { file: read.file, readFile: reader.referencesOf(read.file) });
  if (!parsed.snapshot || hasErrors(parsed.diagnostics)) return { diagnostics: parsed.diagnostics };
  return { snapshot: parsed.snapshot, file: read.file, text: read.text, warnings: [...parsed.diagnostics, ...completenessWarnings(parsed.snapshot, read.file)] };
}
