/**
 * What the suites put in the tree beside the hostile inputs: the valid policy that check and diff
 * compare against, the example policies that valid scenarios and snapshots reference, and the
 * directory `lint --config FILE .` walks.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GOOD_FILE } from './commands.js';
import { CONFIG_DIR, WALK_DIR } from './config-catalog-families.js';
import type { SuiteDir } from './harness.js';
import { GOOD_POLICY_TEXT } from './policy-structure.js';

const EXAMPLES = resolve(dirname(fileURLToPath(import.meta.url)), '../../policies/examples');
const REFERENCED = ['cams-operator.json', 'control-no-deletes-in-prod.control.json', 'deny-without-mfa-on-delete.yaml'];

/** The valid policy `good.json` at the top of the tree. */
export function writeGoodPolicy(dir: SuiteDir): void {
  writeFileSync(join(dir.tree, GOOD_FILE), GOOD_POLICY_TEXT);
}

/** The example policies the valid scenarios and snapshots reference, into `sub` of the tree. */
export function copyExamples(dir: SuiteDir, sub: string): void {
  mkdirSync(join(dir.tree, sub), { recursive: true });
  for (const name of REFERENCED) copyFileSync(join(EXAMPLES, name), join(dir.tree, sub, name));
}

/**
 * The directory lint walks with a hostile configuration: one policy, with a finding (`*` on `*`),
 * so both `ignore` and `suppressions` globs are matched — once each, as a glob's cost is per path.
 */
export function writeWalkDir(dir: SuiteDir): void {
  mkdirSync(join(dir.tree, WALK_DIR), { recursive: true });
  mkdirSync(join(dir.tree, CONFIG_DIR), { recursive: true });
  writeFileSync(join(dir.tree, WALK_DIR, 'star.json'), '{"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}');
}
