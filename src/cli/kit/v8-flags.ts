/**
 * How a command sets V8 flags at run time (`ramguard lint`: lint-flags.ts; `ramguard audit`:
 * audit-flags.ts), from main.ts before the command's code loads.
 *
 * Through Node's V8 binding, not node:v8 (issue 15, round 5): node:v8 loads Node's stream modules
 * for its heap snapshots (20 modules, about 3 ms of a short run), which were 1.2 MiB of a lint's
 * peak once nothing else loaded them (kit/spooled-parts.ts: no node:zlib). The binding is reached
 * with `process.binding('v8')`, deprecated (DEP0111: a warning when called, silenced for that one
 * call through `process.noDeprecation`, documented as settable); where it is gone or lacks the
 * function (a later Node), node:v8 sets them (in the CLI bundle node:v8 is loaded when first
 * called: scripts/bundles/cli.mjs).
 */
import { setFlagsFromString } from 'node:v8';

/** The `setFlagsFromString` of Node's V8 binding, when this Node has it; undefined when not. */
export function bindingSetFlags(): ((flags: string) => void) | undefined {
  const quiet = process.noDeprecation;
  try {
    process.noDeprecation = true;
    const binding = (process as unknown as { binding?: (name: string) => unknown }).binding?.('v8') as { setFlagsFromString?: unknown } | undefined;
    const set = binding?.setFlagsFromString;
    return typeof set === 'function' ? (flags) => void set.call(binding, flags) : undefined;
  } catch {
    return undefined;
  } finally {
    process.noDeprecation = quiet;
  }
}

/** Sets `flags` in order through `set`: by default the binding's setter, else node:v8's. */
export function setV8Flags(flags: readonly string[], set: (flag: string) => void = bindingSetFlags() ?? setFlagsFromString): void {
  for (const flag of flags) set(flag);
}
