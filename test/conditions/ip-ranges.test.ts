/**
 * `IpAddress` clauses of more than eight blocks: the blocks become sorted, merged address ranges
 * per family, searched by bisection (src/conditions/ip.ts). Such a clause must answer exactly what
 * its blocks answer one by one — at every block's edges (its first and last address, and the
 * addresses just outside), for nested, overlapping, adjacent and separate blocks, IPv4 and IPv6.
 * The addresses are computed here from the blocks' text, independently of ip.ts.
 */
import { describe, expect, it } from 'vitest';
import { operatorSpec } from '../../src/conditions/operators.js';
import type { IpBytes } from '../../src/conditions/ip.js';

const spec = operatorSpec('IpAddress')!;
const read = (address: string) => spec.family.read(address) as IpBytes;

/** Bytes of an address written in full (IPv4 dotted, or IPv6 as 8 groups). */
function bytesOf(address: string): number[] {
  if (address.includes('.')) return address.split('.').map(Number);
  return address.split(':').flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]);
}

function textOf(bytes: number[]): string {
  if (bytes.length === 4) return bytes.join('.');
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(':');
}

/** `bytes` plus `delta` (±1), wrapping at the family's ends; undefined past them. */
function step(bytes: number[], delta: 1 | -1): number[] | undefined {
  const out = bytes.slice();
  for (let i = out.length - 1; i >= 0; i--) {
    const v = out[i]! + delta;
    if (v >= 0 && v <= 255) {
      out[i] = v;
      return out;
    }
    out[i] = delta > 0 ? 0 : 255;
  }
  return undefined;
}

/** The first and last address of a block written `address/prefix` in full. */
function edges(block: string): [number[], number[]] {
  const [address, prefixText] = block.split('/');
  const bytes = bytesOf(address!);
  const prefix = prefixText === undefined ? bytes.length * 8 : Number(prefixText);
  const first = bytes.slice();
  const last = bytes.slice();
  for (let bit = prefix; bit < bytes.length * 8; bit++) {
    first[bit >> 3]! &= ~(0x80 >> (bit & 7));
    last[bit >> 3]! |= 0x80 >> (bit & 7);
  }
  return [first, last];
}

/** Every block's first and last address, and the addresses one before and one after each. */
function probes(blocks: string[]): string[] {
  const out = new Set<string>();
  for (const block of blocks) {
    const [first, last] = edges(block);
    for (const b of [first, last, step(first, -1), step(first, 1), step(last, -1), step(last, 1)]) if (b) out.add(textOf(b));
  }
  return [...out];
}

/** Clauses of 9–12 blocks (past the eight a clause is scanned up to), in no particular order. */
const CLAUSES: Record<string, string[]> = {
  'separate IPv4 blocks': ['10.0.0.0/8', '192.168.1.0/24', '172.16.0.5', '1.2.3.4/31', '100.64.0.0/10', '203.0.113.128/25', '8.8.8.8', '9.9.9.0/30', '250.0.0.0/7'],
  'nested and overlapping blocks': ['10.0.0.0/8', '10.1.0.0/16', '10.1.2.3', '10.1.2.128/25', '10.0.0.0/9', '10.128.0.0/9', '10.200.0.0/13', '10.255.255.255', '11.0.0.0/8'],
  'adjacent blocks that merge into one range': ['192.168.0.0/24', '192.168.1.0/24', '192.168.2.0/23', '192.168.4.0/22', '192.168.8.0/21', '192.168.16.0/20', '192.168.32.0/19', '192.168.64.0/18', '192.168.128.0/17'],
  'the ends of the address space': ['0.0.0.0', '255.255.255.255', '0.0.0.1/32', '255.255.255.254/31', '128.0.0.0/1', '127.255.255.255', '64.0.0.0/3', '0.0.0.0/5', '200.0.0.0/6'],
  'IPv6 and IPv4 together': ['2001:db8:0:0:0:0:0:0/32', '0:0:0:0:0:0:0:1', 'fe80:0:0:0:0:0:0:0/10', '2001:db8:0:0:0:0:0:1', '2001:db9:0:0:0:0:0:0/48', '10.0.0.0/8', '192.168.1.1', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '0:0:0:0:0:0:0:0/127', '2001:db8:8000:0:0:0:0:0/33', '172.16.0.0/12', '0:0:0:0:0:ffff:0:0/96'],
};

