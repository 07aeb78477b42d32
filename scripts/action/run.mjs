#!/usr/bin/env node
/**
 * The steps of the GitHub Action (action.yml at the repository root), as one script the tests run
 * directly with the same environment the action sets:
 *
 *   INPUT_PATHS          files, directories or globs to lint, one per line (default `.`)
 *   INPUT_SARIF_FILE     where the SARIF report is written (default `ramguard.sarif`)
 *   INPUT_FAIL_ON        lint's `--fail-on` (default `error`)
 *   INPUT_CONFIG         lint's `--config` (default: the nearest .ramguard.yaml)
 *   INPUT_NO_NEW_ACCESS  policy files, one per line, each checked with `check no-new-access`
 *                        against its version in the base revision
 *   INPUT_BASE_REF       the base branch (`origin/<it>` when that exists) or any git revision
 *   RAMGUARD_BIN         the CLI (default: dist/cli/main.js of this checkout)
 *
 * Inputs arrive as environment variables, never spliced into a shell line, and reach ramguard
 * as argument array items: options as `--name=value` (a value that starts with `-` stays a value)
 * and paths after `--` (a path that starts with `-` stays a path). Lists are one item per line so
 * a path with spaces is one path.
 *
 * Exit code: the highest of lint's (0, 1 per fail-on, 2 invalid) and every check's (0 PASS,
 * 1 FAIL, 2 invalid or no answer). Both always run, so one push shows every problem.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = process.env.RAMGUARD_BIN || resolve(HERE, '../../dist/cli/main.js');

/** A list input: one item per non-blank line, trimmed. */
const list = (value) => (value ?? '').split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
const input = (name, fallback = '') => (process.env[`INPUT_${name}`] ?? '').trim() || fallback;

/** Runs ramguard with an argument array (no shell), its output passed through to the job log. */
function ramguard(args, stdin) {
  const run = spawnSync(process.execPath, [BIN, ...args], { input: stdin ?? '', stdio: ['pipe', 'inherit', 'inherit'] });
  if (run.error) {
    console.log(`::error::cannot run ramguard: ${escapeData(run.error.message)}`);
    return 2;
  }
  return run.status ?? 2;
}

/** Runs git quietly; null when it fails. */
function git(args) {
  const run = spawnSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } });
  return run.status === 0 ? run.stdout.trim() : null;
}

// Workflow commands end at a line break and their properties at `,` and `:`: escaped, a file name
// or a message from a policy cannot start a command of its own.
const escapeData = (text) => String(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

const LEVELS = { error: 'error', warning: 'warning', note: 'notice' };

/** One annotation per SARIF result, so findings show on the pull request even without code scanning. */
function annotate(sarifFile) {
  let sarif;
  try {
    sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
  } catch {
    return;
  }
  for (const run of sarif?.runs ?? []) {
    for (const result of run?.results ?? []) {
      const location = result?.locations?.[0]?.physicalLocation;
      const properties = [];
      if (location?.artifactLocation?.uri) properties.push(`file=${escapeProperty(decodeURIComponent(location.artifactLocation.uri))}`);
      if (location?.region?.startLine) properties.push(`line=${Number(location.region.startLine)}`);
      if (location?.region?.startColumn) properties.push(`col=${Number(location.region.startColumn)}`);
      properties.push(`title=${escapeProperty(`ramguard ${result?.ruleId ?? ''}`)}`);
      console.log(`::${LEVELS[result?.level] ?? 'warning'} ${properties.join(',')}::${escapeData(result?.message?.text ?? '')}`);
    }
  }
}

/** The kind a policy's name gives it, as `lint` reads names (`x.trust.json`). */
function kindOf(path) {
  const match = /\.(trust|control|session)\.(json|ya?ml)$/i.exec(path);
  return match ? match[1].toLowerCase() : 'identity';
}

/** A policy that allows nothing: the base of a policy this change adds. */
function allowsNothing(kind) {
  const statement = kind === 'trust' ? { Effect: 'Deny', Action: 'sts:AssumeRole', Principal: { RAM: ['*'] } } : { Effect: 'Deny', Action: '*', Resource: '*' };
  return JSON.stringify({ Version: '1', Statement: [statement] });
}

/** The revision named by the base ref: `origin/<ref>` when the remote-tracking branch exists, else the ref itself. */
function resolveBase(ref) {
  for (const candidate of [`origin/${ref}`, ref]) {
    if (git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${candidate}^{commit}`]) !== null) return candidate;
  }
  return null;
}

function checkNoNewAccess(policies, baseRef) {
  if (policies.length === 0) return 0;
  if (baseRef === '') {
    console.log('::warning::ramguard: no base ref (not a pull request, and `base-ref` not given): no-new-access skipped');
    return 0;
  }
  const base = resolveBase(baseRef);
  if (base === null) {
    console.log(`::error::ramguard: base \`${escapeData(baseRef)}\` is not in this checkout: check out with \`fetch-depth: 0\`, or give \`base-ref\` as a revision`);
    return 2;
  }
  let worst = 0;
  for (const policy of policies) {
    const kind = kindOf(policy);
    const path = policy.replace(/^\.\//, '');
    const inBase = git(['cat-file', '-e', '--end-of-options', `${base}:${path}`]) !== null;
    console.log(`::group::no-new-access ${escapeData(path)} (against ${escapeData(inBase ? `${base}:${path}` : 'nothing: new in this change')})`);
    const status = inBase
      ? ramguard(['check', 'no-new-access', `--kind=${kind}`, `--base=${base}:${path}`, `--candidate=${policy}`])
      : ramguard(['check', 'no-new-access', `--kind=${kind}`, '--base=-', `--candidate=${policy}`], allowsNothing(kind));
    console.log('::endgroup::');
    if (status !== 0) console.log(`::${status === 1 ? 'error' : 'warning'} file=${escapeProperty(path)}::no-new-access ${status === 1 ? 'FAIL' : 'gave no answer'} against ${escapeData(inBase ? base : 'nothing')}`);
    worst = Math.max(worst, status);
  }
  return worst;
}

function main() {
  const sarifFile = input('SARIF_FILE', 'ramguard.sarif');
  // lint writes only into an existing directory; a report folder named in the workflow is made here
  mkdirSync(dirname(resolve(sarifFile)), { recursive: true });
  const lintArgs = ['lint', '--format=sarif', `--output=${sarifFile}`, `--fail-on=${input('FAIL_ON', 'error')}`];
  const config = input('CONFIG');
  if (config !== '') lintArgs.push(`--config=${config}`);
  const paths = list(process.env.INPUT_PATHS);
  const lintStatus = ramguard([...lintArgs, '--', ...(paths.length > 0 ? paths : ['.'])]);
  if (existsSync(sarifFile)) annotate(sarifFile);
  const checkStatus = checkNoNewAccess(list(process.env.INPUT_NO_NEW_ACCESS), input('BASE_REF'));
  if (process.env.GITHUB_OUTPUT) {
    appendFileSync(process.env.GITHUB_OUTPUT, `sarif-file=${sarifFile.replace(/[\r\n]/g, '')}\nlint-exit-code=${lintStatus}\nno-new-access-exit-code=${checkStatus}\n`);
  }
  return Math.max(lintStatus, checkStatus);
}

process.exitCode = main();
