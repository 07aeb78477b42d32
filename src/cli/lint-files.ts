/** Which files `ramguard lint` reads: paths, directories (recursively), globs, `-`; and the config file. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';

const POLICY_FILE = /\.(json|ya?ml)$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', '.terraform']);

/** A file to lint: its path, and whether the user named it (explicit) or a walk found it. */
export interface LintTarget {
  path: string;
  explicit: boolean;
}

/**
 * Collects the policy files under `dir` (shown relative to how `dir` was given; `cwd` resolves
 * it). Symbolic links are not followed — neither to files (a link to /etc/shadow in a pull
 * request reads nothing) nor to directories (no loops). Unreadable directories are skipped.
 */
function walk(dir: string, out: string[], cwd: string): void {
  let entries;
  try {
    entries = readdirSync(resolve(cwd, dir), { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(join(dir, entry.name), out, cwd);
    } else if (entry.isFile() && POLICY_FILE.test(entry.name)) {
      out.push(join(dir, entry.name));
    }
  }
}

/** Expands the command-line paths; a path that does not exist is returned in `missing`. */
export function expandTargets(args: string[], cwd: string): { targets: LintTarget[]; missing: string[] } {
  const targets: LintTarget[] = [];
  const missing: string[] = [];
  for (const arg of args.length === 0 ? ['.'] : args) {
    if (arg === '-') {
      targets.push({ path: '-', explicit: true });
    } else if (/[*?[{]/.test(arg) && !existsSync(resolve(cwd, arg))) {
      const all: string[] = [];
      walk(cwd, all, cwd);
      const matched = all.filter((f) => minimatch(toPosix(relative(cwd, f)), arg, { dot: true }));
      if (matched.length === 0) missing.push(arg);
      for (const item of matched.map((path) => ({ path: relative(cwd, path) || path, explicit: true }))) targets.push(item);
    } else if (!existsSync(resolve(cwd, arg))) {
      missing.push(arg);
    } else if (statSync(resolve(cwd, arg)).isDirectory()) {
      const found: string[] = [];
      walk(arg, found, cwd);
      for (const item of found.sort().map((path) => ({ path, explicit: false }))) targets.push(item);
    } else {
      targets.push({ path: arg, explicit: true });
    }
  }
  return { targets, missing };
}

/** `a\\b` → `a/b`, for globs and SARIF URIs. */
export function toPosix(path: string): string {
  return path.split(sep).join('/');
}

/** The nearest `.ramguard.yaml` from `cwd` upwards, if any. */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    const candidate = join(dir, '.ramguard.yaml');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
