/**
 * Reads a YAML corpus file through a JSON cache keyed by the file's content. The conformance
 * runners parse their whole corpus when they are collected, before any test is picked by name:
 * in a fresh worker (as every mutant of `npm run mutate` gets) the YAML parser runs cold, ~1.5 s
 * for test/cases/evaluate, which was most of the time of a mutant covered by a conformance case.
 * `JSON.parse` of the same data takes milliseconds. The cache holds exactly what the YAML parser
 * returned for that text (the key is the SHA-1 of the text), so no test sees anything else.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

// One directory per user: a cache another user could write to is not a cache to read from.
const CACHE_DIR = join(tmpdir(), `ramguard-test-yaml-cache-${process.getuid?.() ?? 'user'}`);

/** The value of the YAML file at `path`, as `parse` from the `yaml` package gives it. */
export function readYaml(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  const cached = join(CACHE_DIR, `${createHash('sha1').update(text).digest('hex')}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8'));
  } catch {
    // Not cached yet (or unreadable): parse, and write by rename so that a parallel worker never
    // reads half a file.
  }
  const value: unknown = parse(text);
  const json = JSON.stringify(value);
  // Only data that survives JSON unchanged may be cached (no dates, no undefined, no -0).
  if (!sameData(JSON.parse(json), value)) return value;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}`;
    writeFileSync(partial, json);
    renameSync(partial, cached);
  } catch {
    // A cache that cannot be written only costs time.
  }
  return value;
}

function sameData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(b) !== Object.getPrototypeOf(a)) return false;
  const keys = Object.keys(b);
  if (keys.length !== Object.keys(a).length) return false;
  return keys.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
