/**
 * What the lint's report stores share (PackedParts, SpooledParts; issue 15, "Memory"): texts
 * pushed in pieces are handed on in batches of at least BATCH characters, a batch ending where a
 * pushed text ends (so no surrogate pair is split), and what was not yet handed on is read last,
 * as one part. A batch is UTF-8 once kept: a lone surrogate becomes U+FFFD, as it does when the
 * text is printed (`writeAll` writes UTF-8).
 */
import type { PartStore } from '../../lint/format/parts.js';

/** Characters gathered before they are kept together: big enough to deflate well and to write in few calls, small next to the heap. */
export const BATCH = 64 * 1024;

/** A store that keeps its text a batch at a time (`keep`) and gives the batches back in order (`kept`). */
export abstract class BatchedParts implements PartStore {
  #pending: string[] = [];
  #pendingLength = 0;
  #scratch = Buffer.alloc(0);

  push(text: string): void {
    this.#pending.push(text);
    this.#pendingLength += text.length;
    if (this.#pendingLength < BATCH) return;
    const batch = this.#pending.join('');
    this.#pending = [];
    this.#pendingLength = 0;
    this.keep(batch);
  }

  /** The batches kept, in order, then the texts not yet kept, as one part. May be read more than once. */
  *parts(): Generator<string> {
    yield* this.kept();
    if (this.#pending.length > 0) yield this.#pending.join('');
  }

  /**
   * A buffer of at least `size` bytes for a batch's UTF-8 bytes: the store's own, reused from batch
   * to batch, not one per batch left outside the heap until a full collection.
   */
  protected scratch(size: number): Buffer {
    if (this.#scratch.length < size) this.#scratch = Buffer.allocUnsafeSlow(size);
    return this.#scratch;
  }

  /** Keeps one batch (at least BATCH characters, whole pushed texts). */
  protected abstract keep(batch: string): void;

  /** The batches kept, in the order they were kept. */
  protected abstract kept(): Iterable<string>;
}
