/**
 * Role-mesh bench (issue 13 §2): N roles, each trusting the account root and the next role, each
 * with AdministratorAccess, and 20 users allowed `sts:AssumeRole` on `*` — every user reaches every
 * role, and every role every other, so chains of assumptions multiply as N³. Run by bench/run.ts
 * in a child process (peak RSS is this run's own). Figures are printed, never asserted.
 * `roleMesh(n)` is also the test helper of test/audit/role-mesh.test.ts.
 */
import { whoCan } from '../src/audit/who-can.js';
import { setAuditFlags } from '../src/cli/audit-flags.js';
import { parseSnapshot } from '../src/snapshot/parse-snapshot.js';

const ACCOUNT = '1234567890123456';

/** The raw snapshot of a role mesh: `roles` roles, `users` users allowed sts:AssumeRole on `*`; `mfa`: every trust asks for MFA (every chain Conditional). */
export function roleMesh(roles: number, users = 20, mfa = false): Record<string, unknown> {
  const role = (i: number) => `mesh-${i}`;
  return {
    accountId: ACCOUNT,
    policies: [{ name: 'assume-any', defaultVersion: 'v1', versions: [{ id: 'v1', document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } }] }],
    systemPolicies: [],
    users: Array.from({ length: users }, (_, i) => ({ name: `user-${i}`, groups: [], attachments: [{ policy: 'assume-any', type: 'Custom' }] })),
    groups: [],
    roles: Array.from({ length: roles }, (_, i) => ({
      name: role(i),
      trustPolicy: { document: { Version: '1', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { RAM: [`acs:ram::${ACCOUNT}:root`, `acs:ram::${ACCOUNT}:role/${role((i + 1) % roles)}`] }, ...(mfa ? { Condition: { Bool: { 'acs:MFAPresent': 'true' } } } : {}) }] } },
      attachments: [{ policy: 'AdministratorAccess', type: 'System' }],
    })),
    resources: { camsInstances: [] },
  };
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  // V8 as `ramguard audit` sets it (src/cli/audit-flags.ts), unless `default-v8` is given.
  if (!process.argv.includes('default-v8')) setAuditFlags();
  const n = Number(process.argv[2] ?? 200);
  const maxPaths = Number(process.argv[3] ?? 10);
  const mfa = process.argv[4] === 'mfa';
  const parsed = parseSnapshot(JSON.stringify(roleMesh(n, 20, mfa)), { file: 'mesh.json' });
  if (!parsed.snapshot) {
    console.log(`role-mesh bench: the generated snapshot does not parse: ${parsed.diagnostics.slice(0, 3).map((d) => d.message).join('; ')}`);
    process.exit(1);
  }
  const start = performance.now();
  const answer = whoCan(parsed.snapshot, { action: 'cams:UpdateInstance', maxPaths });
  const ms = performance.now() - start;
  const result = answer.result!;
  const paths = result.principals.reduce((k, p) => k + p.grants.reduce((j, g) => j + g.paths.length, 0), 0);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`audit who-can cams:UpdateInstance, role mesh of ${n} roles × 20 users${mfa ? ', MFA on every trust' : ''} (--max-paths ${maxPaths}${process.argv.includes('default-v8') ? ', V8 default flags' : ''}): ${(ms / 1000).toFixed(2)} s, peak RSS ${Math.round(peakMb)} MB; ${result.principals.filter((p) => p.decision === 'Allow').length} Allow, ${result.principals.filter((p) => p.decision === 'Conditional').length} Conditional, ${paths} paths kept${answer.diagnostics.length > 0 ? ` (${answer.diagnostics.map((d) => d.code).join(', ')})` : ''} (target: 50 roles < 1 s, 200 < 3 s, 1,000 < 20 s, each < 500 MB)`);
}
