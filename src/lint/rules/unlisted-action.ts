/**
 * warning: an action of a service whose action list may be incomplete (its names come from an SDK
 * that can miss RAM actions, semantics K5) that the list lacks but that is one or two edits from
 * an action it has (`oss:GetObjectz`). `unknown-action` stays silent for such services, since a
 * missing name there is not proof of a typo; a near miss still deserves a did-you-mean.
 */
import { didYouMean } from '../../catalog/suggest.js';
import { writtenActionMisses } from '../action-misses.js';
import type { LintRule } from '../types.js';

export const unlistedAction: LintRule = {
  id: 'unlisted-action',
  severity: 'warning',
  title: 'an action its service’s incomplete list lacks, close to one it has',
  help: 'check the spelling against the suggestion; if the action is right, the catalog’s list for the service is incomplete',
  check({ policy, raw, catalog, report }) {
    for (const { name, path, miss } of writtenActionMisses(policy, raw, catalog, 'unlisted')) {
      report({
        path,
        message: `\`${miss.service.service}\` lists no action \`${name}\` (its list may be incomplete)`,
        help: didYouMean([miss.suggestion])!,
      });
    }
  },
};
