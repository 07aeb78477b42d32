/** Date operators over ISO 8601 date-times with a zone (S7), compared as instants. */
import { orderedOperators } from './ordered.js';
import type { ValueFamily } from './spec.js';

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):?(\d{2}))$/;

/**
 * Reads `2019-08-12T17:00:00+08:00` or `2026-01-01T00:00:00Z` into epoch milliseconds; refuses
 * dates without a time or zone and impossible dates (`2026-02-30`). Written by hand because
 * `Date.parse` accepts many non-ISO forms and rolls impossible dates over silently.
 */
export function readIsoDateTime(value: string): number | undefined {
  const m = ISO_DATE_TIME.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  // C10: instants are milliseconds; digits after the third are dropped, not rounded (.9999 is .999).
  const millis = m[7] === undefined ? 0 : Number(m[7].slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return undefined;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return undefined;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const offsetHours = Number(m[9]);
    const offsetMins = Number(m[10]);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    offsetMinutes = (m[8]?.startsWith('-') ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

/** Request values read as instants. */
export const dateFamily: ValueFamily<number> = {
  name: 'date',
  expected: 'an ISO 8601 date-time with a zone, e.g. `2026-01-01T00:00:00Z`',
  read: readIsoDateTime,
};

/** The six date operators. */
export const dateOperators = orderedOperators('Date', dateFamily);
