/**
 * The characters whose lower case is a given text (src/analysis/case-fold.ts), which the region
 * search uses for the case-insensitive operators: every one, past the BMP too, and the text itself
 * first when it is one lower-case character (issue 17).
 */
import { describe, expect, it } from 'vitest';
import { lowerCasePreimages, lowerCaseTable } from '../../src/analysis/case-fold.js';

describe('lower-case preimages', () => {
  it('are the text itself first, then every character that lower-cases to it', () => {
    expect(lowerCasePreimages('k')).toEqual(['k', 'K', '\u212a']); // the Kelvin sign
    expect(lowerCasePreimages('a')).toEqual(['a', 'A']);
    expect(lowerCasePreimages('\u{10428}')).toEqual(['\u{10428}', '\u{10400}']); // Deseret, past the BMP
    expect(lowerCasePreimages('i\u0307')).toEqual(['\u0130']); // İ lower-cases to two code points
  });

  it('leave out the text when it is not lower-case or not one character, and characters that lower-case to themselves', () => {
    expect(lowerCasePreimages('K')).toEqual([]);
    expect(lowerCasePreimages('ab')).toEqual([]);
    expect(lowerCasePreimages('1')).toEqual(['1']);
    expect(lowerCasePreimages('')).toEqual([]);
    // no lone surrogate is ever a preimage
    expect(lowerCasePreimages('\ud800')).toEqual(['\ud800']);
  });

  it('give every preimage exactly once, each one code point whose lower case is the text', () => {
    for (const text of ['k', 's', 'i', 'ß', 'σ', 'ǆ', '\u{10428}']) {
      const found = lowerCasePreimages(text);
      expect(new Set(found).size).toBe(found.length);
      for (const c of found) {
        expect([...c]).toHaveLength(1);
        expect(c.toLowerCase()).toBe(text);
      }
    }
    expect(lowerCasePreimages('s')).toEqual(['s', 'S']);
    expect(lowerCasePreimages('σ')).toEqual(['σ', 'Σ']);
    expect(lowerCasePreimages('ǆ')).toEqual(['ǆ', 'Ǆ', 'ǅ']);
  });
});

describe('the table of lower cases', () => {
  it('maps each lower case to the other code points that give it, in code-point order, and nothing else', () => {
    const table = lowerCaseTable();
    expect(table.get('k')).toEqual(['K', '\u212a']);
    expect(table.get('a')).toEqual(['A']);
    expect(table.get('i\u0307')).toEqual(['\u0130']);
    expect(table.get('\u{10428}')).toEqual(['\u{10400}']);
    expect(table.get('1')).toBeUndefined();
    expect(table.get('\ud800')).toBeUndefined();
    let entries = 0;
    for (const [lower, sources] of table) {
      for (const c of sources) {
        entries++;
        expect([...c]).toHaveLength(1);
        expect(c).not.toBe(lower);
        expect(c.toLowerCase()).toBe(lower);
      }
      expect([...sources].sort((x, y) => x.codePointAt(0)! - y.codePointAt(0)!)).toEqual(sources);
    }
    // Every upper-case letter of Unicode that has a lower case (about 1,400), none twice.
    expect(entries).toBeGreaterThan(1_300);
    expect(entries).toBe(new Set([...table.values()].flat()).size);
  });
});
