/** The state in the address: a round trip for any text, and nothing from a damaged or oversized fragment. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState, MAX_STATE_BYTES, STATE_PREFIX } from '../../src/playground/hash-state.js';

describe('encodeState / decodeState', () => {
  it('round-trips any text (property), in a fragment of URL-safe characters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 400 }), async (text) => {
        const hash = await encodeState(text);
        return /^#s1=[A-Za-z0-9_-]*$/.test(hash) && (await decodeState(hash)) === text;
      }),
      { numRuns: 100 },
    );
  });

  it('compresses a scenario (the address stays short)', async () => {
    const text = 'policies:\n  identity:\n' + '    - { name: p, system: AliyunCamsReadOnlyAccess }\n'.repeat(200);
    expect((await encodeState(text)).length).toBeLessThan(text.length / 10);
  });

  it('reads nothing from another fragment, a damaged one, or one that is not UTF-8', async () => {
    expect(await decodeState('#principal=alice')).toBeUndefined();
    expect(await decodeState(`${STATE_PREFIX}not base64!`)).toBeUndefined();
    expect(await decodeState(`${STATE_PREFIX}AAAA`)).toBeUndefined();
    const valid = await encodeState('x');
    expect(await decodeState(valid.slice(0, -2) + '__')).not.toBe('x');
  });

  it('stops inflating a crafted fragment at MAX_STATE_BYTES', async () => {
    const bomb = await encodeState('a'.repeat(MAX_STATE_BYTES + 1));
    expect(bomb.length).toBeLessThan(20_000);
    expect(await decodeState(bomb)).toBeUndefined();
    const justUnder = await encodeState('a'.repeat(1000));
    expect(await decodeState(justUnder)).toBe('a'.repeat(1000));
  });
});
