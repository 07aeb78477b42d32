/**
 * Full collections paced by the lint itself (issue 15, "Memory"). A lint of many files keeps
 * little (one file at a time, its report deflated) and allocates briskly: V8 lets the old
 * generation grow by at least 8 MiB of garbage between full collections, and collects the buffers
 * outside the heap only then. Collecting whenever the heap in use (and the buffers made since)
 * has grown by PACE_STEP (or PACE_GROWTH of what is live, when that is more) keeps the peak near
 * what is live, for few collections: the heap holds 6–7 MiB live, and a collection of it takes a
 * few milliseconds.
 */
import type { HeapControl } from './kit/io.js';

/** Growth of the heap in use, in bytes, between two full collections. */
export const PACE_STEP = 2 * 1024 * 1024;

/**
 * The growth allowed is at least this share of what was live after the last collection. A full
 * collection costs about as much as what is live: with a fixed step, a lint whose live heap grew
 * (a large repository's kept report) would collect as often at 200 MiB live as at 7, and spend
 * most of its time collecting; with a share, the time spent collecting stays a bounded fraction
 * of the lint's. At the 6–7 MiB the bench's 2,000 files keep, the 2 MiB step is the larger.
 */
export const PACE_GROWTH = 0.25;

/** Collects when the heap has grown by `step`, or by `growth` of what was live, since the last collection. */
export class CollectionPacer {
  #floor: number;
  #outside = 0;

  constructor(
    private readonly heap: HeapControl,
    private readonly step = PACE_STEP,
    private readonly growth = PACE_GROWTH,
  ) {
    this.#floor = heap.used();
  }

  /**
   * Called between pieces of work (after each file, each printed part): `outside` is how many
   * bytes the piece left outside the heap (buffers the next full collection frees).
   */
  note(outside = 0): void {
    this.#outside += outside;
    if (this.heap.used() + this.#outside <= this.#floor + Math.max(this.step, this.#floor * this.growth)) return;
    this.heap.collect();
    this.#outside = 0;
    this.#floor = this.heap.used();
  }

  /** `parts`, noting each part's length in bytes outside the heap when it is read (its inflated bytes: PackedParts). */
  *paced(parts: Iterable<string>): Generator<string> {
    for (const part of parts) {
      this.note(part.length);
      yield part;
    }
  }
}
