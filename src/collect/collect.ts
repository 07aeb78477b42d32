/**
 * `collectAccount`: reads an account through a Caller — RAM and Resource Manager, then the
 * account's place in a Resource Directory — and assembles the snapshot, with the figures of the run. The library entry of `ramguard collect`.
 */
import type { RawSnapshot } from '../snapshot/references.js';
import type { CollectionGap } from '../snapshot/types.js';
import { assembleSnapshot } from './assemble.js';
import type { Caller } from './calls.js';
import { readAccount, type ReadOptions } from './read-account.js';
import { readDirectory } from './read-directory.js';

/** What to collect and how to report progress. */
export interface CollectOptions extends ReadOptions {
  /** ISO 8601: when the collection ran (the caller's clock). */
  collectedAt: string;
  /** The tool and version written into `collection.tool`. */
  tool: string;
}

/** The result: the snapshot (none when the account id could not be learnt), its gaps, and counts. */
export interface CollectResult {
  snapshot?: RawSnapshot;
  gaps: CollectionGap[];
  /** Pages read per list action. */
  pages: Record<string, number>;
}

/** Collects the account `call` reaches. */
export async function collectAccount(call: Caller, options: CollectOptions): Promise<CollectResult> {
  const reading = await readAccount(call, options);
  // The directory is asked about by account id: without one there is no snapshot to put it in.
  if (reading.accountId !== undefined) {
    options.onProgress?.('directory', 0, 1);
    reading.directory = await readDirectory(call, reading.accountId);
    options.onProgress?.('directory', 1, 1);
  }
  const { snapshot, gaps } = assembleSnapshot(reading, { collectedAt: options.collectedAt, tool: options.tool, camsInstances: options.camsRegion !== undefined });
  return { ...(snapshot ? { snapshot } : {}), gaps, pages: reading.pages };
}
