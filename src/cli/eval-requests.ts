/**
 * The requests file of `ramguard eval --requests FILE`: JSON Lines (one request object a line) or
 * a YAML (or JSON) list of request objects. Each request is checked field by field; a problem
 * names the request's line. Bounded: MAX_REQUEST_FILE_BYTES read at most, MAX_REQUESTS requests.
 */
import { READ_LIMITS } from './kit/limits.js';
import type { Diagnostic, SourceRange } from '../diagnostics/diagnostic.js';
import { parseSource } from '../parse/source.js';
import { PRINCIPAL_TYPES, type PrincipalType } from '../request/types.js';
import { EXPECTATIONS, type Expectation } from './exit-codes.js';

/** Requests one file may hold: a CI suite is hundreds; a hundred thousand is a wrong file. */
export const MAX_REQUESTS = 100_000;
/** Bytes of a requests file read at most (about 640 bytes a request at the cap). */
export const MAX_REQUEST_FILE_BYTES = READ_LIMITS.requests;

/** One request of the file, as written (context values are strings). */
export interface BatchRequest {
  /** Position in the file, from 1. */
  index: number;
  /** Line of the request in the file, from 1. */
  line: number;
  action: string;
  resource: string;
  principal?: { type?: PrincipalType; arn?: string };
  context?: Record<string, string | string[]>;
  absent?: string[];
  resourceGroup?: string;
  expect?: Expectation;
}

