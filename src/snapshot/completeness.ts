/**
 * A collected snapshot says what it lacks (`collection.gaps`, `collection.notCollected`). An answer
 * drawn from it must say so too: a missing attachment can hide access, and a Resource Directory
 * that was not read means control policies that may deny are not in the answer. These are
 * warnings, not errors — the answer is still the right one for what the snapshot holds.
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { AccountSnapshot } from './types.js';

/**
 * What `notCollected` entries mean for an answer, for the ones whose effect is worth spelling out.
 * A Map: an entry comes from the file, and `constructor` must not find Object's.
 */
const CONSEQUENCE = new Map<string, string>([
  ['resourceDirectory', 'control policies are not in the answer: a control policy may deny what it reports as allowed'],
  ['resources.camsInstances', "there is no inventory of CAMS instances: an instance's resource group and tags are unknown, and `--all-resources` has nothing to list"],
]);

/** Warnings for an answer computed from `snapshot` (none for a snapshot that records no collection). */
export function completenessWarnings(snapshot: AccountSnapshot, file?: string): Diagnostic[] {
  const collection = snapshot.collection;
  if (!collection) return [];
  const at = (path: string): Pick<Diagnostic, 'file' | 'path'> => ({ ...(file !== undefined ? { file } : {}), path });
  const warnings: Diagnostic[] = [];
  if (collection.gaps.length > 0) {
    const first = collection.gaps[0]!;
    warnings.push({
      code: 'snapshot-incomplete',
      severity: 'warning',
      message: `the snapshot was collected with ${collection.gaps.length} gap(s) — first: ${first.service} ${first.action} (${first.code ?? 'failed'}): ${first.missing}; access that the missing parts grant or deny is not in this answer`,
      ...at('/collection/gaps'),
      help: 'collect again once the calls succeed (see collection.gaps for each failed call)',
    });
  }
  const said = new Set<string>(); // once per part, however often the file lists it
  for (const [i, part] of (collection.notCollected ?? []).entries()) {
    const consequence = CONSEQUENCE.get(part);
    if (consequence === undefined || said.has(part)) continue;
    said.add(part);
    warnings.push({ code: 'snapshot-incomplete', severity: 'warning', message: `the snapshot does not record \`${part}\`: ${consequence}`, ...at(`/collection/notCollected/${i}`), help: `add \`${part}\` to the snapshot by hand (see docs/snapshot-format.md)` });
  }
  return warnings;
}
