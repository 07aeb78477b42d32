/**
 * Library misuse (issue 12, item 13): every exported function of `ramguard`, `ramguard/client`
 * and `ramguard/emulator`, called with generated bad arguments, either returns (bad text gives
 * diagnostics) or throws a RamguardError whose code names the problem — never a raw TypeError,
 * RangeError or Error — and async functions reject instead of throwing.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { PURE_ENTRIES } from './entries.js';
import * as client from '../../src/client/index.js';
import * as emulator from '../../src/emulator/index.js';
import { RAMGUARD_ERROR_CODES, RamguardError } from '../../src/index.js';
import { clientCalls, clientOptions, emulatorCalls, rootCalls } from './fixtures.js';
import { runEntry, type CallRecord, type IsLibraryError } from './misuse-harness.js';

const codes = new Set<string>(RAMGUARD_ERROR_CODES);
const isLibraryError: IsLibraryError = (error): error is { code: string } => error instanceof RamguardError && typeof error.code === 'string';

const all: CallRecord[] = [];

function summary(records: CallRecord[]): { calls: number; raw: CallRecord[]; library: number; returned: number } {
  const raw = records.filter((r) => r.outcome.kind === 'raw');
  return { calls: records.length, raw, library: records.filter((r) => r.outcome.kind === 'ramguard').length, returned: records.filter((r) => r.outcome.kind === 'returned').length };
}

function report(entry: string, records: CallRecord[]): void {
  all.push(...records);
  const { calls, raw } = summary(records);
  const byFunction = new Map<string, number>();
  for (const r of raw) byFunction.set(r.fn, (byFunction.get(r.fn) ?? 0) + 1);
  const lines = raw.slice(0, 40).map((r) => `  ${r.fn} (${r.variant}): ${r.outcome.kind === 'raw' ? r.outcome.error : ''}`);
  expect(raw.length, `${entry}: ${raw.length} of ${calls} calls threw a raw error (${[...byFunction].map(([f, n]) => `${f} ${n}`).join(', ')})\n${lines.join('\n')}`).toBe(0);
}

function expectKnownCodes(records: CallRecord[]): void {
  const unknown = records.flatMap((r) => (r.outcome.kind === 'ramguard' && !codes.has(r.outcome.code) ? [`${r.fn} (${r.variant}): ${r.outcome.code}`] : []));
  expect(unknown).toEqual([]);
}

afterAll(() => {
  const { calls, raw, library, returned } = summary(all);
  console.log(`misuse: ${calls} calls — ${returned} returned, ${library} RamguardError, ${raw.length} raw throws`);
});

it('the three entries export one RamguardError class', () => {
  expect(client.RamguardError).toBe(RamguardError);
  expect(emulator.RamguardError).toBe(RamguardError);
});

describe('every exported function, given bad arguments, returns or throws a RamguardError with a code', () => {
  // A function two entries export (the main entry's `lintPolicy` is also `ramguard/lint`'s) is walked once.
  const walked = new Set<unknown>();
  it.each(Object.keys(PURE_ENTRIES))('the pure entry %s', async (name) => {
    const entry = Object.fromEntries(Object.entries(PURE_ENTRIES[name]!).filter(([, v]) => typeof v !== 'function' || v === RamguardError || !walked.has(v)));
    for (const v of Object.values(entry)) if (typeof v === 'function') walked.add(v);
    // Given every function of the entry (not walked in an earlier one) and a valid call of each
    // When each argument, and each field of an object argument, is replaced by each bad value
    const records = await runEntry(entry, rootCalls(), isLibraryError);
    // Then no call ends in a raw error, and every code is one of the documented codes
    report(name, records);
    expectKnownCodes(records);
  }, 120_000);

  it('the client entry (ramguard/client), including GuardedCamsClient#updateInstance', async () => {
    const updateInstance = (...args: unknown[]) => new client.GuardedCamsClient(clientOptions()).updateInstance(...(args as [Record<string, unknown>]));
    const calls = { ...clientCalls(), 'GuardedCamsClient#updateInstance': () => [{ InstanceId: 'ins-1', InstanceName: 'renamed' }, { dryRun: true, sourceIp: '203.0.113.7' }] };
    const records = await runEntry(client, calls, isLibraryError, { 'GuardedCamsClient#updateInstance': updateInstance });
    report('ramguard/client', records);
    expectKnownCodes(records);
  });

  it('the emulator entry (ramguard/emulator)', async () => {
    const records = await runEntry(emulator, emulatorCalls(), isLibraryError);
    report('ramguard/emulator', records);
    expectKnownCodes(records);
  });
});
