/**
 * Real audit answers for the renderer tests: the example account and a hostile one (names and
 * condition values that try to break out of html and dot), run through whoCan / principalCan.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { principalCan, whoCan } from '../../src/audit/who-can.js';
import type { PrincipalCanResult, WhoCanResult } from '../../src/audit/types.js';
import { parseSnapshot } from '../../src/snapshot/parse-snapshot.js';
import type { AccountSnapshot } from '../../src/snapshot/types.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const EXAMPLE_SNAPSHOT = resolve(HERE, '../../policies/examples/account.snapshot.yaml');
export const HOSTILE_SNAPSHOT = resolve(HERE, 'fixtures/hostile.snapshot.yaml');
export const ESCALATION_SNAPSHOT = resolve(HERE, 'fixtures/escalation.snapshot.yaml');

/** Parses a snapshot file (policy files relative to it), failing the test on any diagnostic. */
export function loadSnapshot(file: string): AccountSnapshot {
  const parsed = parseSnapshot(readFileSync(file, 'utf8'), { file, readFile: (f) => ({ text: readFileSync(resolve(dirname(file), f), 'utf8'), file: f }) });
  if (!parsed.snapshot) throw new Error(`${file} does not parse: ${JSON.stringify(parsed.diagnostics)}`);
  return parsed.snapshot;
}

/** who-can over a snapshot file. */
export function whoCanOf(file: string, input: Parameters<typeof whoCan>[1]): WhoCanResult {
  const answer = whoCan(loadSnapshot(file), input);
  if (!answer.result) throw new Error(`whoCan failed: ${JSON.stringify(answer.diagnostics)}`);
  return answer.result;
}

/** principal-can over a snapshot file. */
export function principalCanOf(file: string, input: Parameters<typeof principalCan>[1]): PrincipalCanResult {
  const answer = principalCan(loadSnapshot(file), input);
  if (!answer.result) throw new Error(`principalCan failed: ${JSON.stringify(answer.diagnostics)}`);
  return answer.result;
}
