/**
 * `npm run bench`: the figures issue #2 asks for. Decisions per second, single thread, for one
 * statement, a typical set (10 statements), a large set (30 × 20) and 10,000 statements, with and
 * without the trace (bench/eval.ts); and the matcher's worst case. Figures are printed, never asserted.
 */
import { spawnSync } from 'node:child_process';
import { builtinCatalog, compilePolicySet, emptyPolicySet, parsePolicy, preflightUpdateInstance, expandActionPattern, lookupAction } from '../src/index.js';
import { freshBuiltinCatalog } from '../src/catalog/builtin.js';
import { compileWildcard } from '../src/entries/internals.js';
import { coldStartLine } from './cold-start.js';
import { evalBench, fmt, rate } from './eval.js';
import { typicalStatements } from './policies.js';

evalBench();

const pattern = '*a'.repeat(50) + 'b';
const input = 'a'.repeat(100_000);
const matcher = compileWildcard(pattern);
const runs = 20;
const start = performance.now();
let matched = false;
for (let i = 0; i < runs; i++) matched = matcher.test(input) || matched;
const perRun = (performance.now() - start) / runs;
console.log(`matcher: 50 × "*a" then "b" against 100,000 "a": ${perRun.toFixed(3)} ms per match (matched: ${matched}; target < 50 ms)`);
const pattern2 = '*a'.repeat(50) + '*b';
const matcher2 = compileWildcard(pattern2);
const start2 = performance.now();
for (let i = 0; i < runs; i++) matched = matcher2.test(input) || matched;
console.log(`matcher: 50 × "*a" then "*b" against 100,000 "a": ${((performance.now() - start2) / runs).toFixed(3)} ms per match (matched: ${matched})`);
// The `?` worst case and 10,000 × 10,000-value condition clauses per operator (issue 12), in a child process.
{ const r = spawnSync(process.execPath, [new URL('./matching.js', import.meta.url).pathname], { encoding: 'utf8' }); console.log((r.stdout || r.stderr).trim()); }

// Catalog: the built-in catalog builds a service when first named (what a CLI run pays: one or
// two), and every service when its indexes are walked (lint's did-you-mean, diff).
const median = (fn: () => unknown) => {
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return times.sort((a, b) => a - b)[10]!;
};
const coldStart = performance.now();
lookupAction(builtinCatalog(), 'cams:UpdateInstance'); // the first build, cold: what a preflight pays
const cold = performance.now() - coldStart;
const one = median(() => lookupAction(freshBuiltinCatalog(), 'cams:UpdateInstance'));
const all = median(() => freshBuiltinCatalog().actions.size);
const catalog = builtinCatalog();
console.log(`catalog: first look-up (cams built, cold) ${cold.toFixed(2)} ms; then one service ${one.toFixed(2)} ms, all ${catalog.services.size} services ${all.toFixed(2)} ms (medians of 21); ${catalog.actions.size} actions, ${catalog.systemPolicies.size} system policies; target well under 50 ms for one service`);
const lookups = rate(() => lookupAction(catalog, 'CAMS:updateinstance'));
const expansions = rate(() => expandActionPattern(catalog, 'cams:Get*'), 500);
console.log(`catalog: ${fmt(lookups).trim()} look-ups/s, ${fmt(expansions).trim()} memoised pattern expansions/s (cams:Get*)`);

// Lint throughput, in a child process so its peak memory is its own.
const lint = spawnSync(process.execPath, [new URL('./lint.js', import.meta.url).pathname], { encoding: 'utf8' });
console.log((lint.stdout || lint.stderr).trim());
// Lint memory of the built CLI (issue 15, "Memory"): 2,000 files in each format, beside one file and `node -e 0` (the floor).
{ const r = spawnSync(process.execPath, [new URL('./lint-cli.js', import.meta.url).pathname], { encoding: 'utf8' }); console.log((r.stdout || r.stderr).trim()); }

// Preflight of CAMS UpdateInstance: the library call, and a cold start of the CLI (built by `npm run bench`).
{
  const set = emptyPolicySet();
  set.identity.push({ name: 'typical', document: parsePolicy(JSON.stringify({ Version: '1', Statement: typicalStatements(0) }), { kind: 'identity' }).policy! });
  const options = { region: 'ap-southeast-1', accountId: '1234567890123456', principal: { type: 'RamUser' as const, arn: 'acs:ram::1234567890123456:user/alice' }, currentTime: '2026-11-28T10:00:00Z', sourceIp: '10.1.2.3' };
  const perSecond = rate(() => preflightUpdateInstance({ InstanceId: 'ins-42', InstanceName: 'viber' }, set, options));
  const compiled = compilePolicySet(set);
  const perSecondCompiled = rate(() => preflightUpdateInstance({ InstanceId: 'ins-42', InstanceName: 'viber' }, compiled, options));
  console.log(`preflight (library, typical policy): ${(1e6 / perSecond).toFixed(1)} µs per call compiling the set each time, ${(1e6 / perSecondCompiled).toFixed(1)} µs with a compiled set`);
  console.log(coldStartLine());
}

// The guarded call end to end against the loopback CAMS emulator, in a child process.
{ const r = spawnSync(process.execPath, [new URL('./emulator.js', import.meta.url).pathname], { encoding: 'utf8' }); console.log((r.stdout || r.stderr).trim()); }

// Collection of the 2,000-user emulated account (ramguard collect's library path), in a child process.
{ const r = spawnSync(process.execPath, [new URL('./collect.js', import.meta.url).pathname], { encoding: 'utf8' }); console.log((r.stdout || r.stderr).trim()); }
// The audit as `ramguard audit` runs it (its V8 flags, src/cli/audit-flags.ts), then once with V8's defaults to compare.
for (const args of [['class'], ['class', 'default-v8'], ['resource']]) { const r = spawnSync(process.execPath, ['--expose-gc', new URL('./audit.js', import.meta.url).pathname, '10000', '1000', ...args], { encoding: 'utf8' }); console.log((r.stdout || r.stderr).trim()); }
// Role meshes (issue 13 §2): 200 and 1,000 roles that all reach each other, --max-paths 10, each in a child process.
// Role meshes: the (10 paths), trusts that ask for MFA (the walk cannot stop early), and every path asked for (the audit's path budget).
for (const args of [['200', '10'], ['1000', '10'], ['1000', '10', 'mfa'], ['200', '0']]) { const r = spawnSync(process.execPath, [new URL('./audit-mesh.js', import.meta.url).pathname, ...args], { encoding: 'utf8' }); console.log((r.stdout || r.stderr).trim()); }

// Audit renderers: --format html and dot of who-can over the generated 10,000-principal account, in a child process.
{ const r = spawnSync(process.execPath, [new URL('./audit-render.js', import.meta.url).pathname], { encoding: 'utf8' }); console.log((r.stdout || r.stderr).trim()); }
{ const r = spawnSync(process.execPath, [new URL('./analysis.js', import.meta.url).pathname], { encoding: 'utf8' }); console.log((r.stdout || r.stderr).trim()); } // exact access analysis (issue #7)
