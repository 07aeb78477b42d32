/**
 * The real process behaves as the in-process runs do: a sample of 20 hostile inputs, one from each
 * kind of trouble, run through the built binary (dist/cli/main.js) and in-process. The process
 * must give the same exit code, never abort (`FATAL ERROR`, exit 134, a signal), never print a
 * stack trace or a raw terminal control, and finish within its bound.
 */
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, runBinary } from './binary.js';
import { CATALOG_COMMANDS, CONFIG_COMMANDS, POLICY_COMMANDS, SCENARIO_COMMANDS, SNAPSHOT_COMMANDS, verdictFor, type HostileCommand } from './commands.js';
import { hostileConfigs, hostileServiceFiles, WALK_DIR } from './config-catalog-families.js';
import { createSuiteDir, runInProcess, violations, type SuiteDir } from './harness.js';
import { materialize, type HostileInput } from './inputs.js';
import { bytePolicies } from './policy-bytes.js';
import { structuralPolicies } from './policy-structure.js';
import { hostileScenarios, SCENARIO_DIR } from './scenario-families.js';
import { hostileSnapshots, SNAPSHOT_DIR } from './snapshot-families.js';
import { stdinOf } from './suite.js';
import { copyExamples, writeGoodPolicy, writeWalkDir } from './tree-setup.js';

const command = (list: HostileCommand[], label: string) => list.find((c) => c.label === label)!;
const policyCommand = (label: string) => command(POLICY_COMMANDS, label);

/** The sample: an input name (or a name's start) and the command it goes through. */
const SAMPLE: Array<[string, HostileCommand]> = [
  ['truncated-json/pretty-', policyCommand('validate FILE')],
  ['wrong-type/Statement.0.Effect-object', policyCommand('eval --policy')],
  ['invalid-utf8/sid-ff', policyCommand('lint FILE')],
  ['terminal/sid-osc', policyCommand('eval --policy')],
  ['terminal/effect-osc', policyCommand('validate FILE')],
  ['terminal/sid-bidi', policyCommand('lint FILE')],
  ['deep/yaml-sequence-1000', policyCommand('lint FILE')],
  ['deep/json-array-10000', policyCommand('check no-new-access')],
  ['yaml-alias/ten-aliases-to-50000', policyCommand('lint FILE')],
  ['duplicate-keys/json-5000', policyCommand('lint FILE')],
  ['many/invalid-actions-190000', policyCommand('eval --policy')],
  ['size/over-limit-1000001', policyCommand('validate FILE')],
  ['not-a-file/dev-zero', policyCommand('validate FILE')],
  ['not-a-file/dev-zero', policyCommand('validate -')],
  ['yaml-alias/self-reference', policyCommand('diff')],
  ['scenario-reference/identity-absolute-etc-passwd', command(SCENARIO_COMMANDS, 'eval --scenario')],
  ['snapshot-reference/version-symlink-beside-tree', command(SNAPSHOT_COMMANDS, 'audit who-can')],
  ['snapshot-proto-key/tag-key-__proto__', command(SNAPSHOT_COMMANDS, 'audit who-can')],
  ['config-glob/ignore-star-100000', command(CONFIG_COMMANDS, 'lint --config FILE .')],
  ['catalog-paths/symlink-to-dev-zero', command(CATALOG_COMMANDS, 'catalog services --catalog')],
];

const ALL = [...structuralPolicies(), ...bytePolicies(), ...hostileScenarios(), ...hostileSnapshots(), ...hostileConfigs(), ...hostileServiceFiles()];
const pick = (name: string): HostileInput => {
  const found = ALL.find((i) => i.name === name) ?? ALL.find((i) => i.name.startsWith(name));
  if (!found) throw new Error(`no hostile input ${name}`);
  return found;
};
const cases = SAMPLE.map(([name, cmd]) => ({ input: pick(name), command: cmd }));

let dir: SuiteDir;

beforeAll(() => {
  dir = createSuiteDir('binary');
  writeGoodPolicy(dir);
  copyExamples(dir, SCENARIO_DIR);
  copyExamples(dir, SNAPSHOT_DIR);
  writeWalkDir(dir);
  materialize(dir.tree, cases.map((c) => c.input));
});
afterAll(() => dir?.remove());

describe('the built binary on a sample of hostile inputs', () => {
  it.each(cases.map((c) => [`${c.input.name} × ${c.command.label}`, c] as const))('%s', async (_, { input, command }) => {
    // Given the input where the suites put it, and the command's working directory
    const cwd = command.label.startsWith('lint --config') ? join(dir.tree, WALK_DIR) : dir.tree;
    const path = input.file.startsWith('/') ? input.file : relative(cwd, join(dir.tree, input.file));
    const stdin = command.stdin ? stdinOf(input) : undefined;
    // When it runs in-process and as a real process
    const inProcess = await runInProcess(command.argv(path), cwd, stdin);
    const real = runBinary(command.argv(path), cwd, { stdin: stdin === 'endless' ? { path: '/dev/zero' } : stdin });
    const what = `${describeRun(real)} (in-process: exit ${inProcess.exit})`;
    // Then the process ends by itself, without an abort, with the exit code of the in-process run
    expect(real.signal, what).toBeNull();
    expect(real.status, what).not.toBe(134);
    expect(real.status, what).toBe(inProcess.exit);
    // And it keeps the contract on what the terminal really receives: documented exit, nothing
    // forbidden or raw printed, output bounded (the time bound of a process is its wall clock)
    expect(real.ms, what).toBeLessThan(10_000);
    const printed = real.stdout.length + real.stderr.length;
    const asRecord = { ...inProcess, exit: real.status!, out: real.stdout, err: real.stderr, printed, ms: 0, cpuMs: 0 };
    expect(violations(asRecord, input, command.contract, verdictFor(input, command)), what).toEqual([]);
  });
});
