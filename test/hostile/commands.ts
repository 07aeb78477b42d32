/**
 * Every command that reads a file, how a hostile input is fed to it, and the exit codes the
 * README documents for it ("Exit codes" of each command): invalid input exits 2, except that
 * `lint` reports a broken policy as an error finding (exit 1) and exits 2 only for what it cannot
 * read. `emulator` (serves forever), `collect` and `update-instance` (network) are not here.
 */
import { dirname } from 'node:path';
import type { ExitContract } from './harness.js';
import type { HostileInput } from './inputs.js';

/** One command line that reads a hostile input. */
export interface HostileCommand {
  label: string;
  /** The arguments, given the input's path relative to the tree. */
  argv(file: string): string[];
  /** The input goes on standard input (its path is `-`). */
  stdin?: boolean;
  contract: ExitContract;
  /** Families this command leaves to another command of its group (they cost, and it would do the same work). */
  skipFamilies?: readonly string[];
  /** A directory is a valid argument (lint walks it): the input's verdict does not apply to one. */
  walksDirectories?: boolean;
  /**
   * Whether heavy inputs (a megabyte of text, 10,000 elements, alias bombs) run through this
   * command too. They cost 100–2,000 ms each, and every command that reads a policy refuses them
   * in the same reader: the reader's own command (validate), the formatter that prints the most
   * (lint SARIF; lint text and eval get the same inputs in reproductions.test.ts, item 4) and the
   * exact analysis (check) get them, the rest the light inputs only, to keep the suite within a
   * minute on two cores.
   */
  heavy?: boolean;
}

export const RESOURCE = 'acs:cams:ap-southeast-1:1234567890123456:instance/i-1';
/** A valid policy beside the hostile ones (the other side of check and diff). */
export const GOOD_FILE = 'good.json';

const exits = (documented: number[], invalid: number[] = [2], unreadable: number[] = [2]): ExitContract => ({ documented, invalid, unreadable });
const VALIDATE = exits([0, 2]);
const LINT = exits([0, 1, 2], [1, 2]);
const EVAL = exits([0, 1, 2, 3]);
const CHECK = exits([0, 1, 2]);
const AUDIT = exits([0, 1, 2]);
const CATALOG = exits([0, 2]);
const PLAYGROUND = exits([0, 2]);
/**
 * The playground's page, written beside the inputs (never an input's name). Run in-process from
 * src/ there is no built page script: the inputs are read and judged, and a good one ends at the
 * missing script (exit 2); the page itself is written by the built binary in test/playground.
 */
const PAGE = 'hostile-playground.html';

const PREFLIGHT = ['preflight', 'update-instance', '--region', 'ap-southeast-1', '--account-id', '1234567890123456', '--instance-id', 'i-1', '--instance-name', 'n'];
const EVAL_REQUEST = ['--action', 'cams:UpdateInstance', '--resource', RESOURCE];

/** Commands that read a policy. */
export const POLICY_COMMANDS: HostileCommand[] = [
  { label: 'validate FILE', argv: (f) => ['validate', f], contract: VALIDATE, heavy: true },
  { label: 'validate -', argv: () => ['validate', '-'], stdin: true, contract: VALIDATE },
  { label: 'lint FILE', argv: (f) => ['lint', f], contract: LINT, walksDirectories: true },
  { label: 'lint --format json', argv: (f) => ['lint', f, '--format', 'json'], contract: LINT, walksDirectories: true },
  { label: 'lint --format sarif', argv: (f) => ['lint', f, '--format', 'sarif'], contract: LINT, walksDirectories: true, heavy: true },
  { label: 'eval --policy', argv: (f) => ['eval', '--policy', f, ...EVAL_REQUEST], contract: EVAL },
  { label: 'preflight --policy', argv: (f) => [...PREFLIGHT, '--policy', f], contract: EVAL },
  { label: 'check no-new-access', argv: (f) => ['check', 'no-new-access', '--base', GOOD_FILE, '--candidate', f], contract: CHECK, heavy: true },
  { label: 'check access-not-granted', argv: (f) => ['check', 'access-not-granted', '--policy', f, '--action', 'cams:*'], contract: CHECK },
  { label: 'diff', argv: (f) => ['diff', GOOD_FILE, f], contract: CHECK },
];

/** Commands that read a scenario. */
export const SCENARIO_COMMANDS: HostileCommand[] = [
  { label: 'eval --scenario', argv: (f) => ['eval', '--scenario', f], contract: EVAL, heavy: true },
  { label: 'preflight --scenario', argv: (f) => [...PREFLIGHT, '--scenario', f], contract: EVAL },
  // The same scenario reader as eval: the families that only break the reader are left to it.
  { label: 'playground --scenario', argv: (f) => ['playground', '--scenario', f, '--out', PAGE], contract: PLAYGROUND, skipFamilies: ['truncated', 'wrong-type'] },
];

/** Commands that read an account snapshot. */
export const SNAPSHOT_COMMANDS: HostileCommand[] = [
  { label: 'eval --snapshot', argv: (f) => ['eval', '--snapshot', f, '--principal', 'user/alice', ...EVAL_REQUEST], contract: EVAL, heavy: true },
  { label: 'audit who-can', argv: (f) => ['audit', 'who-can', '--snapshot', f, '--action', 'cams:UpdateInstance'], contract: AUDIT, heavy: true },
  // The same snapshot reader as who-can: the families that only break the reader are left to it.
  { label: 'audit principal-can', argv: (f) => ['audit', 'principal-can', '--snapshot', f, '--principal', 'user/alice'], contract: AUDIT, skipFamilies: ['truncated', 'wrong-type'] },
  { label: 'playground --snapshot', argv: (f) => ['playground', '--snapshot', f, '--principal', 'user/alice', '--out', PAGE], contract: PLAYGROUND, skipFamilies: ['truncated', 'wrong-type'] },
];

/** Commands that read a catalog service file (the input is `x.yaml` in a directory of its own). */
export const CATALOG_COMMANDS: HostileCommand[] = [
  { label: 'catalog services --catalog', argv: (f) => ['catalog', 'services', '--catalog', dirname(f)], contract: CATALOG, heavy: true },
  { label: 'lint --catalog', argv: (f) => ['lint', GOOD_FILE, '--catalog', dirname(f)], contract: exits([0, 1, 2], [2]) },
];

/** Commands that read a lint configuration: lint walks `.` (one policy with a finding, tree-setup.ts), so `ignore` and suppression globs are matched. */
export const CONFIG_COMMANDS: HostileCommand[] = [
  { label: 'lint --config FILE .', argv: (f) => ['lint', '--config', f, '.'], contract: exits([0, 1, 2], [2]), heavy: true },
  { label: 'lint --config FILE --format sarif .', argv: (f) => ['lint', '--config', f, '--format', 'sarif', '.'], contract: exits([0, 1, 2], [2]), skipFamilies: ['glob'] },
];

/** The verdict that applies to `input` under `command`. */
export function verdictFor(input: HostileInput, command: HostileCommand): HostileInput['verdict'] {
  return command.walksDirectories && input.special?.kind === 'directory' ? undefined : input.verdict;
}
