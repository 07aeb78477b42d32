/**
 * The guarded call end to end: `GuardedCamsClient.updateInstance` (preflight, ACS3 signing and
 * the HTTP call through `@alicloud/openapi-client`) against the loopback CAMS emulator (signature
 * check, authorization by ramguard's evaluator, the update). Both ends run in this one process,
 * so a figure is the whole round trip as one machine pays it. Run by bench/run.ts in a child process.
 */
import { parseEmulatorConfig } from '../src/emulator/config.js';
import { startCamsEmulator } from '../src/emulator/server.js';
import { GuardedCamsClient } from '../src/client/guarded-client.js';
import { compilePolicySet, emptyPolicySet, parsePolicy } from '../src/index.js';

const ACCOUNT = '1234567890123456';
const ALICE = `acs:ram::${ACCOUNT}:user/alice`;
const STATEMENT = { Effect: 'Allow', Action: ['cams:UpdateInstance'], Resource: `acs:cams:*:${ACCOUNT}:instance/*`, Condition: { IpAddress: { 'acs:SourceIp': '127.0.0.0/8' } } };
const document = { Version: '1', Statement: [STATEMENT] };

const config = parseEmulatorConfig(
  JSON.stringify({
    accountId: ACCOUNT,
    region: 'ap-southeast-1',
    accessKeys: [{ id: 'LTAI5tBench', secret: 'bench-secret', principal: { type: 'RamUser', arn: ALICE }, policies: { identity: [{ name: 'enforced', document }] } }],
    instances: [{ id: 'ins-1', name: 'viber_ins', region: 'ap-southeast-1' }],
  }),
  { file: 'bench.json' },
);
if (!config.config) throw new Error(config.diagnostics.map((d) => d.message).join('\n'));
const server = await startCamsEmulator(config.config, { port: 0 });

const set = emptyPolicySet();
set.identity.push({ name: 'local', document: parsePolicy(JSON.stringify(document), { kind: 'identity' }).policy! });
const client = new GuardedCamsClient({
  region: 'ap-southeast-1',
  accountId: ACCOUNT,
  principal: { type: 'RamUser', arn: ALICE },
  policies: compilePolicySet(set),
  credential: { getCredential: async () => ({ accessKeyId: 'LTAI5tBench', accessKeySecret: 'bench-secret' }) },
  endpoint: { protocol: 'http', host: new URL(server.url).host },
  timeoutMs: 5000,
});

const call = async (i: number) => {
  const outcome = await client.updateInstance({ InstanceId: 'ins-1', InstanceName: `name-${i}` }, { sourceIp: '127.0.0.1' });
  if (outcome.status !== 'succeeded') throw new Error(`guarded call ${i}: ${outcome.status}`);
};

for (let i = 0; i < 50; i++) await call(i); // warm up
const CALLS = 500;
const times: number[] = [];
const start = performance.now();
for (let i = 0; i < CALLS; i++) {
  const t = performance.now();
  await call(i);
  times.push(performance.now() - t);
}
const total = performance.now() - start;
times.sort((a, b) => a - b);
const preflightOnly = performance.now();
for (let i = 0; i < CALLS; i++) await client.updateInstance({ InstanceId: 'ins-1', InstanceName: 'x' }, { sourceIp: '127.0.0.1', dryRun: true });
const dry = (performance.now() - preflightOnly) / CALLS;
await server.close();
console.log(
  `guarded UpdateInstance via the SDK against the loopback emulator: median ${times[CALLS / 2]!.toFixed(2)} ms, p95 ${times[Math.floor(CALLS * 0.95)]!.toFixed(2)} ms per call (${Math.round((CALLS / total) * 1000)} calls/s sequential, ${CALLS} calls); a dry run (preflight + credentials, nothing sent) ${(dry * 1000).toFixed(0)} µs`,
);
