/**
 * The guard only checks: every valid call of an exported function gives what the unguarded
 * function gives for the same arguments (compared as plain data: functions by name, Maps by
 * entries, timings left out).
 */
import { describe, expect, it } from 'vitest';
import * as accessCheck from '../../src/analysis/access-check.js';
import * as diff from '../../src/analysis/diff.js';
import * as limitPaths from '../../src/audit/limit-paths.js';
import * as auditRender from '../../src/audit/render/index.js';
import * as whoCan from '../../src/audit/who-can.js';
import * as catalogBuild from '../../src/catalog/build.js';
import * as catalogBuiltin from '../../src/catalog/builtin.js';
import * as catalogQuery from '../../src/catalog/query.js';
import * as endpoint from '../../src/client/endpoint.js';
import * as failure from '../../src/client/failure.js';
import * as redact from '../../src/client/redact.js';
import * as clientRender from '../../src/client/render.js';
import * as transport from '../../src/client/transport.js';
import * as diagnostic from '../../src/diagnostics/diagnostic.js';
import * as emulatorConfig from '../../src/emulator/config.js';
import * as accountIndex from '../../src/emulator/ram-api/account-index.js';
import * as accountService from '../../src/emulator/ram-api/account-service.js';
import * as generate from '../../src/emulator/ram-api/generate-account.js';
import * as emulatorService from '../../src/emulator/service.js';
import * as signature from '../../src/emulator/signature.js';
import * as compile from '../../src/eval/compile.js';
import * as authorize from '../../src/eval/authorize.js';
import * as residual from '../../src/explain/residual-text.js';
import * as lintConfig from '../../src/lint/config.js';
import * as lintEngine from '../../src/lint/engine.js';
import * as lintJson from '../../src/lint/format/json.js';
import * as lintSarif from '../../src/lint/format/sarif.js';
import * as lintText from '../../src/lint/format/text.js';
import * as extract from '../../src/lint/inputs/extract.js';
import * as registry from '../../src/lint/registry.js';
import * as wildcard from '../../src/match/wildcard.js';
import * as limits from '../../src/policy/limits.js';
import * as parsePolicy from '../../src/policy/parse-policy.js';
import * as policySchema from '../../src/policy/schema.js';
import * as parameters from '../../src/preflight/parameters.js';
import * as preflight from '../../src/preflight/update-instance.js';
import * as prepare from '../../src/request/prepare.js';
import * as scenario from '../../src/scenario/parse-scenario.js';
import * as types from '../../src/policy/policy-set.js';
import * as parseSnapshot from '../../src/snapshot/parse-snapshot.js';
import * as principal from '../../src/snapshot/principal.js';
import * as resources from '../../src/snapshot/resources.js';
import { library as root, PURE_ENTRIES } from './entries.js';
import * as client from '../../src/client/index.js';
import * as emulator from '../../src/emulator/index.js';
import { clientCalls, emulatorCalls, rootCalls } from './fixtures.js';

type Fn = (...args: unknown[]) => unknown;
const modules = [accessCheck, diff, limitPaths, auditRender, whoCan, catalogBuild, catalogBuiltin, catalogQuery, endpoint, failure, redact, clientRender, transport, diagnostic, emulatorConfig, accountIndex, accountService, generate, emulatorService, signature, compile, authorize, residual, lintConfig, lintEngine, lintJson, lintSarif, lintText, extract, registry, wildcard, limits, parsePolicy, policySchema, parameters, preflight, prepare, scenario, types, parseSnapshot, principal, resources];

/** The unguarded function of each name, from the modules that define them. */
const unguarded = new Map<string, Fn>();
for (const m of modules) for (const [name, value] of Object.entries(m)) if (typeof value === 'function' && !unguarded.has(name)) unguarded.set(name, value as Fn);

/** Functions whose result is not data to compare: a server, a network call, or a function. */
const NOT_DATA = new Set(['startCamsEmulator', 'startAccountEmulator', 'callCams', 'callRpc', 'createRpcClient', 'createRedactor', 'auditRenderer', 'GuardedCamsClient']);

/** A value as plain data: functions by name, Maps and Sets by entries, cycles marked, timings left out. */
function plain(value: unknown, seen = new Map<object, true>()): unknown {
  if (typeof value === 'function') return `[function ${value.name}]`;
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[seen]';
  seen.set(value, true);
  if (value instanceof Map) return ['Map', [...value].map(([k, v]) => [plain(k, seen), plain(v, seen)])];
  if (value instanceof Set) return ['Set', [...value].map((v) => plain(v, seen))];
  if (Array.isArray(value)) return value.map((v) => plain(v, seen));
  return Object.fromEntries(Object.keys(value).filter((k) => k !== 'milliseconds').map((k) => [k, plain((value as Record<string, unknown>)[k], seen)]));
}

describe.each([
  ...Object.entries(PURE_ENTRIES).map(([name, entry]) => [name, entry, rootCalls()] as const),
  ['ramguard/client', client as Record<string, unknown>, clientCalls()] as const,
  ['ramguard/emulator', emulator as Record<string, unknown>, emulatorCalls()] as const,
])('%s: a valid call gives what the unguarded function gives', (_, entry, calls) => {
  // The pure entries share one table of valid calls: each entry is checked on the functions it exports.
  const names = Object.keys(calls).filter((name) => !NOT_DATA.has(name) && typeof entry[name] === 'function');
  it.each(names)('%s', (name) => {
    const raw = unguarded.get(name);
    expect(raw, `no unguarded ${name}`).toBeDefined();
    const guarded = entry[name] as Fn;
    // A function without parameters has nothing to check and is exported as it is.
    if (calls[name]!().length === 0) expect(guarded).toBe(raw);
    else expect(guarded).not.toBe(raw);
    expect(plain(guarded(...calls[name]!()))).toEqual(plain(raw!(...calls[name]!())));
  });
});

describe('the functions that return functions or promises', () => {
  it('createRedactor: the redactor redacts the same', () => {
    const text = 'key not-a-secret and "not-a-secret" and not%2Da%2Dsecret';
    const guarded = client.createRedactor(['not-a-secret']);
    guarded.add('another-one');
    const raw = redact.createRedactor(['not-a-secret']);
    raw.add('another-one');
    expect(guarded(`${text} another-one`)).toBe(raw(`${text} another-one`));
  });

  it('auditRenderer: the same renderer', async () => {
    expect(await root.auditRenderer('csv')).toBe(await auditRender.auditRenderer('csv'));
  });
});
