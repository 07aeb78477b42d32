/**
 * Option parsers every command shares: repeatable flags, whole numbers with one rule and one
 * message, `KEY=VALUE` context flags (into a null-prototype object: a key such as `constructor`
 * or `__proto__` is a key like any other), and the `--allow-path` option.
 */
import type { Command } from 'commander';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { usageProblem } from './report.js';

/** commander's accumulator for a repeatable option. */
export const repeatable = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * A whole number from `min` to `max` written in decimal digits only (`1e3`, `0x10`, ` 5` and `5.0`
 * are refused), or undefined after adding a problem that names the option.
 */
export function wholeNumber(text: string, option: string, min: number, max: number, problems: Diagnostic[]): number | undefined {
  const n = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    problems.push(usageProblem(`\`${option}\` takes a whole number from ${min} to ${max}, not \`${text}\``));
    return undefined;
  }
  return n;
}

/** Parses `--context KEY=VALUE` flags; a key given twice gets several values. */
export function parseContextFlags(flags: readonly string[], problems: Diagnostic[]): Record<string, string[]> {
  const context: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq <= 0) {
      problems.push(usageProblem(`\`--context ${flag}\` is not KEY=VALUE`, 'e.g. `--context acs:SourceIp=10.1.2.3`'));
      continue;
    }
    const key = flag.slice(0, eq);
    const values = Object.hasOwn(context, key) ? context[key]! : (context[key] = []);
    values.push(flag.slice(eq + 1));
  }
  return context;
}

/** Adds `--allow-path DIR` (repeatable): where `file:` references inside input files may point. */
export function addAllowPathOption(command: Command): Command {
  return command.option('--allow-path <dir>', 'let `file:` references inside input files read this directory too (default: only the current directory); repeatable', repeatable, []);
}
