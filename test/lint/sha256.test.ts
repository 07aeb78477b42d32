/** The SARIF fingerprints' SHA-256 (src/lint/format/sha256.ts) gives node:crypto's digests. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/lint/format/sha256.js';

const nodeSha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('sha256Hex', () => {
  it('gives the standard test vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('gives what node:crypto gives at every length around a block boundary, and for a long text after a short one', () => {
    for (let n = 0; n <= 200; n++) expect(sha256Hex('x'.repeat(n))).toBe(nodeSha256('x'.repeat(n)));
    const long = 'policy '.repeat(5_000);
    expect(sha256Hex(long)).toBe(nodeSha256(long));
    expect(sha256Hex('a')).toBe(nodeSha256('a'));
  });

  it('hashes the UTF-8 bytes, a lone surrogate as U+FFFD, as node:crypto does', () => {
    for (const text of ['é€', '😀 x', 'a\ud800b', '\udc00', 'rule\u0000policies/p.json\u0000/Statement/0', '\u00ff'.repeat(60)]) expect(sha256Hex(text)).toBe(nodeSha256(text));
  });

  it('gives what node:crypto gives for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => sha256Hex(text) === nodeSha256(text)),
      { numRuns: 500 },
    );
  });
});
