/**
 * Audit bench (issues #6, 13): who-can cams:UpdateInstance --all-resources over a generated account
 * of 10,000 principals × 5 policies × 1,000 instances; target under 1 s and 250 MB with grants per
 * resource class (what the CLI asks for; `resource` as the fourth argument measures one grant per
 * principal × instance, the library's default). Run by bench/run.ts in a child process, so the peak
 * RSS it reports is this run's own (generation, parsing and the audit). Figures are printed, never
 * asserted.
 */
import { whoCan } from '../src/audit/who-can.js';
import { AUDIT_V8_FLAGS, setAuditFlags } from '../src/cli/audit-flags.js';
import { parseSnapshot } from '../src/snapshot/parse-snapshot.js';
import { generatedAccount } from './audit-account.js';

/** `default-v8` as an argument (after the three above): V8's own flags, not those `ramguard audit` sets (src/cli/audit-flags.ts). */
const defaultV8 = process.argv.includes('default-v8');
if (!defaultV8) setAuditFlags();
const v8Said = defaultV8 ? "V8's default flags" : `V8 as \`ramguard audit\` sets it (${AUDIT_V8_FLAGS.join(' ')})`;

const principals = Number(process.argv[2] ?? 10_000);
const instances = Number(process.argv[3] ?? 1_000);
/** `class` (what the CLI asks for: grants per resource class) or `resource` (one grant per principal × instance, the library's default). */
const grantsPer = process.argv[4] === 'resource' ? 'resource' : 'class';
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
const answer = whoCan(parsed.snapshot, { action: 'cams:UpdateInstance', allResources: true, maxPaths: 10, grantsPer });
const auditMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
// CPU time (user + system, all threads: the garbage collector's helpers too) says less about load than wall time.
const cpuMs = (cpu.user + cpu.system) / 1000;
const result = answer.result!;
const grants = result.principals.reduce((n, p) => n + (p.classGrants ?? p.grants).length, 0);
// Live heap after a full collection (when run with --expose-gc): what the answer itself holds.
(globalThis as { gc?: () => void }).gc?.();
const heapMb = process.memoryUsage().heapUsed / 1e6;
const allowed = result.principals.filter((p) => p.decision === 'Allow').length;
const conditional = result.principals.filter((p) => p.decision === 'Conditional').length;
const escalating = result.principals.filter((p) => p.escalations.length > 0).length;
const peakMb = process.resourceUsage().maxRSS / 1024;
const seconds = (ms: number) => (ms / 1000).toFixed(2);
console.log(
  `audit who-can cams:UpdateInstance --all-resources: ${principals.toLocaleString('en-US')} principals × 5 policies × ${instances.toLocaleString('en-US')} instances: ` +
    `${seconds(auditMs)} s wall, ${seconds(cpuMs)} s CPU (parsing the ${(text.length / 1e6).toFixed(1)} MB snapshot ${seconds(parseMs)} s more), peak RSS ${Math.round(peakMb)} MB, live heap ${Math.round(heapMb)} MB; ` +
    `${allowed} Allow, ${conditional} Conditional, ${escalating} can escalate, ${grants.toLocaleString('en-US')} ${grantsPer === 'class' ? 'grants per resource class' : 'principal×instance grants'}; ${v8Said} (target < 1 s, < 250 MB)`,
);
