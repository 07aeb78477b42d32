/**
 * Hostile scenarios × eval/preflight --scenario, and hostile account snapshots × eval --snapshot,
 * audit who-can and audit principal-can. The files the valid documents reference sit beside them.
 */
import { copyFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SCENARIO_COMMANDS, SNAPSHOT_COMMANDS } from './commands.js';
import type { SuiteDir } from './harness.js';
import { SCENARIO_DIR, hostileScenarios } from './scenario-families.js';
import { SNAPSHOT_DIR, hostileSnapshots } from './snapshot-families.js';
import { hostileSuite } from './suite.js';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../policies/examples');
const REFERENCED = ['cams-operator.json', 'control-no-deletes-in-prod.control.json', 'deny-without-mfa-on-delete.yaml'];

/** Copies the example policies the valid documents reference into `sub` of the tree. */
const withExamples = (sub: string) => (dir: SuiteDir) => {
  mkdirSync(join(dir.tree, sub), { recursive: true });
  for (const name of REFERENCED) copyFileSync(join(EXAMPLES, name), join(dir.tree, sub, name));
};

hostileSuite('scenarios', hostileScenarios(), SCENARIO_COMMANDS, { setup: withExamples(SCENARIO_DIR) });
hostileSuite('snapshots', hostileSnapshots(), SNAPSHOT_COMMANDS, { setup: withExamples(SNAPSHOT_DIR) });
