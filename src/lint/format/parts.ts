/**
 * Where a report built file by file (TextReport, JsonReport, SarifReport) keeps its rendered text
 * until it is printed. The reports keep it as given (KeptParts); a caller that keeps thousands of
 * files' reports may keep it packed instead (the CLI: src/cli/kit/packed-parts.ts), since the text
 * of a large report (12 MiB of SARIF for 2,000 files) is most of what a lint keeps.
 */

/** Text kept in order, read back in parts. */
export interface PartStore {
  /** Keeps `text` after what was kept before. */
  push(text: string): void;
  /** What was kept, in parts: joined, every text pushed, in order. May be read more than once. */
  parts(): Iterable<string>;
}

/** A store of the texts themselves, each one part. */
export class KeptParts implements PartStore {
  readonly #parts: string[] = [];

  push(text: string): void {
    this.#parts.push(text);
  }

  parts(): readonly string[] {
    return this.#parts;
  }
}

/** Makes the store a report keeps its text in. */
export type PartStoreFactory = () => PartStore;

/** The default: the texts kept as they are. */
export const keptParts: PartStoreFactory = () => new KeptParts();
