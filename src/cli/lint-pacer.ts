/**
 * Full collections paced by the lint itself (issue 15, "Memory"). A lint of many files keeps
 * little (one file at a time, its report deflated) and allocates briskly: V8 lets the old
 * generation grow by at least 8 MiB of garbage between full collections, and collects the buffers
 * outside the heap only then. Collecting whenever the heap in use (and the buffers made since)
 * has grown by PACE_STEP keeps the peak near what is live, for few collections: the heap holds
 * 6–7 MiB live, and a collection of it takes a few milliseconds.
 */
import type { HeapControl } from './kit/io.js';

/** Growth of the heap in use, in bytes, between two full collections. */
export const PACE_STEP = 2 * 1024 * 1024;

/** Collects when the heap has grown by `step` since the last collection. */
export class CollectionPacer {
  #floor: number;
  #outside = 0;

  constructor(
    private readonly heap: HeapControl,
    private readonly step = PACE_STEP,
  ) {
    this.#floor = heap.used();
  }

  /**
   * Called between pieces of work (after each file, each printed part): `outside` is how many
   * bytes the piece left outside the heap (buffers the next full collection frees).
   */
  note(outside = 0): void {
    this.#outside += outside;
    if (this.heap.used() + this.#outside <= this.#floor + this.step) return;
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
