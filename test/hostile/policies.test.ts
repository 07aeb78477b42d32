/**
 * Hostile policies × every command that reads a policy: validate (file and stdin), lint (text,
 * JSON, SARIF), eval, preflight, check no-new-access, check access-not-granted and diff.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GOOD_FILE, POLICY_COMMANDS } from './commands.js';
import { bytePolicies } from './policy-bytes.js';
import { GOOD_POLICY_TEXT, structuralPolicies } from './policy-structure.js';
import { hostileSuite } from './suite.js';

hostileSuite('policies', [...structuralPolicies(), ...bytePolicies()], POLICY_COMMANDS, {
  setup: (dir) => writeFileSync(join(dir.tree, GOOD_FILE), GOOD_POLICY_TEXT),
});
