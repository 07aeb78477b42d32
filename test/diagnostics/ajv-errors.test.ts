/** ajv errors become sentences; a keyword without its own sentence still gets a readable one. */
import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { translateAjvError } from '../../src/diagnostics/ajv-errors.js';
import { formatDiagnostic } from '../../src/index.js';

const error = (keyword: string, instancePath: string, params: Record<string, unknown>, data?: unknown): ErrorObject => ({ keyword, instancePath, schemaPath: '#', params, data });

describe('translateAjvError', () => {
  it.each([
    [error('required', '', { missingProperty: 'request' }), 'missing-element', 'the scenario is missing `request`'],
    [error('type', '/request/action', { type: 'string' }, 5), 'wrong-type', '`action` must be a string, not a number'],
    [error('minItems', '/absent', { limit: 1 }, []), 'empty-array', '`absent` must have at least one item'],
    [error('pattern', '/request/action', { pattern: 'x' }, 'y'), 'invalid-element', '`action` is not valid here'],
  ])('%# gives %s', (e, code, message) => {
    const d = translateAjvError(e, 'scenario');
    expect([d.code, d.message]).toEqual([code, message]);
  });

  it('formats a placed diagnostic on one line with its help', () => {
    const line = formatDiagnostic({ code: 'wrong-type', severity: 'error', message: 'bad `thing`', file: 'a.json', range: { line: 2, column: 3, endLine: 2, endColumn: 5 }, path: '/a', help: 'fix it' });
    expect(line).toBe('a.json:2:3: error[wrong-type]: bad `thing` (at /a)\n  help: fix it');
  });
});
