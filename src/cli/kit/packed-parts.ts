/**
 * A report's text kept deflated (issue 15, "Memory"): `ramguard lint` of 2,000 files keeps 2.8 MiB
 * of text report, 6.6 MiB of JSON or 12 MiB of SARIF until it prints it (a read error in any file
 * replaces the report, so none of it can be printed before the last file). Deflated at level 1 in
 * batches of PACK_BATCH characters it is 12–25 times smaller, for about 10 ms of CPU per MiB.
 * Since round 5 the lint keeps it in an unnamed file (spooled-parts.ts), and deflated only where
 * no file can be made or written.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { PartStore } from '../../lint/format/parts.js';

/** Characters gathered before they are deflated together: big enough to compress well, small next to the heap. */
const PACK_BATCH = 64 * 1024;

/** zlib's smallest output chunk (`zlib.constants.Z_MIN_CHUNK`). */
const MIN_CHUNK = 64;

// The UTF-8 bytes of the batch being deflated, for every store: one buffer, not one per batch
// left outside the heap until a full collection.
let encoded = Buffer.alloc(0);

/**
 * Text kept deflated in batches. The text is UTF-8 in a batch: a lone surrogate becomes U+FFFD,
 * as it does when the text is printed (`writeAll` writes UTF-8), and a batch ends where a pushed
 * text ends, so no pair is split.
 */
export class PackedParts implements PartStore {
  readonly #packed: Buffer[] = [];
  /** Each batch's size in bytes before it was deflated. */
  readonly #sizes: number[] = [];
  #pending: string[] = [];
  #pendingLength = 0;

  push(text: string): void {
    this.#pending.push(text);
    this.#pendingLength += text.length;
    if (this.#pendingLength >= PACK_BATCH) this.#pack();
  }

  #pack(): void {
    const text = this.#pending.join('');
    this.#pending = [];
    this.#pendingLength = 0;
    const size = Buffer.byteLength(text, 'utf8');
    if (encoded.length < size) encoded = Buffer.allocUnsafeSlow(size);
    const deflated = deflateRawSync(encoded.subarray(0, encoded.write(text, 'utf8')), { level: 1 });
    // Copied: zlib returns a view of its 16 KiB output buffer, which a batch of a few KiB would
    // keep whole (3 MiB of the 1 MiB a lint of 2,000 files keeps of its SARIF report).
    this.#packed.push(Buffer.from(deflated));
    this.#sizes.push(size);
  }

  /** One part per batch, inflated as it is read; the texts not yet deflated last, as one part. */
  *parts(): Generator<string> {
    // An output chunk larger than the batch: its bytes in one buffer, not in 16 KiB chunks and their concatenation.
    for (let i = 0; i < this.#packed.length; i++) yield inflateRawSync(this.#packed[i]!, { chunkSize: Math.max(MIN_CHUNK, this.#sizes[i]! + MIN_CHUNK) }).toString('utf8');
    if (this.#pending.length > 0) yield this.#pending.join('');
  }
}
