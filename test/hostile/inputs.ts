/**
 * What a hostile input is, and the building blocks every family generator shares: a seeded PRNG
 * (the same inputs on every run, so a failure reproduces), the strings an attacker would put in a
 * field, JSON Pointer edits, and writing the inputs into a suite's temporary directory. Inputs are
 * generated at test time: nothing large lives in git.
 */
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { prng } from '../../src/emulator/ram-api/generate-account.js';

/**
 * What the documented contract says about an input. `invalid`: its content is wrong, so every
 * command that reads it exits 2 (lint: 1, an error finding, or 2). `unreadable`: it cannot be read
 * at all (too large, a device, a directory), so every command exits 2, lint included. Undefined:
 * any exit code the command documents (the input may be valid, e.g. a Sid with a bidi character).
 */
export type Verdict = 'invalid' | 'unreadable' | undefined;

/** One generated input: a file (or a path that exists already, such as `/dev/zero`). */
export interface HostileInput {
  /** Unique name, `family/variant`. */
  name: string;
  family: string;
  /** Where the input is, relative to the suite directory (or absolute for `/dev/zero`). */
  file: string;
  /** The bytes to write at `file`; absent for `special` inputs. */
  content?: string | Buffer;
  /** Inputs that are not plain files; `none`: nothing is written (the path exists already, like `/dev/zero`, or must not exist). */
  special?: { kind: 'directory' } | { kind: 'none' } | { kind: 'sparse'; bytes: number } | { kind: 'symlink'; target: string };
  /** Other files this input needs beside it (referenced files, symlinks), relative to the suite directory. */
  companions?: HostileInput[];
  verdict?: Verdict;
  /** A diagnostic code the output must name. */
  code?: string;
  /** Text that must never be printed (the content of a file outside the tree). */
  secret?: string;
  /** A heavy input: runs get the heavy time bound and are measured for memory. */
  heavy?: boolean;
}

/** The emulator's seeded PRNG (mulberry32), so every run generates the same inputs. */
export { prng };

/** `count` distinct offsets in [1, length), evenly spread plus seeded random ones, sorted. */
export function offsets(length: number, count: number, seed: number): number[] {
  const random = prng(seed);
  const set = new Set<number>();
  for (let i = 1; i <= count / 2; i++) set.add(Math.max(1, Math.floor((length * i) / (count / 2 + 1))));
  while (set.size < Math.min(count, length - 1)) set.add(1 + Math.floor(random() * (length - 1)));
  return [...set].sort((a, b) => a - b);
}

/** Keys that would reach Object.prototype if user data were kept in plain objects. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty'] as const;

/** Text that would drive a terminal if printed raw: OSC title + BEL + clear screen, bidi override, C1 CSI, a lone CR. */
export const TERMINAL_PAYLOADS = {
  osc: '\u001b]0;pwned\u0007\u001b[2J',
  bidi: 'safe\u202eetirw\u2066x\u2069',
  c1: 'a\u009b31mred\u0085',
  cr: 'harmless\rEVIL',
} as const;

/** Characters that must never reach the terminal raw (the CLI escapes them). */
export const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

/** Values of the wrong type for a field, each named. */
export const WRONG_TYPES: ReadonlyArray<readonly [string, unknown]> = [
  ['number', 42],
  ['null', null],
  ['boolean', true],
  ['object', { k: 'v' }],
  ['nested-array', [[]]],
];

/** The element of `value` at JSON Pointer `pointer`. */
export function valueAt(value: unknown, pointer: string): unknown {
  if (pointer === '') return value;
  let node = value as Record<string, unknown> | undefined;
  for (const part of pointer.slice(1).split('/')) node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')] as Record<string, unknown> | undefined;
  return node;
}

/** The wrong types for the element at `pointer` of `value`: an object is not wrong where an object is expected (a context, tags). */
export function wrongTypesAt(value: unknown, pointer: string): ReadonlyArray<readonly [string, unknown]> {
  const original = valueAt(value, pointer);
  const isMap = typeof original === 'object' && original !== null && !Array.isArray(original);
  return isMap ? WRONG_TYPES.filter(([type]) => type !== 'object') : WRONG_TYPES;
}

/** A deep copy of `value` with the element at JSON Pointer `pointer` replaced by `replacement` (`''`: the whole value). */
export function replaceAt(value: unknown, pointer: string, replacement: unknown): unknown {
  if (pointer === '') return replacement;
  const copy = structuredClone(value) as Record<string, unknown>;
  const parts = pointer.slice(1).split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  Object.defineProperty(node, parts.at(-1)!, { value: replacement, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A JSON object text with `key` set (JSON.stringify would drop or misplace `__proto__` given as a property). */
export function withKey(json: string, key: string, valueJson: string): string {
  return json.replace(/^\s*\{/, `{${JSON.stringify(key)}: ${valueJson}, `);
}

/** A short name for a JSON Pointer in an input name. */
export const pointerName = (pointer: string) => (pointer === '' ? 'root' : pointer.slice(1).replace(/[/:]/g, '.'));

/** Writes every input (and its companions, each once) under `dir`; `none` inputs (`/dev/zero`, a missing file) are left alone. */
export function materialize(dir: string, inputs: readonly HostileInput[]): void {
  const all = new Map<string, HostileInput>();
  for (const input of inputs) for (const each of [...(input.companions ?? []), input]) if (!all.has(each.file)) all.set(each.file, each);
  for (const input of all.values()) {
    if (input.special?.kind === 'none') continue;
    const path = join(dir, input.file);
    mkdirSync(dirname(path), { recursive: true });
    if (input.special?.kind === 'directory') mkdirSync(path, { recursive: true });
    else if (input.special?.kind === 'symlink') symlinkSync(input.special.target, path);
    else if (input.special?.kind === 'sparse') {
      // A size check refuses it before one byte is read; a sparse file costs no disk.
      writeFileSync(path, '');
      truncateSync(path, input.special.bytes);
    } else writeFileSync(path, input.content ?? '');
  }
}

/** Input names must be unique: a duplicate would overwrite another input's file. */
export function assertUnique(inputs: readonly HostileInput[]): void {
  const seen = new Set<string>();
  for (const input of inputs) {
    if (seen.has(input.name)) throw new Error(`duplicate hostile input name ${input.name}`);
    seen.add(input.name);
  }
}
