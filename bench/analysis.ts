/**
 * `npm run bench` (issue #7): time per no-new-access check. Typical pairs: 20 statements each,
 * with wildcards and conditions, the candidate one or two edits away from the base (half of them
 * grant something new). Worst cases constructed on purpose: the exponential parts of the method
 * (docs/analysis.md) — products of glob automata, and several values per key — with their growth
 * and where the budgets stop them. Printed, never asserted.
 */
import { checkNoNewAccess, diffPolicies, type AnalysisPolicy } from '../src/analysis/index.js';
import { parsePolicy } from '../src/index.js';
import { builtinCatalog } from '../src/catalog/builtin.js';

const ACCOUNT = '1234567890123456';

function policy(name: string, statements: object[]): AnalysisPolicy {
  const parsed = parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind: 'identity' });
  if (!parsed.policy) throw new Error(`bench policy ${name} is invalid: ${JSON.stringify(parsed.diagnostics)}`);
  return { name, document: parsed.policy };
}

/** Twenty statements over CAMS, RAM, ECS and OSS, with wildcards and conditions of every family. */
function twenty(seed: number): object[] {
  const env = ['prod', 'dev', 'test', 'stage'][seed % 4];
  return [
    { Effect: 'Allow', Action: ['cams:Get*', 'cams:List*'], Resource: '*' },
    { Effect: 'Allow', Action: 'cams:Query*', Resource: `acs:cams:*:${ACCOUNT}:instance/*` },
    { Effect: 'Deny', Action: 'cams:Delete*', Resource: '*', Condition: { Bool: { 'acs:MFAPresent': 'false' } } },
    { Effect: 'Deny', Action: 'ram:*', Resource: '*', Condition: { NotIpAddress: { 'acs:SourceIp': ['10.0.0.0/8'] } } },
    { Effect: 'Allow', Action: 'ecs:Describe*', Resource: '*', Condition: { StringLike: { 'acs:SourceVpc': 'vpc-*' } } },
    { Effect: 'Allow', Action: 'cams:Send*', Resource: '*', Condition: { DateLessThan: { 'acs:CurrentTime': '2027-01-01T00:00:00Z' } } },
    { Effect: 'Deny', Action: 'cams:*', Resource: `acs:cams:*:${ACCOUNT}:instance/frozen-${seed}-*` },
    { Effect: 'Allow', Action: 'oss:Get*', Resource: ['acs:oss:*:*:logs-*/*', 'acs:oss:*:*:audit-*/*'] },
    { Effect: 'Deny', Action: 'cams:UpdateInstance', Resource: '*', Condition: { NotIpAddress: { 'acs:SourceIp': ['10.0.0.0/8', '192.168.0.0/16'] } } },
    { Effect: 'Allow', Action: ['cams:Update*', 'cams:Modify*'], Resource: `acs:cams:ap-southeast-1:${ACCOUNT}:instance/${env}-*`, Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' }, Bool: { 'acs:SecureTransport': 'true' } } },
    { Effect: 'Allow', Action: 'cams:*Chatapp*', Resource: `acs:cams:*:${ACCOUNT}:*`, Condition: { StringEquals: { 'acs:ResourceTag/team': ['chat', 'support'] } } },
    { Effect: 'Allow', Action: 'ecs:*Instance*', Resource: `acs:ecs:*:${ACCOUNT}:instance/i-${env}*`, Condition: { StringEqualsIgnoreCase: { 'ecs:tag/owner': 'Ops' } } },
    { Effect: 'Deny', Action: 'ecs:DeleteInstance', Resource: '*', Condition: { StringNotEquals: { 'ecs:tag/owner': 'ops' } } },
    { Effect: 'Allow', Action: 'ram:Get*', Resource: `acs:ram::${ACCOUNT}:role/*` },
    { Effect: 'Allow', Action: 'ram:PassRole', Resource: `acs:ram::${ACCOUNT}:role/${env}-*`, Condition: { StringEquals: { 'acs:Service': 'ecs.aliyuncs.com' } } },
    { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: `acs:ram::${ACCOUNT}:role/ci-*`, Condition: { DateGreaterThan: { 'acs:CurrentTime': '2026-01-01T00:00:00+08:00' } } },
    { Effect: 'Allow', Action: 'oss:Put*', Resource: `acs:oss:*:*:uploads-${env}/*`, Condition: { NumericLessThanEquals: { 'oss:max-keys': '100' } } },
    { Effect: 'Deny', Action: 'oss:Delete*', Resource: '*', Condition: { Bool: { 'acs:SecureTransport': 'false' } } },
    { Effect: 'Allow', Action: 'cams:Create*', Resource: `acs:cams:*:${ACCOUNT}:instance/${env}-*`, Condition: { StringLike: { 'acs:UserAgent': ['terraform/*', 'aliyun-cli/*'] } } },
    { Effect: 'Allow', Action: 'cams:Add*', Resource: '*', Condition: { NumericGreaterThan: { 'cams:Quota': '0' }, NumericLessThan: { 'cams:Quota': '50' } } },
  ];
}

/** The candidate: one or two edits away (widened resource, extra action, dropped Deny, relaxed condition, or a no-op reorder). */
function edited(base: object[], edit: number): object[] {
  const s = base.map((x) => JSON.parse(JSON.stringify(x)) as Record<string, any>);
  switch (edit % 6) {
    case 0: s[9]!.Resource = `acs:cams:*:${ACCOUNT}:instance/*`; break;
    case 1: s[0]!.Action = ['cams:Get*', 'cams:List*', 'cams:Query*']; break;
    case 2: s.splice(2, 1); break;
    case 3: s[9]!.Condition.IpAddress['acs:SourceIp'] = ['10.0.0.0/8', '172.16.0.0/12']; break;
    case 4: s.reverse(); break;
    case 5: s[10]!.Condition.StringEquals['acs:ResourceTag/team'] = ['chat']; break;
  }
  return s;
}

function time(fn: () => unknown, runs: number): { median: number; max: number; result: unknown } {
  const times: number[] = [];
  let result: unknown;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    result = fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)]!, max: times[runs - 1]!, result };
}

