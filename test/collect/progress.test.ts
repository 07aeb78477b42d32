/** The progress text of a collection: a bar for a terminal, sparse lines for a log. */
import { describe, expect, it } from 'vitest';
import { progressBar, progressLines } from '../../src/collect/progress.js';

describe('progress text', () => {
  it('draws a bar with the counts', () => {
    expect(progressBar({ phase: 'details', done: 50, total: 200, calls: 1234, retries: 5 }, 8)).toBe('collect details         [##------] 50/200 · 1,234 calls · 5 retries');
  });
  it('prints plain lines only at a phase start, at the first state past each quarter, and at the end', () => {
    const next = progressLines();
    const lines = [0, 1, 2, 24, 25, 26, 50, 99, 100].map((done) => next({ phase: 'details', done, total: 100, calls: done, retries: 0 })).filter((l) => l !== undefined);
    expect(lines).toEqual(['collect: details: 100 to read', 'collect: details: 25/100 (25 calls, 0 retries)', 'collect: details: 50/100 (50 calls, 0 retries)', 'collect: details: 99/100 (99 calls, 0 retries)', 'collect: details: 100/100 (100 calls, 0 retries)']);
  });
});
