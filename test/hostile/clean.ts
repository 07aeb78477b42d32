/** What every reproduction asserts of a run's output: nothing crashed, nothing raw for the terminal. */
import { expect } from 'vitest';
import { RESOURCE } from './commands.js';
import { firstLineOf, FORBIDDEN, type RunRecord } from './harness.js';
import { RAW_CONTROL } from './inputs.js';

/** Everything a run printed, stdout then stderr. */
export const printed = (r: RunRecord): string => `${r.out}\n${r.err}`;

/** No internal error, stack trace or abort text; nothing raw for the terminal. */
export function expectClean(r: RunRecord): void {
  for (const text of FORBIDDEN) expect(printed(r), `${r.argv.join(' ')}: ${firstLineOf(r)}`).not.toContain(text);
  expect(RAW_CONTROL.test(printed(r)), r.argv.join(' ')).toBe(false);
}

/** The request flags of an `eval --policy` run. */
export const EVAL_REQUEST = ['--action', 'cams:UpdateInstance', '--resource', RESOURCE];
