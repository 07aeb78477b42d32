/**
 * A report's text kept deflated (issue 15, "Memory"): `ramguard lint` of 2,000 files keeps 2.8 MiB
 * of text report, 6.6 MiB of JSON or 12 MiB of SARIF until it prints it (a read error in any file
 * replaces the report, so none of it can be printed before the last file). Deflated at level 1 in
 * batches of 64 Ki characters it is 12–25 times smaller, for about 10 ms of CPU per MiB.
 * Since round 5 the lint keeps it in an unnamed file (spooled-parts.ts), and deflated only where
 * no file can be made or written.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { BatchedParts } from './batched-parts.js';

/** zlib's smallest output chunk (`zlib.constants.Z_MIN_CHUNK`). */
const MIN_CHUNK = 64;

/** Text kept deflated, a batch at a time (BatchedParts: 64 Ki characters, deflated at level 1). */
export class PackedParts extends BatchedParts {
  readonly #packed: Buffer[] = [];
  /** Each batch's size in bytes before it was deflated. */
  readonly #sizes: number[] = [];

  protected keep(batch: string): void {
    const size = Buffer.byteLength(batch, 'utf8');
    const encoded = this.scratch(size);
    const deflated = deflateRawSync(encoded.subarray(0, encoded.write(batch, 'utf8')), { level: 1 });
    // Copied: zlib returns a view of its 16 KiB output buffer, which a batch of a few KiB would
    // keep whole (3 MiB of the 1 MiB a lint of 2,000 files keeps of its SARIF report).
    this.#packed.push(Buffer.from(deflated));
    this.#sizes.push(size);
  }

  /** One part per batch, inflated as it is read. */
  protected *kept(): Generator<string> {
    // An output chunk larger than the batch: its bytes in one buffer, not in 16 KiB chunks and their concatenation.
    for (let i = 0; i < this.#packed.length; i++) yield inflateRawSync(this.#packed[i]!, { chunkSize: Math.max(MIN_CHUNK, this.#sizes[i]! + MIN_CHUNK) }).toString('utf8');
  }
}