const FIELDS = new Set(['action', 'resource', 'principal', 'context', 'absent', 'resourceGroup', 'expect']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Checks one request object; problems go to `problems` (with `at`'s file, line and path prefix). */
function checkRequest(value: unknown, index: number, line: number, at: (field: string) => Pick<Diagnostic, 'file' | 'range' | 'path'>, problems: Diagnostic[]): BatchRequest | undefined {
  const bad = (code: 'invalid-element' | 'invalid-value', field: string, message: string, help?: string) => {
    problems.push({ code, severity: 'error', message: `request ${index}: ${message}`, ...at(field), ...(help !== undefined ? { help } : {}) });
  };
  if (!isObject(value)) {
    bad('invalid-value', '', 'is not an object', 'write `{"action": "cams:UpdateInstance", "resource": "acs:cams:…", "expect": "allow"}`');
    return undefined;
  }
  const before = problems.length;
  for (const field of Object.keys(value)) if (!FIELDS.has(field)) bad('invalid-element', field, `\`${field}\` is not a request field`, `the fields are ${[...FIELDS].join(', ')}`);
  for (const field of ['action', 'resource'] as const) {
    if (value[field] === undefined) bad('invalid-element', '', `\`${field}\` is missing`);
    else if (typeof value[field] !== 'string' || value[field] === '') bad('invalid-value', field, `\`${field}\` is not a non-empty string`);
  }
  const principal = value.principal;
  if (principal !== undefined) {
    if (!isObject(principal)) bad('invalid-value', 'principal', '`principal` is not an object with `type` and `arn`');
    else {
      for (const field of Object.keys(principal)) if (field !== 'type' && field !== 'arn') bad('invalid-element', `principal/${field}`, `\`principal.${field}\` is not a principal field`, 'the fields are type, arn');
      if (principal.type !== undefined && !PRINCIPAL_TYPES.includes(principal.type as PrincipalType)) bad('invalid-value', 'principal/type', `\`principal.type\` is not one of ${PRINCIPAL_TYPES.join(', ')}`);
      if (principal.arn !== undefined && typeof principal.arn !== 'string') bad('invalid-value', 'principal/arn', '`principal.arn` is not a string');
    }
  }
  const context = value.context;
  if (context !== undefined) {
    if (!isObject(context)) bad('invalid-value', 'context', '`context` is not an object of keys and values');
    else for (const [key, v] of Object.entries(context)) if (typeof v !== 'string' && !isStrings(v)) bad('invalid-value', `context/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, `the value of \`${key}\` is not a string or a list of strings`, 'quote numbers and booleans: `"true"`');
  }
  if (value.absent !== undefined && !isStrings(value.absent)) bad('invalid-value', 'absent', '`absent` is not a list of key names');
  if (value.resourceGroup !== undefined && typeof value.resourceGroup !== 'string') bad('invalid-value', 'resourceGroup', '`resourceGroup` is not a string');
  if (value.expect !== undefined && !EXPECTATIONS.includes(value.expect as Expectation)) bad('invalid-value', 'expect', `\`expect\` is not one of ${EXPECTATIONS.join(', ')}`);
  if (problems.length > before) return undefined;
  // User-keyed context: a null-prototype object, so `__proto__` is a key like any other.
  const ownContext = context === undefined ? undefined : Object.assign(Object.create(null) as Record<string, string | string[]>, context);
  return {
    index,
    line,
    action: value.action as string,
    resource: value.resource as string,
    ...(principal !== undefined ? { principal: principal as BatchRequest['principal'] & object } : {}),
    ...(ownContext !== undefined ? { context: ownContext } : {}),
    ...(value.absent !== undefined ? { absent: value.absent as string[] } : {}),
    ...(value.resourceGroup !== undefined ? { resourceGroup: value.resourceGroup as string } : {}),
    ...(value.expect !== undefined ? { expect: value.expect as Expectation } : {}),
  };
}

const tooMany = (file: string, count: string): Diagnostic => ({
  code: 'too-many-requests',
  severity: 'error',
  message: `\`${file}\` holds ${count} requests, more than the ${MAX_REQUESTS} ramguard evaluates in one run`,
  file,
  path: '',
  help: 'split the file',
});

/** True when the text is JSON Lines: its first line that is not blank starts an object. */
function isJsonLines(text: string): boolean {
  const first = /^[ \t\r\n]*(\S)/.exec(text);
  return first?.[1] === '{';
}

/**
 * Reads every request of `text`. Every problem of every request is reported; the caller runs
 * none of them when there is any (a suite with a broken line is not a passing suite).
 */
export function parseRequests(source: string, file: string): { requests: BatchRequest[]; diagnostics: Diagnostic[] } {
  const text = source.startsWith('\uFEFF') ? source.slice(1) : source; // an editor's byte order mark is not the first request
  const requests: BatchRequest[] = [];
  const diagnostics: Diagnostic[] = [];
  if (isJsonLines(text)) {
    const lines = text.split('\n');
    const count = lines.filter((l) => l.trim() !== '').length;
    if (count > MAX_REQUESTS) return { requests, diagnostics: [tooMany(file, String(count))] };
    let index = 0;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i]!.trim() === '') continue;
      index++;
      const line = i + 1;
      const parsed = parseSource(lines[i]!, file);
      // Positions inside a one-line parse are on line 1: move them to the file's line.
      const shift = (range?: SourceRange): SourceRange | undefined => (range ? { ...range, line, endLine: line } : undefined);
      for (const d of parsed.diagnostics) diagnostics.push({ ...d, message: `request ${index}: ${d.message}`, ...(d.range ? { range: shift(d.range)! } : {}), path: `/${index - 1}${d.path}` });
      if (parsed.diagnostics.some((d) => d.severity === 'error')) continue;
      const at = (field: string) => {
        const range = shift(parsed.locate(field === '' ? '' : `/${field}`)) ?? { line, column: 1, endLine: line, endColumn: lines[i]!.length + 1 };
        return { file, range, path: `/${index - 1}${field === '' ? '' : `/${field}`}` };
      };
      const request = checkRequest(parsed.value, index, line, at, diagnostics);
      if (request) requests.push(request);
    }
    return { requests, diagnostics };
  }
  const parsed = parseSource(text, file, { maxCharacters: MAX_REQUEST_FILE_BYTES });
  if (parsed.diagnostics.length > 0) return { requests, diagnostics: parsed.diagnostics };
  if (parsed.value === null || parsed.value === undefined) return { requests, diagnostics }; // an empty file: no request
  if (!Array.isArray(parsed.value)) {
    return { requests, diagnostics: [{ code: 'invalid-value', severity: 'error', message: `\`${file}\` is neither JSON Lines nor a list of requests`, file, path: '', help: 'write one JSON object a line, or a YAML list (`- action: …`)' }] };
  }
  if (parsed.value.length > MAX_REQUESTS) return { requests, diagnostics: [tooMany(file, String(parsed.value.length))] };
  parsed.value.forEach((value, i) => {
    const here = parsed.locate(`/${i}`);
    const at = (field: string) => {
      const pointer = `/${i}${field === '' ? '' : `/${field}`}`;
      const range = parsed.locate(pointer) ?? here;
      return { file, ...(range ? { range } : {}), path: pointer };
    };
    const request = checkRequest(value, i + 1, here?.line ?? 0, at, diagnostics);
    if (request) requests.push(request);
  });
  return { requests, diagnostics };
}
