// @ts-check
/**
 * `npm run mutate`'s configuration with static mutants included (module-level values: regex
 * literals, tables). Each of them runs the whole selection of tests, so use it one file at a time:
 * `npx stryker run stryker.static.config.mjs --mutate src/match/principal.ts`. See docs/testing.md.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
import base from './stryker.config.mjs';

export default {
  ...base,
  ignoreStatic: false,
  // Results of a one-file run must not replace the committed results of the full run.
  incrementalFile: 'reports/stryker-incremental-static.json',
};
