/**
 * Every bound on what the CLI reads, in one table (docs/security.md prints it). A limit is
 * checked before the bytes are read: a regular file by its size, a pipe or standard input by
 * reading at most one byte more than the limit.
 */
import { MAX_SNAPSHOT_CHARACTERS, MAX_SOURCE_CHARACTERS } from '../../parse/source.js';

/** Bytes read at most from one input of each kind. */
export const READ_LIMITS = {
  /** A policy, scenario, lint config, catalog service file, emulator config, or a git blob. */
  document: MAX_SOURCE_CHARACTERS,
  /** An account snapshot: a whole account is not one policy (see MAX_SNAPSHOT_CHARACTERS). */
  snapshot: MAX_SNAPSHOT_CHARACTERS,
  /** An `eval --requests` file: up to 100,000 requests of a few hundred bytes each. */
  requests: 64 * 1024 * 1024,
} as const;

/** How long a `git` subprocess may run before it is stopped. */
export const GIT_TIMEOUT_MS = 10_000;