const ms = (x: number) => `${x.toFixed(1)} ms`;

builtinCatalog();
{
  const first = policy('base', twenty(0));
  const t0 = performance.now();
  checkNoNewAccess(first, policy('candidate', edited(twenty(0), 0)));
  console.log(`analysis: first no-new-access check in this process ${ms(performance.now() - t0)} (includes warming up and the one-off lower-case table: this pair uses StringEqualsIgnoreCase)`);
}
const all: number[] = [];
const verdicts: Record<string, number> = {};
const cpuStart = process.cpuUsage();
for (let i = 0; i < 24; i++) {
  const base = policy('base', twenty(i));
  const candidate = policy('candidate', edited(twenty(i), i));
  const r = time(() => checkNoNewAccess(base, candidate), 5);
  all.push(r.median);
  const v = (r.result as { verdict: string }).verdict;
  verdicts[v] = (verdicts[v] ?? 0) + 1;
}
all.sort((a, b) => a - b);
const cpuPerCheck = process.cpuUsage(cpuStart).user / 1000 / (24 * 5);
console.log(`analysis: no-new-access, typical pairs (20 statements each, 24 pairs, ${JSON.stringify(verdicts)}): median ${ms(all[12]!)}, slowest ${ms(all[23]!)} per check, ${ms(cpuPerCheck)} CPU on average (target < 100 ms)`);
{
  const base = policy('base', twenty(1));
  const candidate = policy('candidate', edited(twenty(1), 0));
  console.log(`analysis: diff of a typical pair (every reachable catalog action checked both ways): ${ms(time(() => diffPolicies(base, candidate), 3).median)}`);
}

