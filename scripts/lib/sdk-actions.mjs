// Reading Alibaba's SDK packages for the API names they call, and the mapping file that pins them
// (catalog/sources/sdk-products.tsv). Pure functions of text: scripts/harvest-sdk-actions.mjs does
// the fetching, scripts/build-catalog.mjs turns the harvested rows into catalog entries.

const COLUMNS = ['ram_code', 'name', 'sdk_product', 'package', 'version', 'api_version', 'file', 'format', 'coverage', 'note'];

/** How a package names its APIs; each has its parser below. */
export const FORMATS = ['openapi-params', 'rpc-do-request', 'aliyun-sdk-apis', 'none'];

/** complete: the package names every action RAM checks; partial: it may miss some; none: no package. */
export const COVERAGES = ['complete', 'partial', 'none'];

const API_NAME = /^[A-Za-z][A-Za-z0-9]*$/;
const API_VERSION = /^\d{4}-\d{2}-\d{2}$/;

/** Parses sdk-products.tsv (comment lines start with `#`); every malformed row is an error naming its line. */
export function parseSdkProducts(text, file = 'sdk-products.tsv') {
  const lines = text.split('\n').map((line, i) => [line, i + 1]).filter(([l]) => l.trim() !== '' && !l.startsWith('#'));
  if (lines.length === 0 || lines[0][0] !== COLUMNS.join('\t')) throw new Error(`${file}: the header is not ${COLUMNS.join(' | ')}`);
  return lines.slice(1).map(([line, n]) => {
    const cells = line.split('\t').map((c) => c.trim());
    const where = `${file}:${n}`;
    if (cells.length !== COLUMNS.length) throw new Error(`${where}: ${cells.length} columns, not ${COLUMNS.length}`);
    const row = Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i]]));
    if (!/^[a-z0-9][a-z0-9-]*$/.test(row.ram_code)) throw new Error(`${where}: \`${row.ram_code}\` is not a RAM code`);
    if (!FORMATS.includes(row.format)) throw new Error(`${where}: format \`${row.format}\` is not one of ${FORMATS.join(', ')}`);
    if (!COVERAGES.includes(row.coverage)) throw new Error(`${where}: coverage \`${row.coverage}\` is not one of ${COVERAGES.join(', ')}`);
    if ((row.format === 'none') !== (row.coverage === 'none') || (row.format === 'none') !== (row.package === '-')) throw new Error(`${where}: a row without a package has format and coverage \`none\`, and only such a row`);
    // An exact version, so a harvest is reproducible: no ranges, tags or `latest`.
    if (row.package !== '-' && !/^\d+\.\d+\.\d+$/.test(row.version)) throw new Error(`${where}: version \`${row.version}\` is not an exact x.y.z`);
    if (!API_VERSION.test(row.api_version)) throw new Error(`${where}: API version \`${row.api_version}\` is not YYYY-MM-DD`);
    if (row.file.includes('..') || row.file.startsWith('/')) throw new Error(`${where}: file \`${row.file}\` is not inside the package`);
    return row;
  });
}

/** `pkg@version`, as npm names a pinned package. */
export const spec = (row) => `${row.package}@${row.version}`;

/**
 * The API names (and API versions) a package file calls, sorted and deduplicated. Formats:
 * - `openapi-params`: current SDKs (`@alicloud/ecs20140526`): `action: "DescribeInstances", version: "2014-05-26"`;
 * - `rpc-do-request`: their first generation: `this.doRequest("CreateKey", "HTTPS", "POST", "2016-01-20", …)`;
 * - `aliyun-sdk-apis`: the older all-in-one `aliyun-sdk`'s API descriptions: `{apiVersion, operations: {x: {name}}}`.
 */
export function parseSdkActions(text, format) {
  const found = [];
  if (format === 'openapi-params') {
    for (const m of text.matchAll(/\baction:\s*"([^"]*)",\s*version:\s*"([^"]*)"/g)) found.push([m[1], m[2]]);
  } else if (format === 'rpc-do-request') {
    for (const m of text.matchAll(/\bdoRequest\(\s*"([^"]*)",\s*"HTTPS?",\s*"[A-Z]+",\s*"([^"]*)"/g)) found.push([m[1], m[2]]);
  } else if (format === 'aliyun-sdk-apis') {
    const data = JSON.parse(text);
    if (typeof data?.operations !== 'object' || data.operations === null) throw new Error('no `operations` object');
    for (const op of Object.values(data.operations)) found.push([op?.name, data.apiVersion]);
  } else {
    throw new Error(`format \`${format}\` names no APIs`);
  }
  const byName = new Map();
  for (const [name, version] of found) {
    if (typeof name !== 'string' || !API_NAME.test(name)) throw new Error(`\`${name}\` is not an API name`);
    if (typeof version !== 'string' || !API_VERSION.test(version)) throw new Error(`${name}: API version \`${version}\` is not YYYY-MM-DD`);
    const seen = byName.get(name);
    if (seen !== undefined && seen !== version) throw new Error(`${name} is called with API versions ${seen} and ${version}`);
    byName.set(name, version);
  }
  if (byName.size === 0) throw new Error(`no API names in the ${format} form`);
  return [...byName].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, apiVersion]) => ({ name, apiVersion }));
}

const HARVEST_COLUMNS = ['action', 'api_version', 'package', 'file'];

/** The harvested rows of one RAM code as committed: catalog/sources/sdk/<ram_code>.tsv. */
export function harvestText(ramCode, parts) {
  const lines = [
    `# API names of the SDK packages of RAM code \`${ramCode}\`, written by \`npm run catalog:harvest\` (scripts/harvest-sdk-actions.mjs).`,
    '# Do not edit: change catalog/sources/sdk-products.tsv and harvest again. Packages (npm integrity):',
    ...parts.map((p) => `#   ${spec(p.row)} ${p.integrity}`),
    HARVEST_COLUMNS.join('\t'),
  ];
  for (const p of parts) for (const a of p.actions) lines.push([a.name, a.apiVersion, spec(p.row), p.row.file].join('\t'));
  return `${lines.join('\n')}\n`;
}

/** Parses a harvested file back into rows `{action, apiVersion, spec, file}`. */
export function parseHarvest(text, file) {
  const lines = text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (lines[0] !== HARVEST_COLUMNS.join('\t')) throw new Error(`${file}: the header is not ${HARVEST_COLUMNS.join(' | ')}`);
  return lines.slice(1).map((line, i) => {
    const [action, apiVersion, pkg, path, extra] = line.split('\t');
    if (extra !== undefined || path === undefined || !API_NAME.test(action) || !API_VERSION.test(apiVersion)) throw new Error(`${file}: row ${i + 2} is not action | api_version | package | file`);
    return { action, apiVersion, spec: pkg, file: path };
  });
}
