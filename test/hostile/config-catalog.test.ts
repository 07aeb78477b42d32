/**
 * Hostile lint configurations × `lint --config FILE .`, and hostile catalog service files ×
 * `catalog services --catalog DIR` and `lint --catalog DIR`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_COMMANDS, CONFIG_COMMANDS, GOOD_FILE } from './commands.js';
import { CONFIG_DIR, WALK_DIR, hostileConfigs, hostileServiceFiles } from './config-catalog-families.js';
import { GOOD_POLICY_TEXT } from './policy-structure.js';
import { hostileSuite } from './suite.js';

hostileSuite('configs', hostileConfigs(), CONFIG_COMMANDS, {
  setup: (dir) => {
    mkdirSync(join(dir.tree, WALK_DIR));
    mkdirSync(join(dir.tree, CONFIG_DIR));
    writeFileSync(join(dir.tree, WALK_DIR, GOOD_FILE), GOOD_POLICY_TEXT);
  },
  cwdOf: () => WALK_DIR,
});

hostileSuite('catalogs', hostileServiceFiles(), CATALOG_COMMANDS, {
  setup: (dir) => writeFileSync(join(dir.tree, GOOD_FILE), GOOD_POLICY_TEXT),
});