// Worst case 1: resource patterns `*a`, `*a?`, `*a??`, … ("the i-th character from the end is a"):
// their product automaton must remember the last k characters, 2^k states and 2^k regions.
for (const k of [4, 8, 12, 14, 16, 18]) {
  const patterns = Array.from({ length: k }, (_, i) => `*a${'?'.repeat(i)}`);
  const base = policy('base', [{ Effect: 'Allow', Action: 'cams:*', Resource: patterns.slice(0, k - 1) }]);
  const candidate = policy('candidate', [{ Effect: 'Allow', Action: 'cams:*', Resource: patterns }]);
  const r = time(() => checkNoNewAccess(base, candidate), 1);
  const answer = r.result as { verdict: string; stats: { options: number[] }; diagnostics: { code: string; message: string }[] };
  const regions = answer.verdict === 'unknown' ? `stopped by a budget: ${(answer.diagnostics[0] as { message?: string } | undefined)?.message ?? ''}` : `${answer.stats.options[1]} resource regions, ${answer.verdict}`;
  console.log(`analysis: worst case, ${String(k).padStart(2)} suffix globs: ${ms(r.median)}, ${regions}`);
}
// Worst case 2: m distinct StringEquals languages on one key, several values per key: 2^m value combinations.
for (const m of [4, 8, 12, 16]) {
  const values = Array.from({ length: m }, (_, i) => `team-${i}`);
  const base = policy('base', [{ Effect: 'Allow', Action: 'cams:*', Resource: '*' }, ...values.map((v) => ({ Effect: 'Deny', Action: 'cams:*', Resource: '*', Condition: { StringEquals: { 'acs:ResourceTag/team': v } } }))]);
  const candidate = policy('candidate', [{ Effect: 'Allow', Action: 'cams:*', Resource: '*' }, ...values.slice(1).map((v) => ({ Effect: 'Deny', Action: 'cams:*', Resource: '*', Condition: { StringEquals: { 'acs:ResourceTag/team': v } } }))]);
  const multi = time(() => checkNoNewAccess(base, candidate), 1);
  const single = time(() => checkNoNewAccess(base, candidate, { singleValuedKeys: true }), 1);
  console.log(`analysis: worst case, ${String(m).padStart(2)} Deny values on one key: ${ms(multi.median)} with several values per key (${(multi.result as { verdict: string }).verdict}), ${ms(single.median)} with one (${(single.result as { verdict: string }).verdict})`);
}

// Trust policies (N11): 20 statements each — account roots, users, role sessions, wildcard entries and
// conditions on acs:SourceIp — the candidate one edit away; and the worst case, k wildcard entries.
{
  const trust = (name: string, statements: object[]): AnalysisPolicy => ({ name, document: parsePolicy(JSON.stringify({ Version: '1', Statement: statements }), { kind: 'trust' }).policy! });
  const entries = (i: number) => [`acs:ram::${1000 + (i % 5)}:root`, `acs:ram::${ACCOUNT}:user/team-${i}-*`, `acs:ram::${ACCOUNT}:role/deploy-${i}`];
  const statementsOf = (edit: number) =>
    Array.from({ length: 20 }, (_, i) => ({
      Effect: i % 7 === 6 ? 'Deny' : 'Allow',
      // Even edits widen (a whole account), odd ones narrow (one user of an account the statement's root trusts).
      Principal: { RAM: i !== edit ? entries(i).slice(0, 1 + (i % 3)) : edit % 2 === 0 ? [`acs:ram::${ACCOUNT}:*`] : [`acs:ram::${1000 + (i % 5)}:user/x`] },
      Action: 'sts:AssumeRole',
      ...(i % 4 === 0 ? { Condition: { IpAddress: { 'acs:SourceIp': `10.${i}.0.0/16` } } } : {}),
    }));
  const base = trust('base', statementsOf(-1));
  const times: number[] = [];
  const trustVerdicts: Record<string, number> = {};
  for (let edit = 0; edit < 8; edit++) {
    const r = time(() => checkNoNewAccess(base, trust('candidate', statementsOf(edit + 8))), 3);
    times.push(r.median);
    const v = (r.result as { verdict: string }).verdict;
    trustVerdicts[v] = (trustVerdicts[v] ?? 0) + 1;
  }
  times.sort((a, b) => a - b);
  console.log(`analysis: no-new-access --kind trust, typical pairs (20 statements each, 8 pairs, ${JSON.stringify(trustVerdicts)}): median ${ms(times[4]!)}, slowest ${ms(times[7]!)} per check`);
  for (const k of [4, 8, 12]) {
    const wild = (n: number) => [{ Effect: 'Allow', Principal: { RAM: Array.from({ length: n }, (_, i) => `acs:ram::*:user/*${String.fromCharCode(97 + i)}*`) }, Action: 'sts:AssumeRole' }];
    const r = time(() => checkNoNewAccess(trust('base', wild(k)), trust('candidate', wild(k + 1))), 1);
    console.log(`analysis: trust worst case, ${String(k).padStart(2)} infix-glob principal entries: ${ms(r.median)} (${(r.result as { verdict: string }).verdict})`);
  }
}
