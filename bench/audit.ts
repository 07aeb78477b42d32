/**
 * Audit bench (issue #6): who-can cams:UpdateInstance --all-resources over a generated account of
 * 10,000 principals × 5 policies × 1,000 instances; target under 2 s and under 1 GB. Run by
 * bench/run.ts in a child process, so the peak RSS it reports is this run's own (generation,
 * parsing and the audit). Figures are printed, never asserted.
 */
import { whoCan } from '../src/audit/who-can.js';
import { parseSnapshot } from '../src/snapshot/parse-snapshot.js';
import { generatedAccount } from './audit-account.js';

const principals = Number(process.argv[2] ?? 10_000);
const instances = Number(process.argv[3] ?? 1_000);
const text = JSON.stringify(generatedAccount(principals, instances));
const parseStart = performance.now();
const parsed = parseSnapshot(text, { file: 'generated.json' });
const parseMs = performance.now() - parseStart;
if (!parsed.snapshot) {
  console.log(`audit bench: the generated snapshot does not parse: ${parsed.diagnostics.slice(0, 3).map((d) => d.message).join('; ')}`);
  process.exit(1);
}
const cpuStart = process.cpuUsage();
const start = performance.now();
const answer = whoCan(parsed.snapshot, { action: 'cams:UpdateInstance', allResources: true });
const auditMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
// CPU time (user + system, all threads: the garbage collector's helpers too) says less about load than wall time.
const cpuMs = (cpu.user + cpu.system) / 1000;
const result = answer.result!;
const grants = result.principals.reduce((n, p) => n + p.grants.length, 0);
const allowed = result.principals.filter((p) => p.decision === 'Allow').length;
const conditional = result.principals.filter((p) => p.decision === 'Conditional').length;
const escalating = result.principals.filter((p) => p.escalations.length > 0).length;
const peakMb = process.resourceUsage().maxRSS / 1024;
const seconds = (ms: number) => (ms / 1000).toFixed(2);
console.log(
  `audit who-can cams:UpdateInstance --all-resources: ${principals.toLocaleString('en-US')} principals × 5 policies × ${instances.toLocaleString('en-US')} instances: ` +
    `${seconds(auditMs)} s wall, ${seconds(cpuMs)} s CPU (parsing the ${(text.length / 1e6).toFixed(1)} MB snapshot ${seconds(parseMs)} s more), peak RSS ${Math.round(peakMb)} MB; ` +
    `${allowed} Allow, ${conditional} Conditional, ${escalating} can escalate, ${grants.toLocaleString('en-US')} principal×instance grants (target < 2 s, < 1 GB)`,
);
