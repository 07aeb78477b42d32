// Writes the published JSON Schemas (schemas/*.json) from the built library: `npm run schemas`.
import { writeFileSync } from 'node:fs';
import { POLICY_KINDS, emulatorConfigSchema, lintConfigSchema, catalogConditionKeysSchema, catalogServiceSchema, catalogSystemPoliciesSchema, policySchema, scenarioSchema, snapshotSchema } from '../dist/index.js';

const write = (name, schema) => writeFileSync(new URL(`../schemas/${name}`, import.meta.url), JSON.stringify(schema, null, 2) + '\n');
write('scenario.schema.json', scenarioSchema);
for (const kind of POLICY_KINDS) write(`policy-${kind}.schema.json`, { $schema: 'http://json-schema.org/draft-07/schema#', ...policySchema(kind) });
write('catalog-service.schema.json', catalogServiceSchema);
write('catalog-condition-keys.schema.json', catalogConditionKeysSchema);
write('catalog-system-policies.schema.json', catalogSystemPoliciesSchema);
write('config.schema.json', lintConfigSchema);
write('emulator-config.schema.json', emulatorConfigSchema);
write('snapshot.schema.json', snapshotSchema);
console.log('wrote schemas/');
