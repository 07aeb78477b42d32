/**
 * Fitting text to a width: a table whose columns shrink (cells cut with `…`) until a line fits,
 * lines wrapped at spaces under an indent, and instance ids as ranges (`cams-00001..00004`). The
 * width is the caller's (the CLI passes the terminal's, or 120): nothing here reads the terminal.
 */

/** The width a table keeps within when the caller gives none. */
export const DEFAULT_WIDTH = 120;
/** Narrower than this, columns are not shrunk further: the line overflows rather than say nothing. */
const MIN_COLUMN = 8;
const GAP = '  ';

/** A column: its heading, and whether it may be cut to fit (fixed columns never are). */
export interface Column {
  head: string;
  flexible: boolean;
}

/** `text` cut to `width` characters, the last one `…` when cut. */
export function cut(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, Math.max(0, width - 1))}…`;
}

/** The widths of flexible columns shrunk, widest first, until the line fits `width` (water-filling). */
function fitWidths(natural: number[], columns: Column[], width: number): number[] {
  const gaps = GAP.length * (columns.length - 1);
  const total = natural.reduce((a, b) => a + b, gaps);
  if (total <= width) return natural;
  const fixed = natural.reduce((a, w, i) => a + (columns[i]!.flexible ? 0 : w), gaps);
  const room = width - fixed;
  const floor = (i: number) => Math.min(natural[i]!, Math.max(MIN_COLUMN, columns[i]!.head.length));
  const capped = (cap: number) => natural.map((w, i) => (columns[i]!.flexible ? Math.max(floor(i), Math.min(w, cap)) : w));
  const flexSum = (ws: number[]) => ws.reduce((a, w, i) => a + (columns[i]!.flexible ? w : 0), 0);
  // The largest cap whose flexible columns fit the room.
  let low = 0;
  let high = Math.max(...natural);
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (flexSum(capped(mid)) <= room) low = mid;
    else high = mid - 1;
  }
  return capped(low);
}

/** Rows as aligned columns within `width`: cells cut with `…` where their column was shrunk. */
export function layoutTable(columns: Column[], rows: string[][], width: number): string[] {
  const natural = columns.map((c, i) => Math.max(c.head.length, ...rows.map((r) => r[i]!.length)));
  const widths = fitWidths(natural, columns, width);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? cut(c, widths[i]!) : cut(c, widths[i]!).padEnd(widths[i]!)))
      .join(GAP)
      .trimEnd();
  return [line(columns.map((c) => c.head)), ...rows.map(line)];
}

/** `text` as lines of at most `width` characters, broken at spaces; lines after the first indented by `indent` more. */
export function wrap(text: string, width: number, indent: string, more = '    '): string[] {
  const lines: string[] = [];
  let current = indent;
  for (const word of text.split(' ')) {
    const fresh = current.trim() === '';
    if (!fresh && current.length + 1 + word.length > width) {
      lines.push(current);
      current = `${indent}${more}${word}`;
      continue;
    }
    current = fresh ? `${current}${word}` : `${current} ${word}`;
  }
  lines.push(current);
  return lines;
}

/** `ins-2` before `ins-10` (one collator: `localeCompare` with options builds one per call). */
const NATURAL = new Intl.Collator('en', { numeric: true });

/** Ids sorted naturally, runs of three or more consecutive numbers as `prefix-0001..0004`. */
export function idRanges(ids: readonly string[]): string[] {
  const sorted = [...ids].sort(NATURAL.compare);
  const parts = sorted.map((id) => {
    const m = /^(.*?)(\d+)$/.exec(id);
    return m ? { id, prefix: m[1]!, digits: m[2]!, n: Number(m[2]) } : { id, prefix: undefined, digits: '', n: NaN };
  });
  const out: string[] = [];
  for (let i = 0; i < parts.length; ) {
    let j = i;
    const p = parts[i]!;
    while (j + 1 < parts.length && p.prefix !== undefined && parts[j + 1]!.prefix === p.prefix && parts[j + 1]!.digits.length === p.digits.length && parts[j + 1]!.n === parts[j]!.n + 1) j++;
    if (j - i >= 2) out.push(`${p.id}..${parts[j]!.digits}`);
    else for (let k = i; k <= j; k++) out.push(parts[k]!.id);
    i = j + 1;
  }
  return out;
}
