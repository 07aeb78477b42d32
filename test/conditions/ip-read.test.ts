/**
 * Reading an IPv4 address by hand (src/conditions/ip.ts) must accept exactly dotted decimal
 * without leading zeros, every number at most 255 — the regular expression its comment gives —
 * checked here on a seeded stream of near-valid forms: parts of 0–4 digits, leading zeros, 3 or 5
 * parts, empty parts, stray characters, lengths either side of 7 and 15.
 */
import { describe, expect, it } from 'vitest';
import { readIpAddress, readIpRange } from '../../src/conditions/ip.js';
import { seededRandom } from '../mutation/seeded-random.js';

const DOTTED = /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/;

/** The reference: the documented form, and every number at most 255. */
const reference = (value: string) => DOTTED.test(value) && value.split('.').every((p) => Number(p) <= 255);

describe('reading IPv4 by hand', () => {
  it('accepts exactly the documented form on 20,000 seeded near-valid strings', () => {
    const rand = seededRandom(5);
    const digits = '0125699';
    const part = () => Array.from({ length: rand(8) === 0 ? 4 * rand(2) : 1 + rand(3) }, () => digits[rand(digits.length)]).join('');
    let accepted = 0;
    const wrong: string[] = [];
    for (let k = 0; k < 20_000 && wrong.length < 5; k++) {
      const parts = Array.from({ length: 3 + rand(3) }, part);
      let value = parts.slice(0, rand(4) === 0 ? parts.length : 4).join('.');
      if (rand(10) === 0) value = value.replace(/\d/, 'x/: '[rand(4)]!);
      if (rand(20) === 0) value += '.';
      const read = readIpAddress(value);
      if ((read !== undefined) !== reference(value)) wrong.push(value);
      else if (read) {
        accepted++;
        expect(read).toEqual({ kind: 'ipv4', bytes: value.split('.').map(Number) });
      }
    }
    expect(wrong).toEqual([]);
    expect(accepted).toBeGreaterThan(1_000);
  });

  it('reads the shortest and longest forms and refuses one past them', () => {
    expect(readIpAddress('0.0.0.0')?.bytes).toEqual([0, 0, 0, 0]);
    expect(readIpAddress('255.255.255.255')?.bytes).toEqual([255, 255, 255, 255]);
    expect(readIpAddress('0.0.0.')).toBeUndefined();
    expect(readIpAddress('255.255.255.2555')).toBeUndefined();
    expect(readIpAddress('1.2.3.4.5')).toBeUndefined();
    expect(readIpAddress('256.0.0.1')).toBeUndefined();
    expect(readIpAddress('1.256.0.1')).toBeUndefined();
    expect(readIpAddress('1.0.256.1')).toBeUndefined();
    expect(readIpAddress('1.0.0.256')).toBeUndefined();
    expect(readIpAddress('01.0.0.1')).toBeUndefined();
    expect(readIpAddress('1.0.0.01')).toBeUndefined();
    expect(readIpAddress('10.0.0.1/8')).toBeUndefined();
    expect(readIpRange('10.0.0.1/8')).toEqual([{ kind: 'ipv4', bytes: [10, 0, 0, 1] }, 8]);
  });
});