describe('IpAddress clauses of more than eight blocks', () => {
  for (const [name, blocks] of Object.entries(CLAUSES)) {
    it(`answer as their blocks one by one: ${name}`, () => {
      // Given the clause as a whole and each block alone
      const set = spec.compileValues(blocks)!;
      const one = blocks.map((b) => spec.compileValue(b)!);
      const addresses = probes(Object.values(CLAUSES).flat()).map(read);
      expect(addresses.length).toBeGreaterThan(150);
      // Then each address matches the clause exactly when it matches one of its blocks
      let matched = 0;
      for (const a of addresses) {
        const expected = one.some((p) => p(a));
        expect(set.matchesAny(a), textOf(a.bytes)).toBe(expected);
        if (expected) matched++;
      }
      expect(matched).toBeGreaterThan(blocks.length);
      // And the trace's per-block answer is the same for one address at a time and for all together
      for (const a of addresses) expect(set.matchedBy([a]), textOf(a.bytes)).toEqual(one.map((p) => p(a)));
      for (let i = 0; i + 5 <= addresses.length; i += 5) {
        const some = addresses.slice(i, i + 5).reverse();
        expect(set.matchedBy(some)).toEqual(one.map((p) => some.some((r) => p(r))));
      }
    });
  }

  it('match the edges of a block and not one address past them', () => {
    // Given nine separate blocks, one of them 192.168.4.0/22
    const set = spec.compileValues(CLAUSES['separate IPv4 blocks']!.map((b) => (b === '192.168.1.0/24' ? '192.168.4.0/22' : b)))!;
    // Then
    expect(set.matchesAny(read('192.168.4.0'))).toBe(true);
    expect(set.matchesAny(read('192.168.7.255'))).toBe(true);
    expect(set.matchesAny(read('192.168.3.255'))).toBe(false);
    expect(set.matchesAny(read('192.168.8.0'))).toBe(false);
    expect(set.matchesAny(read('1.2.3.5'))).toBe(true); // 1.2.3.4/31
    expect(set.matchesAny(read('1.2.3.6'))).toBe(false);
    expect(set.matchesAny(read('0.0.0.0'))).toBe(false); // below every block
    expect(set.matchesAny(read('251.255.255.255'))).toBe(true); // the last address of 250.0.0.0/7
    expect(set.matchesAny(read('252.0.0.0'))).toBe(false); // above every block
  });

  it('never match an address of the other family', () => {
    // Given nine IPv4 blocks that cover every IPv4 address
    const set = spec.compileValues(['0.0.0.0/1', '128.0.0.0/1', '10.0.0.0/8', '1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4', '5.5.5.5', '6.6.6.6'])!;
    // Then no IPv6 address matches, and the trace names no block for one
    expect(set.matchesAny(read('::'))).toBe(false);
    expect(set.matchesAny(read('::ffff:10.0.0.1'))).toBe(false);
    expect(set.matchedBy([read('::1')])).toEqual(Array(9).fill(false));
    expect(set.matchesAny(read('10.0.0.1'))).toBe(true);
  });

  it('give the trace one answer per block, in the order written, duplicates included', () => {
    const blocks = ['10.0.0.0/8', '10.0.0.0/8', '192.168.0.0/16', '10.1.0.0/16', '1.1.1.1', '2.2.2.2', '3.3.3.3', '4.4.4.4', '2001:db8::/32'];
    const set = spec.compileValues(blocks)!;
    expect(set.matchedBy([read('10.1.2.3')])).toEqual([true, true, false, true, false, false, false, false, false]);
    expect(set.matchedBy([read('2001:db8::5'), read('4.4.4.4')])).toEqual([false, false, false, false, false, false, false, true, true]);
    expect(set.matchedBy([])).toEqual(Array(9).fill(false));
  });
});
