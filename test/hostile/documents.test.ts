/**
 * Hostile documents other than policies: scenarios × eval/preflight --scenario; account snapshots
 * × eval --snapshot, audit who-can and audit principal-can; lint configurations × lint --config;
 * catalog service files × catalog services --catalog and lint --catalog.
 */
import { CATALOG_COMMANDS, CONFIG_COMMANDS, SCENARIO_COMMANDS, SNAPSHOT_COMMANDS } from './commands.js';
import { hostileConfigs, hostileServiceFiles, WALK_DIR } from './config-catalog-families.js';
import { hostileScenarios, SCENARIO_DIR } from './scenario-families.js';
import { hostileSnapshots, SNAPSHOT_DIR } from './snapshot-families.js';
import { hostileSuite } from './suite.js';
import { copyExamples, writeGoodPolicy, writeWalkDir } from './tree-setup.js';

hostileSuite('scenarios', hostileScenarios(), SCENARIO_COMMANDS, { setup: (dir) => copyExamples(dir, SCENARIO_DIR) });
hostileSuite('snapshots', hostileSnapshots(), SNAPSHOT_COMMANDS, { setup: (dir) => copyExamples(dir, SNAPSHOT_DIR) });
hostileSuite('configs', hostileConfigs(), CONFIG_COMMANDS, { setup: writeWalkDir, cwdOf: () => WALK_DIR });
hostileSuite('catalogs', hostileServiceFiles(), CATALOG_COMMANDS, { setup: writeGoodPolicy });
