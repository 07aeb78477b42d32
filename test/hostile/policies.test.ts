/**
 * Hostile policies × every command that reads a policy: validate (file and stdin), lint (text,
 * JSON, SARIF), eval, preflight, check no-new-access, check access-not-granted and diff.
 */
import { POLICY_COMMANDS } from './commands.js';
import { bytePolicies } from './policy-bytes.js';
import { structuralPolicies } from './policy-structure.js';
import { hostileSuite } from './suite.js';
import { writeGoodPolicy } from './tree-setup.js';

hostileSuite('policies', [...structuralPolicies(), ...bytePolicies()], POLICY_COMMANDS, { setup: writeGoodPolicy });
