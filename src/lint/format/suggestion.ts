/** The did-you-mean of a finding, which every report shows (not only verbose text). */
import type { Finding } from '../engine.js';

/** `did you mean \`x\`?` when the finding's help is one (unknown actions, keys, rule ids), else undefined. */
export function suggestionOf(f: Pick<Finding, 'help'>): string | undefined {
  return f.help?.startsWith('did you mean ') ? f.help : undefined;
}
