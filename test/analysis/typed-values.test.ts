/**
 * Candidate request values for the typed families (src/analysis/typed-values.ts), called directly:
 * neighbouring doubles, decimals and dates written so the evaluator reads back exactly the value
 * meant (past the ranges where the plain forms work), and one IP address per region of nested and
 * covering CIDR blocks (issue 17).
 */
import { describe, expect, it } from 'vitest';
import { readIsoDateTime } from '../../src/conditions/date.js';
import { readDecimal } from '../../src/conditions/numeric.js';
import { BOOL_CANDIDATES, DATE_MAX, DATE_MIN, dateCandidates, formatDate, formatDecimal, ipCandidates, nextDown, nextUp, numericCandidates } from '../../src/analysis/typed-values.js';

describe('neighbouring doubles', () => {
  it('step one unit in the last place, across zero and to the infinities', () => {
    expect(nextUp(0)).toBe(Number.MIN_VALUE);
    expect(nextUp(1)).toBe(1 + Number.EPSILON);
    expect(nextUp(-1)).toBe(-1 + Number.EPSILON / 2);
    expect(nextUp(-Infinity)).toBe(-Number.MAX_VALUE);
    expect(nextUp(Number.MAX_VALUE)).toBe(Infinity);
    expect(nextUp(Infinity)).toBe(Infinity);
    expect(nextUp(Number.NaN)).toBeNaN();
    expect(nextUp(-Number.MIN_VALUE)).toBe(-0);
    expect(nextDown(1)).toBe(1 - Number.EPSILON / 2);
    expect(nextDown(0)).toBe(-Number.MIN_VALUE);
  });
});

describe('decimals the evaluator reads back exactly', () => {
  it('are the plain form when it reads back, else fixed digits, else the exact expansion', () => {
    expect(['-2.5', '0.1'].map((t) => formatDecimal(Number(t)))).toEqual(['-2.5', '0.1']);
    expect(formatDecimal(1e-7)).toBe('0.0000001');
    expect(formatDecimal(1e21)).toBe('1000000000000000000000');
    expect(formatDecimal(Infinity)).toBe(`1${'0'.repeat(309)}`);
    expect(formatDecimal(-Infinity)).toBe(`-1${'0'.repeat(309)}`);
    const tiny = formatDecimal(5e-324);
    expect(tiny).toMatch(/^0\.0{323}4940656458412465441765687928682213723650598026143247644255856825006755072702087518652998363616359923797965646954457177309266567103559397963987747960107818781263007131903114045278458171678489821036887186360569987307230500063874091535649843873124733972731696151400317153853980741262385655911710266585566867681870395603106249319452715914924553293054565444011274801297099995419319894090804165633245247571478690147267801593552386115501348035264934720193790268107107491703332226844753335720832431936092382893458368060106011506169809753078342277318329247904982524730776375927247874656084778203734469699533647017972677717585125660551199131504891101451037862738167250955837389733598993664809941164205702637090279242767544565229087538682506419718265533447265625$/);
    expect(formatDecimal(-5e-324)).toBe(`-${tiny}`);
    for (const x of [5e-324, -5e-324, 3 * 5e-324, 2 ** -1022, 1e21, 1.5e300, -1e-300, 123456789012345680000, 0.30000000000000004, nextUp(1e21)]) expect(readDecimal(formatDecimal(x)), String(x)).toBe(x);
  });

  it('make each bound and its neighbours candidates, once each, or 0 when there is no bound', () => {
    expect(numericCandidates([])).toEqual(['0']);
    expect(numericCandidates([1, 1])).toEqual(['1', '1.0000000000000002', '0.9999999999999999']);
    expect(numericCandidates([Number.NaN])).toEqual([]);
  });
});

describe('dates the evaluator reads back exactly', () => {
  it('are written in UTC inside years 0100–9999, and with a ±23:59 offset at the readable ends', () => {
    expect(formatDate(Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:00:00.000Z');
    expect(formatDate(DATE_MIN)).toBe('0100-01-01T00:00:00.000+23:59');
    expect(formatDate(DATE_MAX)).toBe('9999-12-31T23:59:59.999-23:59');
    expect(readIsoDateTime(formatDate(DATE_MIN))).toBe(DATE_MIN);
    expect(readIsoDateTime(formatDate(DATE_MAX))).toBe(DATE_MAX);
    expect(readIsoDateTime(formatDate(Date.UTC(100, 0, 1)))).toBe(Date.UTC(100, 0, 1));
    expect(readIsoDateTime(formatDate(Date.UTC(9999, 11, 31, 23, 59, 59, 999)))).toBe(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
  });

  it('make each bound and the milliseconds next to it candidates, inside the readable range only', () => {
    expect(dateCandidates([])).toEqual(['2026-01-01T00:00:00.000Z']);
    expect(dateCandidates([Date.UTC(2026, 0, 1), DATE_MIN, DATE_MAX, DATE_MAX + 5])).toEqual([
      '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.001Z', '2025-12-31T23:59:59.999Z',
      '0100-01-01T00:00:00.000+23:59', '0100-01-01T00:00:00.001+23:59',
      '9999-12-31T23:59:59.999-23:59', '9999-12-31T23:59:59.998-23:59',
    ]);
    expect(BOOL_CANDIDATES).toEqual(['true', 'false']);
  });
});

describe('IP candidates', () => {
  it('give one address outside every block per family, and one per block outside its sub-blocks', () => {
    expect(ipCandidates([])).toEqual(['0.0.0.0', '::']);
    expect(ipCandidates(['10.0.0.0/8'])).toEqual(['0.0.0.0', '10.0.0.0', '::']);
    expect(ipCandidates(['10.0.0.0/8', '10.0.0.0/16', '2001:db8::/32', 'bad', '0.0.0.0/0'])).toEqual(['0.0.0.0', '10.1.0.0', '10.0.0.0', '::', '2001:db8::']);
    // a block covered by its sub-blocks has no address of its own
    expect(ipCandidates(['10.0.0.0/9', '10.128.0.0/9', '10.0.0.0/8'])).toEqual(['0.0.0.0', '10.0.0.0', '10.128.0.0', '::']);
    // the same block twice, and an address as a /32
    expect(ipCandidates(['192.168.1.7', '192.168.1.7/32', '::1'])).toEqual(['0.0.0.0', '192.168.1.7', '::', '::1']);
  });
});
